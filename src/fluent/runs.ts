import type { MlflowClient, TagsInput } from '../client/mlflow-client.js';
import { SYSTEM_TAGS } from '../client/system-tags.js';
import { RUN_STATUSES, type Run, type RunStatus, type RunTag } from '../entities/index.js';
import { InvalidParameterError, InvalidStateError } from '../errors/index.js';
import { describe, validateRunId, type LoggableValue } from '../validation/index.js';
import { activeExperimentId } from './experiments.js';
import { installExitHooks } from './exit-hooks.js';
import { RunWriter } from './run-writer.js';
import { finishRun, fluentClient, oneAtATime, state, type ActiveRunEntry } from './state.js';

export interface StartRunOptions {
  /** Resume this run instead of creating one (also taken from $MLFLOW_RUN_ID). */
  readonly runId?: string;
  /** Default: the active experiment (setExperiment, $MLFLOW_EXPERIMENT_NAME / _ID), else '0'. */
  readonly experimentId?: string;
  readonly runName?: string;
  /** Start this run under the active one (it gets the `mlflow.parentRunId` tag). */
  readonly nested?: boolean;
  /** The parent run's id; must be the active run when there is one. */
  readonly parentRunId?: string;
  readonly tags?: TagsInput;
  /** Stored as the `mlflow.note.content` tag, shown in the MLflow UI. */
  readonly description?: string;
}

/**
 * Starts a run and makes it the active one, as `mlflow.start_run` does: a new run in the
 * active experiment, or the run `runId` (or $MLFLOW_RUN_ID) resumed. Starting a second run
 * while one is active needs `nested: true`; the nested run gets `mlflow.parentRunId`.
 *
 * @example
 * const run = await startRun({ runName: 'baseline' });
 * logMetric('loss', 0.4);
 * await endRun();
 */
export function startRun(options: StartRunOptions = {}): Promise<Run> {
  // Before the run is created, so that a signal meanwhile waits for it and ends it KILLED.
  installExitHooks();
  return oneAtATime(async () => {
    const top = state.stack.at(-1);
    if (top !== undefined && options.nested !== true) {
      throw new InvalidStateError(
        `Run with UUID ${state.stack[0]?.run.info.runId} is already active. To start a new run, first end the current run ` +
          `with endRun(). To start a nested run, call startRun with nested: true.`,
      );
    }
    const client = fluentClient();
    const resumeId = options.runId ?? takeEnvRunId();
    const run = resumeId === undefined ? await createRun(client, options, top) : await resumeRun(client, resumeId, options);
    const entry: ActiveRunEntry = { run, client, writer: new RunWriter(client, run.info.runId) };
    state.stack.push(entry);
    state.writers.add(entry.writer);
    return run;
  });
}

function takeEnvRunId(): string | undefined {
  const id = process.env.MLFLOW_RUN_ID;
  if (id === undefined || id === '') return undefined;
  // MLflow consumes the variable, so a nested or later run does not resume it again.
  delete process.env.MLFLOW_RUN_ID;
  return id;
}

type TagPair = { key: string; value: LoggableValue };

function descriptionTag(options: StartRunOptions, tags: readonly TagPair[]): RunTag[] {
  if (options.description === undefined) return [];
  if (tags.some((t) => t.key === SYSTEM_TAGS.note)) {
    throw new InvalidParameterError(`Description is already set via the tag ${SYSTEM_TAGS.note} in tags. Remove that tag or omit the description.`);
  }
  return [{ key: SYSTEM_TAGS.note, value: String(options.description) }];
}

/** The given tags as a list; values are checked by the client. */
function tagList(tags: TagsInput | undefined): TagPair[] {
  if (tags === undefined || tags === null) return [];
  if (Array.isArray(tags)) return [...(tags as TagPair[])];
  if (typeof tags !== 'object') throw new InvalidParameterError(`tags must be a record of key → value or a list of { key, value }; got ${describe(tags)}.`);
  return Object.entries(tags as Readonly<Record<string, LoggableValue>>).map(([key, value]) => ({ key, value }));
}

async function createRun(client: MlflowClient, options: StartRunOptions, top: ActiveRunEntry | undefined): Promise<Run> {
  let parentId = top?.run.info.runId;
  if (options.parentRunId !== undefined) {
    validateRunId(options.parentRunId);
    if (parentId !== undefined && options.parentRunId !== parentId) {
      throw new InvalidStateError(`Current run with UUID ${parentId} does not match the specified parentRunId ${options.parentRunId}. End the current run first.`);
    }
    if ((await client.getRun(options.parentRunId)).info.lifecycleStage === 'deleted') {
      throw new InvalidStateError(`Cannot start run under parent run with ID ${options.parentRunId} because it is in the deleted state.`);
    }
    parentId = options.parentRunId;
  }
  const given = tagList(options.tags);
  const tags: TagPair[] = [...given, ...descriptionTag(options, given)];
  if (parentId !== undefined) tags.push({ key: SYSTEM_TAGS.parentRunId, value: parentId });
  const experimentId = options.experimentId ?? (await activeExperimentId(client));
  return client.createRun(experimentId, { runName: options.runName, tags });
}

