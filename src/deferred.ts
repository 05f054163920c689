/**
 * Modules that fontkit and pdfkit load when they are loaded, but that a build does not use, are
 * answered with a stand-in that loads the module when it is first used: fontkit's Brotli decoder
 * (for WOFF2 fonts; the project's are TTF; some 25 ms of a start-up) and pdfkit's AES cipher (for
 * encrypted PDFs; its tables some 5 ms). Each is used by its package through the module's exports at
 * the time of a call, never kept apart from them, which a stand-in needs. (fontkit's Unicode
 * properties cannot wait: every glyph it makes asks them whether it is a mark.) Called by fonts.ts
 * before fontkit and pdfkit are loaded.
 */
import Module, { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Exports = Record<PropertyKey, unknown> & ((...args: unknown[]) => unknown);

/** A stand-in for the module `file` in the require cache: the module itself is loaded at first use. */
function defer(file: string): void {
  if (require.cache[file]) return;
  let real: Exports | undefined;
  const load = (): Exports => {
    if (!real) {
      delete require.cache[file];
      real = require(file) as Exports;
    }
    return real;
  };
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  // A function, so that a module whose exports are one (Brotli's decoder) can be called.
  standIn.exports = new Proxy((() => undefined) as unknown as Exports, {
    apply: (_, self, args) => Reflect.apply(load(), self, args),
    get: (_, key) => Reflect.get(load(), key),
    has: (_, key) => Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const own = Reflect.getOwnPropertyDescriptor(load(), key);
      // A proxy may not report a property the stand-in lacks as fixed.
      return own && { ...own, configurable: true };
    },
  });
  require.cache[file] = standIn;
}

let deferred = false;

export function deferSeldomUsed(): void {
  if (deferred) return;
  deferred = true;
  const fontkit = createRequire(require.resolve('fontkit'));
  const pdfkit = createRequire(require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] }));
  defer(fontkit.resolve('brotli/decompress.js'));
  defer(pdfkit.resolve('@noble/ciphers/aes'));
}
