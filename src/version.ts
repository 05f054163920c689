import pkg from '../package.json' with { type: 'json' };

/** The package version, shown by `--version` and part of every output's build fingerprint. */
export const VERSION: string = pkg.version;