async function resumeRun(client: MlflowClient, runId: string, options: StartRunOptions): Promise<Run> {
  const existing = await client.getRun(runId);
  if (state.experimentId !== undefined && state.experimentId !== existing.info.experimentId) {
    throw new InvalidStateError(
      `Cannot start run with ID ${runId} because the active experiment (${state.experimentId}) is not its experiment ` +
        `(${existing.info.experimentId}). Set the run's experiment, or start a new run.`,
    );
  }
  if (existing.info.lifecycleStage === 'deleted') {
    throw new InvalidStateError(`Cannot start run with ID ${runId} because it is in the deleted state. Restore it first.`);
  }
  await client.updateRun(runId, { status: 'RUNNING', runName: options.runName });
  const given = tagList(options.tags);
  const tags: TagPair[] = [...given, ...descriptionTag(options, given)];
  if (tags.length > 0) await client.logBatch(runId, { tags });
  return client.getRun(runId);
}

/**
 * Ends the active run (the innermost one) with a status, FINISHED by default, after every
 * queued write of it is on disk. A write that failed is thrown here, after the run is ended.
 * Without an active run it does nothing, as in MLflow.
 *
 * @example await endRun('FAILED');
 */
export function endRun(status: RunStatus = 'FINISHED'): Promise<void> {
  if (!(RUN_STATUSES as readonly unknown[]).includes(status)) {
    return Promise.reject(new InvalidParameterError(`Invalid run status ${describe(status)}; use one of ${RUN_STATUSES.join(', ')}.`));
  }
  return oneAtATime(async () => {
    const entry = state.stack.pop();
    if (entry !== undefined) await finishRun(entry, status);
  });
}

/**
 * The active run as it was when it started, or null.
 * @example const runId = activeRun()?.info.runId;
 */
export function activeRun(): Run | null {
  return state.stack.at(-1)?.run ?? null;
}

/**
 * The active run, else the run that ended last, read fresh from the store; null when no run
 * was started in this process.
 * @example const run = await lastActiveRun(); run?.info.status; // 'FINISHED'
 */
export async function lastActiveRun(): Promise<Run | null> {
  const active = activeRun();
  if (active !== null) return active;
  if (state.lastRunId === undefined || state.lastClient === undefined) return null;
  return state.lastClient.getRun(state.lastRunId);
}

/**
 * Runs `fn` inside a run: started before, ended FINISHED after, or FAILED when `fn` throws
 * (the error is then rethrown). The JavaScript form of `with mlflow.start_run():`.
 *
 * @example
 * const accuracy = await withRun({ runName: 'cv-fold-1' }, async (run) => {
 *   logParam('fold', 1);
 *   return train();
 * });
 */
export function withRun<T>(fn: (run: Run) => Promise<T> | T): Promise<T>;
export function withRun<T>(options: StartRunOptions, fn: (run: Run) => Promise<T> | T): Promise<T>;
export async function withRun<T>(first: StartRunOptions | ((run: Run) => Promise<T> | T), second?: (run: Run) => Promise<T> | T): Promise<T> {
  const [options, fn] = typeof first === 'function' ? [{}, first] : [first, second];
  if (typeof fn !== 'function') throw new InvalidParameterError(`withRun needs a function to run; got ${describe(fn)}.`);
  const run = await startRun(options);
  const stillActive = () => state.stack.some((entry) => entry.run.info.runId === run.info.runId);
  let result: T;
  try {
    result = await fn(run);
  } catch (error) {
    if (stillActive()) {
      // The callback's error is the one to rethrow; a queued write that failed too is not
      // dropped but reported as a process warning.
      await endRunsThrough(run.info.runId, 'FAILED').catch((writeError: unknown) => {
        process.emitWarning(`mlruns: run ${run.info.runId} was ended FAILED, and a queued write of it failed too: ${(writeError as Error).message}`);
      });
    }
    throw error;
  }
  if (stillActive()) await endRunsThrough(run.info.runId, 'FINISHED');
  return result;
}

/** Ends runs from the top of the stack down to and including `runId` (nested runs left open inside fn end with it). */
async function endRunsThrough(runId: string, status: RunStatus): Promise<void> {
  let failure: unknown;
  while (state.stack.some((entry) => entry.run.info.runId === runId)) {
    await endRun(status).catch((error: unknown) => {
      failure ??= error;
    });
  }
  if (failure !== undefined) throw failure;
}
