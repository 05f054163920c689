/**
 * What the command line and each batch worker set up before any package loads: V8's tiering
 * (tiering.ts), then the packages' compiled code kept between runs (code-cache.ts), which V8 checks
 * against the flags in force when it was made.
 */
import './tiering.js';
import { installCodeCache } from './code-cache.js';

installCodeCache();
