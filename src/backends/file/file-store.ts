import { basename, dirname, join } from 'node:path';
import type { DatasetInput, Experiment, Metric, Param, Run, RunInfo, RunStatus, RunTag, ViewType } from '../../entities/index.js';
import {
  InternalError,
  InvalidParameterError,
  InvalidStateError,
  MlflowError,
  ResourceAlreadyExistsError,
  ResourceNotFoundError,
} from '../../errors/index.js';
import { renderExperimentMeta } from '../../format/experiment-meta.js';
import { newExperimentId, newRunId, randomRunName } from '../../format/ids.js';
import {
  DEFAULT_EXPERIMENT_ID,
  DEFAULT_EXPERIMENT_NAME,
  RUN_FOLDERS,
  isRunFolderName,
  layout,
} from '../../format/layout.js';
import { MetaFormatError } from '../../format/meta-fields.js';
import { renderMetricLine } from '../../format/metric-lines.js';
import { renderRunMeta } from '../../format/run-meta.js';
import { appendToUri, fileUriToPath, isLocalUri, pathToFileUri, resolveLocalUri } from '../../format/uri.js';
import { validateRunId } from '../../validation/index.js';
import { ALL_RUN_FIELDS, type CreateRunInput, type RunInfoUpdate, type RunFields, type StoreWarning, type TrackingStore } from '../../store/tracking-store.js';
import {
  experimentLocations,
  findExperiment,
  getExperiment,
  listExperiments,
  assertActive,
  type ExperimentLocation,
} from './experiments.js';
import {
  appendText,
  ensureKeyParents,
  mkdirOne,
  removeTree,
  renameDir,
  replaceFile,
  ensureDir,
  isDirectory,
  listSubdirs,
  moveDir,
  pathExists,
  readTextOrNull,
  removeFile,
  isFile,
  sleep,
} from './fs-io.js';
import { resolveExperimentArtifactLocation, resolveRunArtifactUri } from './artifact-location.js';
import { writeDatasetInputs } from './inputs.js';
import { removeExperimentFolder, removeRunArtifacts, removeRunFolder, type RemovedArtifacts } from './hard-delete.js';
import { withRunLock, withStoreLock } from './locks.js';
import { assertNoLinks } from './no-links.js';
import { storeWriteError } from './write-errors.js';
import { BEING_REWRITTEN, RunReader, readMetricHistory, type WarningSink } from './run-reader.js';
import { Confirmed } from './file-cache.js';

const RUN_NAME_TAG = 'mlflow.runName';

interface RunFolder {
  readonly runDir: string;
  readonly experimentDir: string;
  readonly experimentId: string;
}

interface RunLocation {
  readonly runDir: string;
  readonly experimentDir: string;
  readonly info: RunInfo;
}

/**
 * The mlruns file backend: reads and writes a store laid out exactly as Python MLflow's
 * FileStore. Meta rewrites are atomic; read-modify-write steps hold a cross-process lock.
 */
export class FileStore implements TrackingStore {
  readonly root: string;
  readonly uri: string;
  private readonly warn: WarningSink;
  private readonly reader: RunReader;
  private initialized: Promise<void> | undefined;
  private readonly runDirs = new Map<string, string>();
  /** The latest listing's runs and the file versions it checked, for completing its page. */
  private lastListing: { runs: WeakSet<Run>; confirmed: Confirmed } | undefined;

  constructor(root: string, onWarning: (warning: StoreWarning) => void) {
    this.root = root;
    this.uri = pathToFileUri(root);
    this.warn = onWarning;
    this.reader = new RunReader(onWarning);
  }

  /**
   * A run's info read straight from disk, never from the cache: used inside a run lock to
   * read, change and rewrite meta.yaml. MetaFormatError when missing or malformed.
   */
  private readRunInfo(runDir: string): RunInfo {
    const info = this.reader.readInfoFresh(runDir);
    if (info === undefined) throw new MetaFormatError(`there is no meta.yaml in '${runDir}'`);
    return info;
  }

