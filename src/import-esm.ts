/**
 * `import()` of an ES module package (Vega, Vega-Lite), from a file that Node compiles itself. The
 * compiled engine is compiled by code-cache.ts through `vm.Script`, where `import()` needs an
 * experimental option that prints a warning when used; this file is compiled apart from the engine
 * (scripts/compile.js), as Node would.
 */
export const importEsm = <T>(specifier: string): Promise<T> => import(specifier) as Promise<T>;
