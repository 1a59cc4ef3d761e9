import { basename, dirname, join } from 'node:path';
import type { DatasetInput, Experiment, Metric, Param, Run, RunInfo, RunTag, ViewType } from '../../entities/index.js';
import { InternalError, InvalidParameterError, InvalidStateError, MlflowError, ResourceNotFoundError } from '../../errors/index.js';
import { DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME, isRunFolderName, layout } from '../../format/layout.js';
import { MetaFormatError } from '../../format/meta-fields.js';
import { fileUriToPath, isLocalUri, pathToFileUri } from '../../format/uri.js';
import { validateRunId } from '../../validation/index.js';
import { ALL_RUN_FIELDS, type CreateRunInput, type RunInfoUpdate, type RunFields, type StoreWarning, type TrackingStore } from '../../store/tracking-store.js';
import { experimentLocations, findExperiment, getExperiment, listExperiments } from './experiments.js';
import * as experimentWrites from './experiment-writes.js';
import * as runWrites from './run-writes.js';
import type { RunLocation } from './run-writes.js';
import { REWRITE_RETRY_DELAYS_MS, ensureDir, isDirectory, listSubdirs, pathExists, sleep } from './fs-io.js';
import { resolveLoggedModelArtifactUri, resolveRunArtifactUri } from './artifact-location.js';
import { writeDatasetInputs } from './inputs.js';
import { removeArtifactFolder, removeExperimentFolder, removeMetaFolder, type RemovedArtifacts } from './hard-delete.js';
import { isLoggedModelId, listLoggedModels, readLoggedModel, type LoggedModelFolder } from './logged-models.js';
import { withStoreLock } from './locks.js';
import { assertNoLinks, firstLink } from './no-links.js';
import { BEING_REWRITTEN, RunReader, readMetricHistory, type WarningSink } from './run-reader.js';

interface RunFolder {
  readonly runDir: string;
  readonly experimentDir: string;
  readonly experimentId: string;
}

/**
 * The mlruns file backend: reads and writes a store laid out exactly as Python MLflow's
 * FileStore. Meta rewrites are atomic; read-modify-write steps hold a cross-process lock.
 *
 * This class opens the store, finds runs (remembering their folders), reads and lists; the
 * writes are in experiment-writes.ts and run-writes.ts, the file helpers in the other modules
 * of this folder.
 */
export class FileStore implements TrackingStore {
  readonly root: string;
  readonly uri: string;
  private readonly warn: WarningSink;
  private readonly reader: RunReader;
  /** What the experiment writes need: root, uri, reader and warning sink. */
  private readonly experimentStore: experimentWrites.ExperimentStore;
  private initialized: Promise<void> | undefined;
  private readonly runDirs = new Map<string, string>();
  /**
   * The runs of the latest listing, whose page may be completed without checking again what it
   * checked, and the warnings it gave (the page does not give them twice).
   */
  private lastListing: { runs: WeakSet<Run>; reported: Set<string> } | undefined;

  constructor(root: string, onWarning: (warning: StoreWarning) => void) {
    this.root = root;
    this.uri = pathToFileUri(root);
    this.warn = onWarning;
    this.reader = new RunReader(onWarning);
    this.experimentStore = { root: this.root, uri: this.uri, reader: this.reader, warn: this.warn };
  }

  /** Creates the root, `.trash` and the Default experiment on first use, as MLflow does. */
  private init(): Promise<void> {
    this.initialized ??= (async () => {
      const rootExisted = await pathExists(this.root);
      await ensureDir(layout.trash(this.root));
      if (rootExisted) return;
      await withStoreLock(this.root, async () => {
        if (await pathExists(layout.experimentMeta(layout.experimentDir(this.root, DEFAULT_EXPERIMENT_ID)))) return;
        await experimentWrites.writeNewExperiment(this.experimentStore, DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME, undefined, []);
      });
    })().catch((error: unknown) => {
      this.initialized = undefined;
      throw error instanceof MlflowError ? error : new InternalError(`Could not open the store at '${this.root}': ${(error as Error).message}`, { cause: error });
    });
    return this.initialized;
  }

  // ---- experiments -------------------------------------------------------------------------

