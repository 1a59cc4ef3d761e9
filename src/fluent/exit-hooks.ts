import { constants } from 'node:os';
import { inspect } from 'node:util';
import type { RunStatus } from '../entities/index.js';
import { closeStartsAndEnds, finishRun, startsAndEnds, state } from './state.js';

/**
 * What happens to fluent runs when the process ends, installed with the first startRun.
 *
 * - The event loop runs dry ('beforeExit', a script that returns normally): every queued
 *   write is flushed and every run still active is ended FINISHED, innermost first, as
 *   MLflow's atexit hook does. A write that fails is printed and sets exit code 1.
 * - An uncaught exception or unhandled rejection, when no one else listens for them: the
 *   error is printed as Node prints it, the runs are ended FAILED, and the process exits with
 *   code 1. (With a listener of your own installed, Node keeps running and so do the runs.)
 * - SIGINT (Ctrl-C), SIGTERM and SIGHUP, when no one else listens for them: every queued write
 *   is flushed and every active run ended KILLED, then the signal is raised again, so the
 *   process ends as the signal would have ended it (on Windows, it exits with code 128 + the
 *   signal's number). A startRun or endRun under way settles first. A second signal meanwhile
 *   ends the process at once. (MLflow's Python ends a Ctrl-C'd run FINISHED, or FAILED inside `with`, and leaves it
 *   RUNNING on SIGTERM; see docs/compat.md.)
 * - process.exit() and SIGKILL give no chance to write: 'exit' can only warn, on stderr, about
 *   what was not written.
 */
let installed = false;
/** The ending under way after the event loop ran dry or an uncaught exception, if any. */
let ending: Promise<void> | undefined;
/** The signal being handled, once one arrived. */
let signalled: NodeJS.Signals | undefined;
/** Runs ended KILLED after a signal (they stay on the stack until the process ends). */
const killed = new Set<string>();