  /** Creates the root, `.trash` and the Default experiment on first use, as MLflow does. */
  private init(): Promise<void> {
    this.initialized ??= (async () => {
      const rootExisted = await pathExists(this.root);
      await ensureDir(layout.trash(this.root));
      if (rootExisted) return;
      await withStoreLock(this.root, async () => {
        if (await pathExists(layout.experimentMeta(layout.experimentDir(this.root, DEFAULT_EXPERIMENT_ID)))) return;
        await this.writeNewExperiment(DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME, undefined, []);
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
    return withStoreLock(this.root, async () => {
      await this.assertNameFree(name);
      let id = newExperimentId();
      while (await findExperiment(this.root, id)) id = newExperimentId();
      await this.writeNewExperiment(id, name, artifactLocation, tags);
      return id;
    });
  }

  /**
   * Builds the experiment in a staging folder that MLflow and this library never list (its
   * name ends in `.trash`), then renames it into place: no reader sees a half-made
   * experiment, and a failure or crash leaves nothing behind under an experiment id.
   */
  private async writeNewExperiment(id: string, name: string, artifactLocation: string | undefined, tags: readonly RunTag[]): Promise<void> {
    const dir = layout.experimentStaging(this.root, id);
    await removeTree(dir);
    await mkdirOne(dir);
    try {
      await this.writeExperimentFiles(dir, id, name, artifactLocation, tags);
      await renameDir(dir, layout.experimentDir(this.root, id));
    } catch (error) {
      await removeTree(dir);
      throw storeWriteError(error, `experiment '${name}'`);
    }
  }

  private async writeExperimentFiles(dir: string, id: string, name: string, artifactLocation: string | undefined, tags: readonly RunTag[]): Promise<void> {
    for (const tag of tags) {
      await ensureKeyParents(layout.experimentTags(dir), tag.key);
      await replaceFile(layout.experimentTag(dir, tag.key), tag.value, dir);
    }
    const now = Date.now();
    const experiment: Experiment = {
      experimentId: id,
      name,
      artifactLocation: artifactLocation ? resolveLocalUri(artifactLocation) : appendToUri(this.uri, id),
      lifecycleStage: 'active',
      creationTime: now,
      lastUpdateTime: now,
      tags: {},
    };
    await replaceFile(layout.experimentMeta(dir), renderExperimentMeta(experiment, false), dir, true);
  }

  private async assertNameFree(name: string, except?: string): Promise<void> {
    const clash = (await listExperiments(this.root, 'ALL', this.reader, this.warn)).find((e) => e.name === name && e.experimentId !== except);
    if (clash === undefined) return;
    if (clash.lifecycleStage === 'deleted') {
      throw new ResourceAlreadyExistsError(
        `Experiment '${name}' already exists in deleted state (id ${clash.experimentId}). Restore it, ` +
          `or remove its folder from .trash (for example with 'mlruns gc') to use the name again.`,
      );
    }
    throw new ResourceAlreadyExistsError(`Experiment '${name}' already exists (id ${clash.experimentId}). Choose another name.`);
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
    await withStoreLock(this.root, async () => {
      const { experiment, location } = await getExperiment(this.root, experimentId, this.reader);
      if (experiment.lifecycleStage !== 'active') {
        throw new InvalidStateError(`Cannot rename experiment ${experimentId} in non-active lifecycle stage. Current stage: deleted. Restore it first.`);
      }
      await this.assertNameFree(newName);
      await this.writeExperimentMeta(location, { ...experiment, name: newName, lastUpdateTime: Date.now() });
    });
  }

  async deleteExperiment(experimentId: string): Promise<void> {
    await this.init();
    if (experimentId === DEFAULT_EXPERIMENT_ID) {
      throw new InvalidParameterError(`Cannot delete the default experiment '0'. This is an internally reserved experiment.`);
    }
    await withStoreLock(this.root, async () => {
      const location = await findExperiment(this.root, experimentId);
      if (location === undefined || location.deleted) {
        throw new ResourceNotFoundError(`Could not find active experiment with ID ${experimentId} to delete.`);
      }
      const trashed = layout.experimentDir(this.root, experimentId, true);
      await assertNoLinks(this.root, trashed);
      if (await pathExists(trashed)) {
        throw new ResourceAlreadyExistsError(
          `Cannot delete experiment ${experimentId}: a deleted experiment with the same id is already in .trash. ` +
            `Remove it for good first (mlruns gc), or move it out of .trash.`,
        );
      }
      const { experiment } = await getExperiment(this.root, experimentId, this.reader);
      const now = Date.now();
      await this.setRunsLifecycle(location, 'active', 'deleted', now);
      await this.writeExperimentMeta(location, { ...experiment, lifecycleStage: 'deleted', lastUpdateTime: now });
      await ensureDir(layout.trash(this.root));
      await moveDir(location.dir, trashed).catch((error: unknown) => {
        throw storeWriteError(error, `experiment ${experimentId} to .trash`);
      });
    });
  }

  async restoreExperiment(experimentId: string): Promise<void> {
    await this.init();
    await withStoreLock(this.root, async () => {
      const trashed = layout.experimentDir(this.root, experimentId, true);
      if (!(await isDirectory(trashed))) {
        throw new ResourceNotFoundError(`Could not find deleted experiment with ID ${experimentId} to restore.`);
      }
      const active = layout.experimentDir(this.root, experimentId);
      if (await isDirectory(active)) {
        throw new ResourceAlreadyExistsError(`Cannot restore experiment with ID ${experimentId}: an active experiment with that id already exists.`);
      }
      // Everything is marked active while the folder is still in .trash (where it counts as
      // deleted whatever its files say), and moved last: a crash at any point leaves a
      // deleted experiment that a second restore finishes.
      const location: ExperimentLocation = { id: experimentId, dir: trashed, deleted: true };
      const { experiment } = await getExperiment(this.root, experimentId, this.reader);
      await this.setRunsLifecycle(location, 'deleted', 'active', null);
      await this.writeExperimentMeta(location, { ...experiment, lifecycleStage: 'active', lastUpdateTime: Date.now() });
      await moveDir(trashed, active).catch((error: unknown) => {
        throw storeWriteError(error, `experiment ${experimentId} out of .trash`);
      });
    });
  }

  private async writeExperimentMeta(location: ExperimentLocation, experiment: Experiment): Promise<void> {
    await assertNoLinks(this.root, location.dir);
    await replaceFile(layout.experimentMeta(location.dir), renderExperimentMeta(experiment, true), location.dir, true);
  }

  /** Marks every run of an experiment in stage `from` as `to` (delete/restore of the experiment). */
  private async setRunsLifecycle(location: ExperimentLocation, from: 'active' | 'deleted', to: 'active' | 'deleted', deletedTime: number | null): Promise<void> {
    for (const name of await listSubdirs(location.dir)) {
      if (!isRunFolderName(name)) continue;
      const runDir = layout.runDir(location.dir, name);
      await assertNoLinks(this.root, runDir);
      await withRunLock(runDir, async () => {
        let info: RunInfo;
        try {
          info = this.readRunInfo(runDir);
        } catch (error) {
          if (error instanceof MetaFormatError) return;
          throw error;
        }
        if (info.lifecycleStage !== from || info.experimentId !== location.id) return;
        await this.writeRunMeta(runDir, { ...info, lifecycleStage: to, deletedTime });
      });
    }
  }

  async setExperimentTag(experimentId: string, tag: RunTag): Promise<void> {
    await this.init();
    const { experiment, location } = await getExperiment(this.root, experimentId, this.reader);
    assertActive(experiment, 'set tags');
    try {
      await assertNoLinks(this.root, layout.experimentTag(location.dir, tag.key));
      await ensureKeyParents(layout.experimentTags(location.dir), tag.key);
      await replaceFile(layout.experimentTag(location.dir, tag.key), tag.value, location.dir);
    } catch (error) {
      throw storeWriteError(error, `tag '${tag.key}' of experiment ${experimentId}`);
    }
  }

  async deleteExperimentTag(experimentId: string, key: string): Promise<void> {
    await this.init();
    const { experiment, location } = await getExperiment(this.root, experimentId, this.reader);
    assertActive(experiment, 'delete tags');
    const path = layout.experimentTag(location.dir, key);
    await assertNoLinks(this.root, path);
    if (!(await isFile(path))) {
      throw new ResourceNotFoundError(`No tag with name: ${key} in experiment with id ${experimentId}.`);
    }
    await removeFile(path);
  }

  // ---- runs --------------------------------------------------------------------------------

  async createRun(experimentId: string, input: CreateRunInput): Promise<Run> {
    await this.init();
    const location = await findExperiment(this.root, experimentId);
    if (location === undefined) {
      throw new ResourceNotFoundError(`Could not create run under experiment with ID ${experimentId} - no such experiment exists.`);
    }
    const { experiment } = await getExperiment(this.root, experimentId, this.reader);
    if (experiment.lifecycleStage !== 'active' || location.deleted) {
      throw new InvalidStateError(`Could not create run under non-active experiment with ID ${experimentId}. Restore the experiment first.`);
    }
    const tagName = input.tags.findLast((t) => t.key === RUN_NAME_TAG)?.value;
    if (input.runName && tagName && input.runName !== tagName) {
      throw new InvalidParameterError(
        `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values ` +
          `(run_name='${input.runName}', mlflow.runName='${tagName}'). Give only one of them.`,
      );
    }
    const runName = input.runName || tagName || randomRunName();
    const tags = tagName ? input.tags : [...input.tags, { key: RUN_NAME_TAG, value: runName }];
    const runId = newRunId();
    const runDir = layout.runDir(location.dir, runId);
    await assertNoLinks(this.root, runDir);
    const info: RunInfo = {
      runId,
      runName,
      experimentId,
      userId: input.userId,
      status: 'RUNNING',
      startTime: input.startTime,
      endTime: null,
      // A moved or cloned store's stale experiment location is rebased, so the new run's
      // artifacts land in this store rather than at the old path.
      artifactUri: appendToUri(await resolveExperimentArtifactLocation(experiment.artifactLocation, experimentId, location.dir, this.root), runId, 'artifacts'),
      lifecycleStage: 'active',
      deletedTime: null,
    };
    // Built in a staging folder that MLflow and this library never list (as experiments are),
    // then renamed into place: no reader sees a half-made run, and a crash leaves nothing in
    // the experiment. The rename fails (ENOENT) if the experiment was moved to .trash
    // meanwhile, instead of re-creating its folder.
    const staging = layout.runStaging(this.root, runId);
    try {
      await mkdirOne(staging);
      for (const folder of RUN_FOLDERS) await mkdirOne(join(staging, folder));
      for (const tag of tags) await this.writeEntry(staging, 'tags', tag.key, tag.value);
      await this.writeRunMeta(staging, info);
      await renameDir(staging, runDir);
    } catch (error) {
      await removeTree(staging);
      throw storeWriteError(error, `a new run in experiment ${experimentId}`);
    }
    this.runDirs.set(runId, runDir);
    return this.reader.load(runDir, location.dir, info, ALL_RUN_FIELDS);
  }

  private async writeRunMeta(runDir: string, info: RunInfo): Promise<void> {
    await replaceFile(layout.runMeta(runDir), renderRunMeta(info), runDir, true);
  }

  /** Writes one param or tag file under an existing run folder. */
  private async writeEntry(runDir: string, kind: 'params' | 'tags', key: string, value: string): Promise<void> {
    await assertNoLinks(runDir, layout.runEntry(runDir, kind, key));
    await ensureKeyParents(layout.runEntries(runDir, kind), key);
    await replaceFile(layout.runEntry(runDir, kind, key), value, runDir);
  }

  /** Refuses changes to a deleted run (checked again under the run lock). */
  private assertRunActive(info: RunInfo): void {
    if (info.lifecycleStage !== 'active') {
      throw new InvalidParameterError(`The run ${info.runId} must be in the 'active' lifecycle_stage to be changed; it is deleted. Restore it first.`);
    }
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
      info = (await this.reader.readInfoPatiently(found.runDir)) ?? this.readRunInfo(found.runDir);
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
    return withRunLock(runDir, async () => {
      // Merged with what is on disk now, under the lock, so concurrent updates of different
      // fields (a rename and a termination) both land.
      const current = this.readRunInfo(runDir);
      this.assertRunActive(current);
      const next: RunInfo = {
        ...current,
        status: update.status ?? current.status,
        endTime: update.endTime === undefined ? current.endTime : update.endTime,
        runName: update.runName || current.runName,
        deletedTime: null,
      };
      try {
        if (update.runName) await this.writeEntry(runDir, 'tags', RUN_NAME_TAG, update.runName);
        await this.writeRunMeta(runDir, next);
      } catch (error) {
        throw storeWriteError(error, `run '${runId}'`);
      }
      return next;
    });
  }

  async deleteRun(runId: string): Promise<void> {
    const { runDir } = await this.locateRun(runId);
    await assertNoLinks(this.root, runDir);
    await withRunLock(runDir, async () => {
      const current = this.readRunInfo(runDir);
      await this.writeRunMeta(runDir, { ...current, lifecycleStage: 'deleted', deletedTime: Date.now() });
    });
  }

  async restoreRun(runId: string): Promise<void> {
    const { runDir } = await this.locateRun(runId);
    await assertNoLinks(this.root, runDir);
    await withRunLock(runDir, async () => {
      const current = this.readRunInfo(runDir);
      await this.writeRunMeta(runDir, { ...current, lifecycleStage: 'active', deletedTime: null });
    });
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
    const path = layout.runEntry(runDir, 'tags', key);
    if (!(await isFile(path))) throw new ResourceNotFoundError(`No tag with name: ${key} in run with id ${runId}.`);
    await removeFile(path);
  }

  /**
   * Writes params, then metrics, then tags. Unlike MLflow, every param is checked against what
   * is stored before anything is written, so a conflicting batch changes nothing.
   */
  async logBatch(runId: string, metrics: readonly Metric[], params: readonly Param[], tags: readonly RunTag[]): Promise<void> {
    const { runDir } = await this.locateActiveRun(runId);
    if (params.length > 0 || tags.some((t) => t.key === RUN_NAME_TAG)) {
      await withRunLock(runDir, () => this.writeBatch(runId, runDir, metrics, params, tags));
    } else {
      await this.writeBatch(runId, runDir, metrics, params, tags);
    }
  }

  private async writeBatch(runId: string, runDir: string, metrics: readonly Metric[], params: readonly Param[], tags: readonly RunTag[]): Promise<void> {
    const newParams: Param[] = [];
    for (const param of params) {
      const path = layout.runEntry(runDir, 'params', param.key);
      const stored = await readTextOrNull(path).catch((error: unknown) => {
        throw storeWriteError(error, `param '${param.key}' of run '${runId}'`);
      });
      if (stored === null) newParams.push(param);
      else if (stored !== param.value) {
        throw new InvalidParameterError(
          `Changing param values is not allowed. Param with key='${param.key}' was already logged with ` +
            `value='${stored}' for run ID='${runId}'. Attempted logging new value '${param.value}'. ` +
            `Log the new value in a new run (for example a nested run).`,
        );
      }
    }
    try {
      for (const param of newParams) await this.writeEntry(runDir, 'params', param.key, param.value);
      await this.appendMetrics(runDir, metrics);
      for (const tag of tags) await this.writeEntry(runDir, 'tags', tag.key, tag.value);
      const nameTag = tags.findLast((t) => t.key === RUN_NAME_TAG);
      if (nameTag !== undefined) {
        const current = this.readRunInfo(runDir);
        this.assertRunActive(current);
        await this.writeRunMeta(runDir, { ...current, runName: nameTag.value, deletedTime: null });
      }
    } catch (error) {
      throw storeWriteError(error, `to run '${runId}'`);
    }
  }

  /** One append per metric key, so a batch of points reaches each file in a single write. */
  private async appendMetrics(runDir: string, metrics: readonly Metric[]): Promise<void> {
    const byKey = new Map<string, string>();
    for (const metric of metrics) byKey.set(metric.key, (byKey.get(metric.key) ?? '') + renderMetricLine(metric));
    for (const [key, text] of byKey) {
      await assertNoLinks(runDir, layout.runEntry(runDir, 'metrics', key));
      await ensureKeyParents(layout.runEntries(runDir, 'metrics'), key);
      await appendText(layout.runEntry(runDir, 'metrics', key), text, runDir);
    }
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
    const confirmed = new Confirmed();
    this.lastListing = undefined;
    for (const experimentId of new Set(experimentIds)) {
      const location = await findExperiment(this.root, experimentId).catch((error: unknown) => {
        if (error instanceof InvalidParameterError) return undefined;
        throw error;
      });
      if (location === undefined) continue;
      const runDirs = (await listSubdirs(location.dir)).filter(isRunFolderName).map((name) => layout.runDir(location.dir, name));
      const listed = this.reader.listedEach(runDirs, location, fields, key, false, confirmed);
      for (const [i, runDir] of runDirs.entries()) {
        let run = listed[i];
        for (const delay of [50, 100]) {
          if (run !== BEING_REWRITTEN) break;
          await sleep(delay);
          run = this.reader.listedEach([runDir], location, fields, key, delay === 100)[0];
        }
        if (run === undefined || run === BEING_REWRITTEN) continue;
        if (viewType === 'ACTIVE_ONLY' && run.info.lifecycleStage !== 'active') continue;
        if (viewType === 'DELETED_ONLY' && run.info.lifecycleStage !== 'deleted') continue;
        this.runDirs.set(run.info.runId, runDir);
        runs.push(run);
      }
    }
    this.lastListing = { runs: new WeakSet(runs), confirmed };
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
    const confirmed = listing !== undefined && runs.every((run) => listing.runs.has(run)) ? listing.confirmed : undefined;
    const runDirs = runs.map((run) => this.runDirs.get(run.info.runId));
    const known = runDirs.filter((runDir): runDir is string => runDir !== undefined);
    const loaded = this.reader.loadWholeEach(known, confirmed);
    const whole = new Map(known.map((runDir, i) => [runDir, loaded[i]]));
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
    const artifacts = await removeRunArtifacts(await this.resolveArtifactUri(runId), runId);
    await removeRunFolder(runDir);
    this.runDirs.delete(runId);
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


/** A string that stands for a set of run fields (two equal sets give the same string). */
function fieldsKey(fields: RunFields): string {
  const keys = (wanted: 'all' | ReadonlySet<string>): string => (wanted === 'all' ? '*' : JSON.stringify([...wanted].sort()));
  return `${keys(fields.metrics)} ${keys(fields.params)} ${keys(fields.tags)} ${fields.inputs}`;
}