  async createExperiment(name: string, artifactLocation: string | undefined, tags: readonly RunTag[]): Promise<string> {
    await this.init();
    return experimentWrites.createExperiment(this.experimentStore, name, artifactLocation, tags);
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    await this.init();
    return (await getExperiment(this.root, experimentId, this.reader)).experiment;
  }

  async getExperimentByName(name: string): Promise<Experiment | null> {
    await this.init();
    const matches = (await listExperiments(this.root, 'ALL', this.reader, this.warn)).filter((e) => e.name === name);
    // Several can share a name after two clones are merged; MLflow returns the first in its
    // default order: newest creation_time first, then experiment id.
    matches.sort((a, b) => (b.creationTime ?? -Infinity) - (a.creationTime ?? -Infinity) || (a.experimentId < b.experimentId ? -1 : 1));
    return matches[0] ?? null;
  }

  async listExperiments(viewType: ViewType): Promise<Experiment[]> {
    await this.init();
    return listExperiments(this.root, viewType, this.reader, this.warn);
  }

  async renameExperiment(experimentId: string, newName: string): Promise<void> {
    await this.init();
    await experimentWrites.renameExperiment(this.experimentStore, experimentId, newName);
  }

  async deleteExperiment(experimentId: string): Promise<void> {
    await this.init();
    await experimentWrites.deleteExperiment(this.experimentStore, experimentId);
  }

  async restoreExperiment(experimentId: string): Promise<void> {
    await this.init();
    await experimentWrites.restoreExperiment(this.experimentStore, experimentId);
  }

  async setExperimentTag(experimentId: string, tag: RunTag): Promise<void> {
    await this.init();
    await experimentWrites.setExperimentTag(this.experimentStore, experimentId, tag);
  }

  async deleteExperimentTag(experimentId: string, key: string): Promise<void> {
    await this.init();
    await experimentWrites.deleteExperimentTag(this.experimentStore, experimentId, key);
  }

  // ---- runs --------------------------------------------------------------------------------

  async createRun(experimentId: string, input: CreateRunInput): Promise<Run> {
    await this.init();
    const { runDir, experimentDir, info } = await runWrites.createRun(this.root, this.reader, experimentId, input);
    this.runDirs.set(info.runId, runDir);
    return this.reader.load(runDir, experimentDir, info, ALL_RUN_FIELDS);
  }

  /**
   * Finds a run by id in every active and deleted experiment, and checks that its meta.yaml
   * agrees with where it was found (MLflow's "metadata is in invalid state" otherwise).
   */
  private async locateRun(runId: string): Promise<RunLocation> {
    validateRunId(runId);
    await this.init();
    const found = (await this.cachedRunFolder(runId)) ?? (await this.scanForRunFolder(runId));
    if (found === undefined || !isRunFolderName(runId)) {
      throw new ResourceNotFoundError(`Run '${runId}' not found. Check the id, or search the store's runs to find it.`);
    }
    let info: RunInfo;
    try {
      const read = await this.reader.readInfoPatiently(found.runDir);
      if (read === undefined) throw new MetaFormatError('there is no meta.yaml');
      info = read;
    } catch (error) {
      if (!(error instanceof MetaFormatError)) throw error;
      throw new ResourceNotFoundError(`Run '${runId}' not found: ${error.message} (in '${found.runDir}').`, { cause: error });
    }
    if (info.experimentId !== found.experimentId || info.runId !== runId) {
      throw new InvalidStateError(
        `Run '${runId}' metadata is in invalid state: its meta.yaml names run '${info.runId}' in experiment ` +
          `'${info.experimentId}', but the folder is run '${runId}' in experiment '${found.experimentId}'.`,
      );
    }
    this.runDirs.set(runId, found.runDir);
    return { runDir: found.runDir, experimentDir: found.experimentDir, info };
  }

  private async cachedRunFolder(runId: string): Promise<RunFolder | undefined> {
    const runDir = this.runDirs.get(runId);
    if (runDir === undefined || !(await isDirectory(runDir))) return undefined;
    return { runDir, experimentDir: dirname(runDir), experimentId: basename(dirname(runDir)) };
  }

