import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cached, cacheDir } from '../../src/cache.js';
import { cacheSetting } from '../helpers/cache.js';

const cache = cacheSetting();

const useCache = () => cache.fresh();

describe('the on-disk cache', () => {
  it('computes once for the same inputs, and again for other inputs', async () => {
    await useCache();
    let computed = 0;
    const make = (text: string) => () => Promise.resolve((computed++, Buffer.from(text)));
    expect((await cached('t', ['a', Buffer.from('b')], make('one'))).toString()).toBe('one');
    expect((await cached('t', ['a', Buffer.from('b')], make('two'))).toString()).toBe('one');
    expect((await cached('t', ['a', Buffer.from('c')], make('three'))).toString()).toBe('three');
    expect(computed).toBe(2);
  });

  it('recomputes a damaged entry instead of using it', async () => {
    const dir = await useCache();
    await cached('t', ['k'], () => Promise.resolve(Buffer.from('good')));
    const [entry] = await readdir(path.join(dir, 't'));
    const file = path.join(dir, 't', entry!);
    const bytes = await readFile(file);
    bytes.writeUInt8(bytes.at(-1)! ^ 1, bytes.length - 1);
    await writeFile(file, bytes);
    expect((await cached('t', ['k'], () => Promise.resolve(Buffer.from('good')))).toString()).toBe('good');
    await writeFile(file, 'short');
    expect((await cached('t', ['k'], () => Promise.resolve(Buffer.from('good')))).toString()).toBe('good');
  });

  it('is off when REPORT_PRESS_CACHE=off, and the results are the same', async () => {
    cache.off();
    expect(cacheDir()).toBeNull();
    let computed = 0;
    for (let i = 0; i < 2; i++) await cached('t', ['k'], () => Promise.resolve((computed++, Buffer.from('x'))));
    expect(computed).toBe(2);
  });

  it('keeps the HTML edition’s font subsets, identical to those made afresh', async () => {
    // A fresh copy of the module each time, so its in-memory results do not answer.
    const faces = async (text: string) => {
      vi.resetModules();
      const { fontFaces } = await import('../../src/html/fonts.js');
      return fontFaces(text);
    };
    cache.off();
    const fresh = await faces('Cache test ŵ');
    const dir = await useCache();
    expect(await faces('Cache test ŵ')).toBe(fresh);
    expect(await readdir(path.join(dir, 'woff2'))).toHaveLength(4);
    // Damage every stored subset: they are made again, the same.
    for (const entry of await readdir(path.join(dir, 'woff2'))) await writeFile(path.join(dir, 'woff2', entry), 'x');
    expect(await faces('Cache test ŵ')).toBe(fresh);
    expect(await faces('Cache test ŵ')).toBe(fresh);
  });
});
