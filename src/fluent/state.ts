import { MlflowClient } from '../client/mlflow-client.js';
import { defaultTrackingUri, resolveStoreRoot } from '../client/tracking-uri.js';
import type { Run, RunStatus } from '../entities/index.js';
import { InvalidStateError } from '../errors/index.js';
import { RunWriter, combineErrors } from './run-writer.js';

/** A run started with startRun: what it was at start, and the queue its writes go through. */
export interface ActiveRunEntry {
  readonly run: Run;
  readonly client: MlflowClient;
  readonly writer: RunWriter;
}

/**
 * The fluent API's process-wide state, as MLflow keeps it in module globals: the tracking URI
 * set with setTrackingUri, the active experiment, the stack of active runs (nested runs on
 * top), the last run that ended, and the writers of ended runs that may still be draining.
 */
interface FluentState {
  trackingUri: string | undefined;
  experimentId: string | undefined;
  readonly stack: ActiveRunEntry[];
  lastRunId: string | undefined;
  lastClient: MlflowClient | undefined;
  readonly clients: Map<string, MlflowClient>;
  readonly writers: Set<RunWriter>;
}

export const state: FluentState = {
  trackingUri: undefined,
  experimentId: undefined,
  stack: [],
  lastRunId: undefined,
  lastClient: undefined,
  clients: new Map(),
  writers: new Set(),
};

/** startRun and endRun run one at a time, so two unawaited startRun calls cannot both become "the" run. */
let serial: Promise<unknown> = Promise.resolve();
/** How many startRun and endRun calls have not settled yet. */
let unsettled = 0;
/** Set when the process is ending on a signal. */
let closed = false;
export function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  // The process is about to end: a run started now could not be ended before it does.
  if (closed) return new Promise<never>(() => undefined);
  unsettled += 1;
  const next = serial.then(work, work).finally(() => {
    unsettled -= 1;
  });
  serial = next.catch(() => undefined);
  return next;
}

/**
 * For a process ending on a signal: startRun and endRun calls from now on never settle (those
 * under way still do), so that no run starts that could not be ended.
 */
export function closeStartsAndEnds(): void {
  closed = true;
}

/**
 * Undefined when no startRun or endRun is under way; else a promise that settles once every
 * one called so far has (a run being started is then on the stack, one being ended is ended).
 */
export function startsAndEnds(): Promise<unknown> | undefined {
  return unsettled > 0 ? serial : undefined;
}

/** The tracking URI in effect: setTrackingUri's, else $MLFLOW_TRACKING_URI, else ./mlruns. */
export function effectiveTrackingUri(): string {
  return state.trackingUri ?? defaultTrackingUri();
}

/** The client for the tracking URI in effect (one per store root, reused). */
export function fluentClient(): MlflowClient {
  const uri = effectiveTrackingUri();
  const root = resolveStoreRoot(uri);
  let client = state.clients.get(root);
  if (client === undefined) {
    client = new MlflowClient(uri);
    state.clients.set(root, client);
  }
  return client;
}

/** The innermost active run, or an error naming the call that needed one. */
export function requireActiveRun(call: string): ActiveRunEntry {
  const entry = state.stack.at(-1);
  if (entry === undefined) {
    throw new InvalidStateError(
      `${call} needs an active run, and there is none. Start one first with \`await startRun()\` or \`withRun(...)\`. ` +
        `(MLflow starts a run implicitly here; in JavaScript that would need an await, so mlruns asks for it.)`,
    );
  }
  return entry;
}

/** Flushes a run's queue, ends it, and reports queued failures after the run is ended. */
export async function finishRun(entry: ActiveRunEntry, status: RunStatus): Promise<void> {
  const runId = entry.run.info.runId;
  delete process.env.MLFLOW_RUN_ID;
  state.lastRunId = runId;
  state.lastClient = entry.client;
  const failures: unknown[] = [];
  await entry.writer.flush().catch((error: unknown) => failures.push(error));
  await entry.client.setTerminated(runId, status).catch((error: unknown) => failures.push(error));
  state.writers.delete(entry.writer);
  if (failures.length > 0) throw combineErrors(failures, `steps of ending run '${runId}'`);
}

/** Forgets every run, experiment and URI choice; for tests, which share one process. */
export function resetFluentState(): void {
  state.trackingUri = undefined;
  state.experimentId = undefined;
  state.stack.length = 0;
  state.lastRunId = undefined;
  state.lastClient = undefined;
  state.clients.clear();
  state.writers.clear();
}