  /** The first experiment (active ones first, then .trash) holding a folder named after the run. */
  private async scanForRunFolder(runId: string): Promise<RunFolder | undefined> {
    for (const location of await experimentLocations(this.root, 'ALL', () => undefined)) {
      const runDir = layout.runDir(location.dir, runId);
      if (await isDirectory(runDir)) return { runDir, experimentDir: location.dir, experimentId: location.id };
    }
    return undefined;
  }

  /** The run's location, for a change to it: the run must be active and its folder no link. */
  private async locateActiveRun(runId: string): Promise<RunLocation> {
    const location = await this.locateRun(runId);
    await assertNoLinks(this.root, location.runDir);
    if (location.info.lifecycleStage !== 'active') {
      throw new InvalidParameterError(`The run ${runId} must be in the 'active' lifecycle_stage to be changed; it is deleted. Restore it first.`);
    }
    return location;
  }

  async getRun(runId: string): Promise<Run> {
    const { runDir, experimentDir, info } = await this.locateRun(runId);
    return this.reader.load(runDir, experimentDir, info, ALL_RUN_FIELDS);
  }

  async updateRunInfo(runId: string, update: RunInfoUpdate): Promise<RunInfo> {
    const { runDir } = await this.locateActiveRun(runId);
    return runWrites.updateRunInfo(this.reader, runId, runDir, update);
  }

  async deleteRun(runId: string): Promise<void> {
    const { runDir } = await this.locateRun(runId);
    await runWrites.deleteRun(this.root, this.reader, runDir);
  }

  async restoreRun(runId: string): Promise<void> {
    const { runDir } = await this.locateRun(runId);
    await runWrites.restoreRun(this.root, this.reader, runDir);
  }

  async logMetric(runId: string, metric: Metric): Promise<void> {
    await this.logBatch(runId, [metric], [], []);
  }

  async logParam(runId: string, param: Param): Promise<void> {
    await this.logBatch(runId, [], [param], []);
  }

  async setTag(runId: string, tag: RunTag): Promise<void> {
    await this.logBatch(runId, [], [], [tag]);
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    const { runDir } = await this.locateActiveRun(runId);
    await runWrites.deleteTag(runId, runDir, key);
  }

  /** Writes params, then metrics, then tags; a param that conflicts with a stored one changes nothing (run-writes.ts). */
  async logBatch(runId: string, metrics: readonly Metric[], params: readonly Param[], tags: readonly RunTag[]): Promise<void> {
    const { runDir } = await this.locateActiveRun(runId);
    await runWrites.logBatch(this.reader, runId, runDir, metrics, params, tags);
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    const { runDir, info } = await this.locateRun(runId);
    try {
      return await readMetricHistory(runDir, key, info.experimentId);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') return [];
      throw error;
    }
  }

  async listRuns(experimentIds: readonly string[], viewType: ViewType, fields: RunFields = ALL_RUN_FIELDS): Promise<Run[]> {
    await this.init();
    const runs: Run[] = [];
    const key = fieldsKey(fields);
    const reported = new Set<string>();
    this.lastListing = undefined;
    for (const experimentId of new Set(experimentIds)) {
      const location = await findExperiment(this.root, experimentId).catch((error: unknown) => {
        if (error instanceof InvalidParameterError) return undefined;
        throw error;
      });
      if (location === undefined) continue;
      const runDirs = (await listSubdirs(location.dir)).filter(isRunFolderName).map((name) => layout.runDir(location.dir, name));
      const listed = this.reader.inSearch(reported, () => this.reader.listedEach(runDirs, location, fields, key, false));
      for (const [i, runDir] of runDirs.entries()) {
        let run = listed[i];
        for (const [attempt, delay] of REWRITE_RETRY_DELAYS_MS.entries()) {
          if (run !== BEING_REWRITTEN) break;
          await sleep(delay);
          const final = attempt === REWRITE_RETRY_DELAYS_MS.length - 1;
          run = this.reader.inSearch(reported, () => this.reader.listedEach([runDir], location, fields, key, final))[0];
        }
        if (run === undefined || run === BEING_REWRITTEN) continue;
        if (viewType === 'ACTIVE_ONLY' && run.info.lifecycleStage !== 'active') continue;
        if (viewType === 'DELETED_ONLY' && run.info.lifecycleStage !== 'deleted') continue;
        this.runDirs.set(run.info.runId, runDir);
        runs.push(run);
      }
    }
    this.lastListing = { runs: new WeakSet(runs), reported };
    return runs;
  }

