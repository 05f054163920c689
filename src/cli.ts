#!/usr/bin/env node
/**
 * report-press: `build`, `check`, `diff` and `watch` over the report folders under data/.
 * Run `report-press --help`; the commands live in src/cli/.
 */
// First, before the engine loads: V8's tiering and the packages' kept compiled code (startup.ts).
import './startup.js';
import { main } from './cli/main.js';

process.exitCode = await main(process.argv.slice(2));
