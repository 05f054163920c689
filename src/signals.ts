/**
 * Ctrl-C and SIGTERM end a build at once, even while a read is blocked (a named pipe, a stalled
 * network disk). `process.exit()` waits for the blocked thread, so it cannot be used: the work in
 * flight is undone synchronously, then the process ends by the signal itself, as a shell expects.
 */

/** Undo steps for work in flight (temporary files, outputs half replaced); each runs synchronously. */
const undoers = new Set<() => void>();

/** Registers an undo step to run if the process is interrupted; returns its removal. */
export function onInterrupt(undo: () => void): () => void {
  undoers.add(undo);
  return () => undoers.delete(undo);
}

/** Runs every registered undo step, newest first (also in a batch's worker thread, when told). */
export function undoAll(): void {
  for (const undo of [...undoers].reverse()) {
    try {
      undo();
    } catch {
      // Ending promptly matters more: the next build removes what is left.
    }
  }
}

function end(signal: NodeJS.Signals): void {
  undoAll();
  // With no listener left, Node restores the default action, and the signal ends the process.
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
}

/** Makes SIGINT and SIGTERM end the process within moments; for the command line, not the library. */
export function endOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, end);
}