  /**
   * Loads every field of runs that a field-limited listRuns returned. Right after the listing
   * that returned them, files that listing checked are not checked again: the page is then
   * read as the listing saw it.
   */
  async completeRuns(runs: readonly Run[]): Promise<Run[]> {
    const listing = this.lastListing;
    this.lastListing = undefined;
    const justListed = listing !== undefined && runs.every((run) => listing.runs.has(run));
    const runDirs = runs.map((run) => this.runDirs.get(run.info.runId));
    const known = runs.flatMap((run, i) => (runDirs[i] === undefined ? [] : [{ run, runDir: runDirs[i] }]));
    const knownDirs = known.map(({ runDir }) => runDir);
    const loaded = justListed
      ? this.reader.inSearch(listing.reported, () => this.reader.loadWholeEach(knownDirs, known.map(({ run }) => run)))
      : this.reader.loadWholeEach(knownDirs);
    const whole = new Map(knownDirs.map((runDir, i) => [runDir, loaded[i]]));
    const complete: Run[] = [];
    for (const [i, run] of runs.entries()) {
      const found = whole.get(runDirs[i] ?? '');
      // A run that vanished or changed experiment since it was listed gets getRun's error.
      complete.push(found !== undefined && found.info.runId === run.info.runId ? found : await this.getRun(run.info.runId));
    }
    return complete;
  }


  // ---- inputs and artifacts ----------------------------------------------------------------

  async logInputs(runId: string, inputs: readonly DatasetInput[]): Promise<void> {
    const { runDir, experimentDir } = await this.locateActiveRun(runId);
    await assertNoLinks(this.root, layout.datasets(experimentDir));
    await assertNoLinks(this.root, layout.runInputs(runDir));
    try {
      await writeDatasetInputs(experimentDir, runDir, runId, inputs);
    } catch (error) {
      throw new InternalError(`Could not record the dataset inputs of run '${runId}' at '${runDir}': ${(error as Error).message}`, { cause: error });
    }
  }

  async resolveArtifactUri(runId: string): Promise<string> {
    const { runDir, info } = await this.locateRun(runId);
    const uri = await resolveRunArtifactUri(info.artifactUri, { experimentId: info.experimentId, runId }, layout.runArtifacts(runDir), this.root);
    // Artifacts kept inside the store are reached through real folders only (see no-links.ts).
    if (isLocalUri(uri)) await assertNoLinks(this.root, fileUriToPath(uri));
    return uri;
  }

  // ---- garbage collection (mlflow gc) -----------------------------------------------------

  /**
   * Permanently removes a deleted run: its local artifacts, then its folder (file_store.py
   * `_hard_delete_run`, after the artifact deletion `mlflow gc` does). Refuses an active run.
   */
  async hardDeleteRun(runId: string): Promise<RemovedArtifacts> {
    const { runDir, info } = await this.locateRun(runId);
    if (info.lifecycleStage !== 'deleted') {
      throw new InvalidStateError(`Run ${runId} is not in 'deleted' lifecycle stage; only deleted runs can be removed permanently. Delete it first.`);
    }
    // Nothing is removed through a link: it could lead out of the store.
    await assertNoLinks(this.root, runDir);
    const artifacts = await removeArtifactFolder(await this.resolveArtifactUri(runId), runId, runDir);
    await removeMetaFolder(runDir);
    this.runDirs.delete(runId);
    return artifacts;
  }

  /**
   * Why gc must leave a deleted run in place, or undefined: a symbolic link on the way to its
   * folder or to its artifacts in the store (hardDeleteRun refuses to remove through one).
   */
  async runRemovalBlock(runId: string): Promise<string | undefined> {
    const { runDir, info } = await this.locateRun(runId);
    const artifactUri = await resolveRunArtifactUri(info.artifactUri, { experimentId: info.experimentId, runId }, layout.runArtifacts(runDir), this.root);
    return linkOnTheWay(this.root, [runDir, artifactUri]);
  }

