#!/usr/bin/env node
/**
 * report-press: `build`, `check`, `diff` and `watch` over the report folders under data/.
 * Run `report-press --help`; the commands live in src/cli/.
 */
// First, so that V8's optimising threshold is set before the engine loads (tiering.ts).
import './tiering.js';
import { main } from './cli/main.js';

process.exitCode = await main(process.argv.slice(2));
