import { FileStore } from '../backends/file/file-store.js';
import type { RemovedArtifacts } from '../backends/file/hard-delete.js';
import { InvalidParameterError } from '../errors/index.js';
import { resolveStoreRoot } from '../client/tracking-uri.js';
import { searchExperiments } from '../search/index.js';
import type { RunFields, StoreWarning } from '../store/tracking-store.js';
import type { Run } from '../entities/index.js';
import type { LoggedModelFolder } from '../backends/file/logged-models.js';
import { parseOlderThan } from './older-than.js';

/** A deleted run that garbage collection removes. */
export interface GcRun {
  readonly runId: string;
  readonly runName: string;
  readonly experimentId: string;
  /** When it was deleted (ms), or null when its meta.yaml does not say (older stores). */
  readonly deletedTime: number | null;
}

/** A deleted MLflow 3 logged model that garbage collection removes. */
export interface GcLoggedModel {
  readonly modelId: string;
  readonly name: string;
  readonly experimentId: string;
  /** When it was deleted (its last update, ms), or null when its meta.yaml does not say. */
  readonly lastUpdatedTime: number | null;
}

/** A deleted experiment that garbage collection removes, with every run in it. */
export interface GcExperiment {
  readonly experimentId: string;
  readonly name: string;
  readonly lastUpdateTime: number | null;
}

/** What `collectGarbage` will remove, computed without changing anything. */
export interface GcPlan {
  readonly root: string;
  readonly runs: readonly GcRun[];
  readonly loggedModels: readonly GcLoggedModel[];
  readonly experiments: readonly GcExperiment[];
  /** Deleted runs and logged models left in place, and why (a symbolic link on the way). */
  readonly kept: readonly GcKept[];
  /** Damaged entries skipped while reading the store. */
  readonly warnings: readonly StoreWarning[];
}

/** A deleted run or logged model that garbage collection leaves in place. */
export interface GcKept {
  readonly kind: 'run' | 'logged model';
  readonly id: string;
  readonly reason: string;
}

/** One removed run and what became of its artifacts. */
export interface GcRemovedRun extends GcRun {
  readonly artifacts: RemovedArtifacts;
}

/** One removed logged model and what became of its artifacts. */
export interface GcRemovedLoggedModel extends GcLoggedModel {
  readonly artifacts: RemovedArtifacts;
}

const INFO_ONLY: RunFields = { metrics: new Set(), params: new Set(), tags: new Set(), inputs: false };

/**
 * Finds what `mlflow gc` would remove: every deleted run (in active and deleted experiments)
 * deleted at least `olderThan` ago or with no deletion time, every deleted MLflow 3 logged
 * model last updated at least that long ago (or with no time), and every deleted experiment
 * last updated before that (all of them without `olderThan`), with their deleted runs
 * (mlflow/cli `gc`, file_store.py `_get_deleted_runs`, `_get_deleted_logged_models`). As in MLflow, a run inside such an
 * experiment that was deleted more recently than `olderThan` is an error; here it is raised
 * before anything is removed.
 *
 * @example const plan = await planGarbageCollection('./mlruns', { olderThan: '30d' });
 */
export async function planGarbageCollection(trackingUri: string, options: { olderThan?: string; now?: number } = {}): Promise<GcPlan> {
  const ageMs = options.olderThan === undefined ? 0 : parseOlderThan(options.olderThan);
  const now = options.now ?? Date.now();
  const warnings: StoreWarning[] = [];
  const store = new FileStore(resolveStoreRoot(trackingUri), (warning) => warnings.push(warning));
  const allIds = (await store.listExperiments('ALL')).map((e) => e.experimentId);
  const deletedRuns = await store.listRuns(allIds, 'DELETED_ONLY', INFO_ONLY);
  const oldEnough = deletedRuns.filter((run) => run.info.deletedTime === null || now - run.info.deletedTime >= ageMs);
  const filter = options.olderThan === undefined ? undefined : `last_update_time < ${now - ageMs}`;
  const experiments = searchExperiments(await store.listExperiments('DELETED_ONLY'), { filter, maxResults: 50_000 }).experiments;
  const inExperiments = new Set(experiments.map((e) => e.experimentId));
  const tooRecent = deletedRuns.find((run) => inExperiments.has(run.info.experimentId) && !oldEnough.includes(run));
  if (tooRecent !== undefined) {
    throw new InvalidParameterError(
      `Run ${tooRecent.info.runId} is not older than the required age. Only runs older than ${options.olderThan} can be deleted, ` +
        `but it is in experiment ${tooRecent.info.experimentId}, which would be removed. Give a shorter --older-than, or wait.`,
    );
  }
  // What the removal would refuse is left out here, so that gc never stops part-way.
  const kept: GcKept[] = [];
  const runs: Run[] = [];
  for (const run of oldEnough) {
    const reason = await store.runRemovalBlock(run.info.runId);
    if (reason === undefined) runs.push(run);
    else kept.push({ kind: 'run', id: run.info.runId, reason });
  }
  const loggedModels: LoggedModelFolder[] = [];
  for (const model of await store.listLoggedModels()) {
    if (model.lifecycleStage !== 'deleted' || (model.lastUpdatedTime ?? 0) > now - ageMs) continue;
    const reason = await store.loggedModelRemovalBlock(model);
    if (reason === undefined) loggedModels.push(model);
    else kept.push({ kind: 'logged model', id: model.modelId, reason });
  }
  return {
    root: store.root,
    runs: runs.map(({ info }) => ({ runId: info.runId, runName: info.runName, experimentId: info.experimentId, deletedTime: info.deletedTime })),
    loggedModels: loggedModels.map((m) => ({ modelId: m.modelId, name: m.name, experimentId: m.experimentId, lastUpdatedTime: m.lastUpdatedTime })),
    experiments: experiments.map((e) => ({ experimentId: e.experimentId, name: e.name, lastUpdateTime: e.lastUpdateTime })),
    kept,
    warnings,
  };
}

/**
 * Removes for good what a plan lists: each run's local artifacts and folder, then each logged
 * model's, then each experiment's folder, in MLflow's order. `onProgress` is called after each
 * removal.
 *
 * @example
 * const plan = await planGarbageCollection('./mlruns');
 * const { runs, loggedModels, experiments } = await collectGarbage(plan);
 */
export async function collectGarbage(
  plan: GcPlan,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ runs: GcRemovedRun[]; loggedModels: GcRemovedLoggedModel[]; experiments: GcExperiment[] }> {
  const store = new FileStore(plan.root, () => undefined);
  const total = plan.runs.length + plan.loggedModels.length + plan.experiments.length;
  let done = 0;
  const step = () => onProgress((done += 1), total);
  const runs: GcRemovedRun[] = [];
  for (const run of plan.runs) {
    runs.push({ ...run, artifacts: await store.hardDeleteRun(run.runId) });
    step();
  }
  const loggedModels: GcRemovedLoggedModel[] = [];
  for (const model of plan.loggedModels) {
    loggedModels.push({ ...model, artifacts: await store.hardDeleteLoggedModel(model.experimentId, model.modelId) });
    step();
  }
  for (const experiment of plan.experiments) {
    await store.hardDeleteExperiment(experiment.experimentId);
    step();
  }
  return { runs, loggedModels, experiments: [...plan.experiments] };
}
