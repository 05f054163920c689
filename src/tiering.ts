/**
 * When V8 hands a function to its optimising compiler. By default a function is optimised once it
 * has run about 66 KB of bytecode, a threshold made for browsers' long-lived pages. A build runs
 * thousands of functions from a dozen packages, most of them a few times per document, so a fresh
 * process spent more CPU optimising (on V8's helper threads) than running the report: 527
 * optimisations in a batch of eight reports, half of all its CPU time, on the two cores that the build
 * itself needs. With the threshold nine times higher, only the truly hot code is optimised:
 * measured on a 2-core machine, a one-shot report PDF took about 20 % less time and 35 % less CPU,
 * a batch 15–25 % less time, and a resident process's builds were as quick once warm (tests/bench).
 *
 * Imported first by startup.ts, which the command line imports first, so it is set before the engine
 * loads; V8 reads it each time it sets a function's budget, so setting it while running is enough.
 * Batch worker threads share the process's flags. Output does not depend on it: optimised code computes what the interpreter does.
 */
import v8 from 'node:v8';

/** Bytecode a function runs before V8 considers optimising it (V8's default is 67584). */
export const INTERRUPT_BUDGET = 600_000;

/**
 * The V8 this was measured on (Node 20's). Later V8s add a middle tier (Maglev) with thresholds of
 * its own, and V8 may rename its flags; there the setting is left as V8 has it until measured.
 */
export const TUNED_V8 = /^11\.3\./;

if (TUNED_V8.test(process.versions.v8)) v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