/** Signals that end a process by default and that a Node program may handle. */
const ENDING_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function installExitHooks(): void {
  if (installed) return;
  installed = true;
  process.on('beforeExit', onBeforeExit);
  process.on('uncaughtException', onUncaughtException);
  process.on('exit', onExit);
  // First in line: Node removes a `process.once` listener before calling it, so a program's
  // own once-listener would no longer be counted if ours ran after it.
  for (const signal of ENDING_SIGNALS) process.prependListener(signal, onSignal);
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

/**
 * Lets the startRun and endRun calls under way settle (a run being ended ends as asked, one
 * being started joins the stack), then flushes every writer and ends every active run KILLED,
 * innermost first, leaving them on the stack: code that goes on logging until the process dies
 * queues its writes (which are then lost) instead of failing for want of an active run.
 * Returns what failed.
 */
async function killEverything(): Promise<unknown[]> {
  closeStartsAndEnds();
  await startsAndEnds();
  // What the program logs from now on is dropped, so that each flush ends.
  for (const writer of state.writers) writer.close();
  const failures: unknown[] = [];
  for (const entry of [...state.stack].reverse()) {
    await entry.writer.flush().catch((error: unknown) => failures.push(error));
    await entry.client.setTerminated(entry.run.info.runId, 'KILLED').then(
      () => killed.add(entry.run.info.runId),
      (error: unknown) => failures.push(error),
    );
  }
  for (const writer of [...state.writers]) await writer.flush().catch((error: unknown) => failures.push(error));
  return failures;
}

/**
 * How many listeners for a signal belong to signal-exit (used by proper-lockfile, and so by
 * this library, and by many tools). Like ours, they step in only when nothing else listens,
 * so they must not count as "the program listens" here (or each would wait for the other and
 * the signal would end nothing). Its copies count themselves in a process-wide emitter: v3 on
 * `process.__signal_exit_emitter__`, v4 under `Symbol.for('signal-exit emitter')`.
 */
function signalExitListeners(): number {
  const v3 = (process as { __signal_exit_emitter__?: { count?: unknown } }).__signal_exit_emitter__?.count;
  const v4 = (globalThis as { [key: symbol]: { count?: unknown } | undefined })[Symbol.for('signal-exit emitter')]?.count;
  return (typeof v3 === 'number' ? v3 : 0) + (typeof v4 === 'number' ? v4 : 0);
}

/** True when a listener of the program's own (not ours, not signal-exit's) handles `signal`. */
function programHandles(signal: NodeJS.Signals, ours: number): boolean {
  return process.listenerCount(signal) > ours + signalExitListeners();
}

function onSignal(signal: NodeJS.Signals): void {
  // Node only ends the process when nobody listens. If the program listens too, it decides.
  if (programHandles(signal, 1)) return;
  // A second signal, or nothing to write: the process ends now.
  if (signalled !== undefined || (ending === undefined && startsAndEnds() === undefined && !hasWork())) {
    raiseAgain(signal);
    return;
  }
  signalled = signal;
  const running = state.stack.length;
  const doing =
    ending !== undefined
      ? 'waiting for the runs being ended to finish'
      : `writing what is queued${running > 0 ? ` and ending ${running} run${running === 1 ? '' : 's'} KILLED` : ''}`;
  // After SIGHUP the terminal is gone, and writing to it could fail.
  if (signal !== 'SIGHUP') process.stderr.write(`\nmlruns: ${signal} received: ${doing} (a second signal quits at once)\n`);
  // An ending already under way (the script returned, or threw) finishes first.
  void (ending ?? Promise.resolve())
    .then(killEverything)
    .then(printFailures)
    .finally(() => raiseAgain(signal));
}

/** Ends the process by `signal`, as it would have ended had mlruns not been listening. */
function raiseAgain(signal: NodeJS.Signals): void {
  for (const each of ENDING_SIGNALS) process.removeListener(each, onSignal);
  // A listener the program added meanwhile now decides, as above. signal-exit's listeners,
  // alone now, run their exit hooks and raise the signal once more themselves.
  if (programHandles(signal, 0)) return;
  // Windows has no signals to raise (process.kill ends the process at once, with code 1, and
  // cannot send SIGHUP): exit as a shell reports a process a signal ended, 128 + its number.
  const code = 128 + (constants.signals[signal] ?? 0);
  if (process.platform === 'win32') process.exit(code);
  try {
    process.kill(process.pid, signal);
  } catch {
    process.exit(code);
  }
  // While signal-exit listens, the signal arrives through the event loop, which must not end
  // (and exit with code 0) before it does; should it never come, exit as it would have.
  setTimeout(() => process.exit(code), 1000);
}

function onBeforeExit(): void {
  // After a signal, the runs are ended KILLED and the process is about to end by that signal.
  if (ending !== undefined || signalled !== undefined || !hasWork()) return;
  // Async work here keeps the process alive; 'beforeExit' fires again once it is done.
  ending = endEverything('FINISHED')
    .then(printFailures)
    .finally(() => {
      ending = undefined;
    });
}

function onUncaughtException(error: unknown): void {
  // Node only crashes when nobody listens. If the program listens too, it decides.
  if (process.listenerCount('uncaughtException') > 1) return;
  process.stderr.write(`${inspect(error)}\n\nNode.js ${process.version}\n`);
  // A signal is being handled: its handler ends the runs and then the process.
  if (signalled !== undefined) return;
  if (ending !== undefined) process.exit(1);
  ending = endEverything('FAILED')
    .then(printFailures)
    .finally(() => process.exit(1));
}

function onExit(): void {
  if (!hasWork()) return;
  const running = state.stack.map((entry) => entry.run.info.runId).filter((runId) => !killed.has(runId));
  if (running.length === 0 && signalled !== undefined) return;
  process.stderr.write(
    `mlruns: the process exited before its runs were ended${running.length > 0 ? ` (still RUNNING: ${running.join(', ')})` : ''}; ` +
      `queued writes not yet on disk are lost. Call \`await endRun()\` or \`await flush()\` before process.exit().\n`,
  );
}
