import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchema } from '../../src/schema/write-json-schema.js';
import { ROOT } from '../helpers/paths.js';

describe('the JSON Schema for editors', () => {
  it('is the one generated from the TypeScript definition (run npm run schema)', async () => {
    expect(await readFile(path.join(ROOT, 'data', 'report.schema.json'), 'utf8')).toBe(jsonSchema());
  });
});
