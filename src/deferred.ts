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

/**
 * A stand-in for the module `file` in the require cache: the module itself is loaded at first use,
 * and everything done to the stand-in is done to it. `exports` says what the module exports, a
 * function or an object, so that the stand-in is one too.
 */
function defer(file: string, exports: 'function' | 'object'): void {
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
  const target = (exports === 'function' ? () => undefined : {}) as Exports;
  standIn.exports = new Proxy(target, {
    apply: (_, self, args) => Reflect.apply(load(), self, args),
    get: (_, key) => Reflect.get(load(), key),
    set: (_, key, value) => Reflect.set(load(), key, value),
    has: (_, key) => Reflect.has(load(), key),
    deleteProperty: (_, key) => Reflect.deleteProperty(load(), key),
    // A proxy must report a property's fixedness as its target has it: a property defined through
    // the stand-in is defined on both, and reported as the target has it; the module's own are
    // reported as configurable, as the target lacks them.
    defineProperty: (_, key, descriptor) =>
      Reflect.defineProperty(load(), key, descriptor) && Reflect.defineProperty(target, key, descriptor),
    ownKeys: () => [...new Set([...Reflect.ownKeys(load()), ...Reflect.ownKeys(target)])],
    getOwnPropertyDescriptor: (_, key) => {
      const mirrored = Reflect.getOwnPropertyDescriptor(target, key);
      if (mirrored) return mirrored;
      const own = Reflect.getOwnPropertyDescriptor(load(), key);
      return own && { ...own, configurable: true };
    },
  });
  require.cache[file] = standIn;
}

/** Puts the stand-ins in place; a module already loaded or deferred is left as it is. */
export function deferSeldomUsed(): void {
  const fontkit = createRequire(require.resolve('fontkit'));
  const pdfkit = createRequire(require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] }));
  defer(fontkit.resolve('brotli/decompress.js'), 'function');
  defer(pdfkit.resolve('@noble/ciphers/aes'), 'object');
}
