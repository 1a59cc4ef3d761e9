import { inspect } from 'node:util';
import type { RunStatus } from '../entities/index.js';
import { finishRun, state } from './state.js';

/**
 * What happens to fluent runs when the process ends, installed with the first startRun.
 *
 * - The event loop runs dry ('beforeExit', a script that returns normally): every queued
 *   write is flushed and every run still active is ended FINISHED, innermost first, as
 *   MLflow's atexit hook does. A write that fails is printed and sets exit code 1.
 * - An uncaught exception or unhandled rejection, when no one else listens for them: the
 *   error is printed as Node prints it, the runs are ended FAILED, and the process exits with
 *   code 1. (With a listener of your own installed, Node keeps running and so do the runs.)
 * - process.exit(), signals and SIGKILL give no chance to write: 'exit' can only warn, on
 *   stderr, about what was not written.
 */
let installed = false;
let ending = false;

export function installExitHooks(): void {
  if (installed) return;
  installed = true;
  process.on('beforeExit', onBeforeExit);
  process.on('uncaughtException', onUncaughtException);
  process.on('exit', onExit);
}

function hasWork(): boolean {
  return state.stack.length > 0 || [...state.writers].some((writer) => !writer.idle || writer.hasUnreportedErrors);
}

/** Ends every active run with `status` and flushes every writer; returns what failed. */
async function endEverything(status: RunStatus): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (let entry = state.stack.pop(); entry !== undefined; entry = state.stack.pop()) {
    await finishRun(entry, status).catch((error: unknown) => failures.push(error));
  }
  for (const writer of [...state.writers]) {
    await writer.flush().catch((error: unknown) => failures.push(error));
    state.writers.delete(writer);
  }
  return failures;
}

function printFailures(failures: readonly unknown[]): void {
  for (const failure of failures) process.stderr.write(`mlruns: a queued write was not stored: ${inspect(failure)}\n`);
  if (failures.length > 0) process.exitCode = 1;
}

function onBeforeExit(): void {
  if (ending || !hasWork()) return;
  ending = true;
  // Async work here keeps the process alive; 'beforeExit' fires again once it is done.
  void endEverything('FINISHED')
    .then(printFailures)
    .finally(() => {
      ending = false;
    });
}

function onUncaughtException(error: unknown): void {
  // Node only crashes when nobody listens. If the program listens too, it decides.
  if (process.listenerCount('uncaughtException') > 1) return;
  process.stderr.write(`${inspect(error)}\n\nNode.js ${process.version}\n`);
  if (ending) process.exit(1);
  ending = true;
  void endEverything('FAILED')
    .then(printFailures)
    .finally(() => process.exit(1));
}

function onExit(): void {
  if (!hasWork()) return;
  const running = state.stack.map((entry) => entry.run.info.runId);
  process.stderr.write(
    `mlruns: the process exited before its runs were ended${running.length > 0 ? ` (still RUNNING: ${running.join(', ')})` : ''}; ` +
      `queued writes not yet on disk are lost. Call \`await endRun()\` or \`await flush()\` before process.exit().\n`,
  );
}
