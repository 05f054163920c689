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
 * Imported first by the command line, so it is set before any other module runs; V8 reads it each
 * time it sets a function's budget, so setting it while running is enough. Batch worker threads share
 * the process's flags. Output does not depend on it: optimised code computes what the interpreter does.
 */
import v8 from 'node:v8';

/** Bytecode a function runs before V8 considers optimising it (V8's default is 67584). */
export const INTERRUPT_BUDGET = 600_000;

v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
