/**
 * Modules loaded at their first use (src/deferred.ts): loading the fonts and pdfkit leaves them
 * unloaded, and what needs them still works. (fontkit's Brotli decoder and WOFF2 fonts: fonts.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

describe('modules loaded when first used', () => {
  it('leaves pdfkit’s AES unloaded until a PDF is encrypted with it, which then works', () => {
    // A fresh process: what loading the fonts (and with them pdfkit) brings in.
    const script = `
      import { createRequire } from 'node:module';
      await import('./src/fonts.ts');
      const require = createRequire(import.meta.url);
      const aesLoaded = () => Object.keys(require.cache).some((f) => f.includes('/@noble/ciphers/_polyval'));
      const PDFDocument = require(require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] }));
      const before = aesLoaded();
      const doc = new PDFDocument({ pdfVersion: '1.7ext3', userPassword: 'x' });
      const chunks = [];
      doc.on('data', (c) => chunks.push(c));
      await new Promise((resolve) => { doc.on('end', resolve); doc.text('secret'); doc.end(); });
      const pdf = Buffer.concat(chunks).toString('latin1');
      console.log(JSON.stringify({ before, after: aesLoaded(), encrypted: pdf.includes('/Encrypt ') && pdf.includes('/AESV3') }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ before: false, after: true, encrypted: true });
  });
});