  /** `runRemovalBlock` for a logged model. */
  async loggedModelRemovalBlock(model: LoggedModelFolder): Promise<string | undefined> {
    return linkOnTheWay(this.root, [model.dir, await this.loggedModelArtifactUri(model)]);
  }

  /** Where a logged model's artifacts are now (see resolveLoggedModelArtifactUri). */
  private loggedModelArtifactUri(model: LoggedModelFolder): Promise<string> {
    return resolveLoggedModelArtifactUri(model.artifactLocation, model, join(model.dir, 'artifacts'), this.root);
  }

  /**
   * MLflow 3's logged models in every experiment, active and deleted (file_store.py
   * `_get_deleted_logged_models` looks at both). Unreadable ones are reported and skipped.
   */
  async listLoggedModels(): Promise<LoggedModelFolder[]> {
    await this.init();
    return listLoggedModels(await experimentLocations(this.root, 'ALL', this.warn), this.warn);
  }

  /**
   * Permanently removes a deleted logged model: its local artifacts, then its folder
   * (file_store.py `_hard_delete_logged_model`, after the artifact deletion `mlflow gc` does).
   * Refuses one that is not deleted (any more).
   */
  async hardDeleteLoggedModel(experimentId: string, modelId: string): Promise<RemovedArtifacts> {
    if (!isLoggedModelId(modelId)) throw new InvalidParameterError(`'${modelId}' is not a logged model id (MLflow's look like m-<32 hex digits>).`);
    const experiment = await findExperiment(this.root, experimentId);
    const dir = experiment === undefined ? undefined : layout.loggedModelDir(experiment.dir, modelId);
    const model = dir === undefined ? undefined : await readLoggedModel(dir, experimentId).catch((error: unknown) => {
      if (!(error instanceof MetaFormatError)) throw error;
      throw new ResourceNotFoundError(`Logged model '${modelId}' not found: ${error.message} (in '${dir}').`, { cause: error });
    });
    if (model === undefined) throw new ResourceNotFoundError(`Could not find logged model ${modelId} in experiment ${experimentId}.`);
    if (model.lifecycleStage !== 'deleted') {
      throw new InvalidStateError(`Logged model ${modelId} is not in 'deleted' lifecycle stage; only deleted logged models can be removed permanently. Delete it first.`);
    }
    // Nothing is removed through a link: it could lead out of the store.
    const artifactUri = await this.loggedModelArtifactUri(model);
    const block = await linkOnTheWay(this.root, [model.dir, artifactUri]);
    if (block !== undefined) throw new InvalidStateError(`Logged model ${modelId} cannot be removed: ${block}.`);
    const artifacts = await removeArtifactFolder(artifactUri, modelId, model.dir);
    await removeMetaFolder(model.dir);
    return artifacts;
  }

  /** Permanently removes a deleted experiment's folder from `.trash` (file_store.py `_hard_delete_experiment`). */
  async hardDeleteExperiment(experimentId: string): Promise<void> {
    await this.init();
    await withStoreLock(this.root, async () => {
      const location = await findExperiment(this.root, experimentId);
      if (location === undefined || !location.deleted) {
        throw new ResourceNotFoundError(`Could not find deleted experiment with ID ${experimentId} to remove permanently. Delete it first.`);
      }
      await removeExperimentFolder(location.dir);
    });
  }
}


/** Says which of these folders (paths or local URIs) a symbolic link below `root` leads to, if one does. */
async function linkOnTheWay(root: string, places: readonly string[]): Promise<string | undefined> {
  for (const place of places) {
    if (place === '' || !isLocalUri(place)) continue;
    const link = await firstLink(root, fileUriToPath(place));
    if (link !== undefined) return `'${link.path}' is a symbolic link (to '${link.target}'), and gc does not remove through links. Replace it with a copy of what it points to, or remove it yourself`;
  }
  return undefined;
}

/** A string that stands for a set of run fields (two equal sets give the same string). */
function fieldsKey(fields: RunFields): string {
  const keys = (wanted: 'all' | ReadonlySet<string>): string => (wanted === 'all' ? '*' : JSON.stringify([...wanted].sort()));
  return `${keys(fields.metrics)} ${keys(fields.params)} ${keys(fields.tags)} ${fields.inputs}`;
}
