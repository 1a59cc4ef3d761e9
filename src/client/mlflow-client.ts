import type { Experiment, Metric, Param, Run, RunInfo, RunStatus, RunTag, ViewType } from '../entities/index.js';
import { RUN_STATUSES } from '../entities/index.js';
import { InvalidParameterError } from '../errors/index.js';
import { FileStore } from '../backends/file/file-store.js';
import { parseOrderBy, parseRunFilter, searchExperiments as searchExperimentList, searchRuns as searchRunList } from '../search/index.js';
import { fieldsForSearch } from './run-fields.js';
import type { StoreWarning, TrackingStore } from '../store/tracking-store.js';
import {
  LIMITS,
  codePointLength,
  limitLength,
  paramValueText,
  validateExperimentId,
  validateExperimentName,
  validateKey,
  validateMetricValue,
  validateRunId,
  valueToText,
  describe,
  type LoggableValue,
} from '../validation/index.js';
import { SYSTEM_TAGS, currentUser, gitCommit, sourceName } from './system-tags.js';
import type { FileInfo } from '../entities/index.js';
import { renderDictArtifact } from '../format/dict-artifact.js';
import type { TableData } from '../format/table-json.js';
import { artifactPathSegments } from '../validation/artifact-paths.js';
import { toDatasetInput, type DatasetInputSpec } from '../validation/datasets.js';
import { artifactFileSegments, checkPng, localPathArgument, locateArtifactUri, logTable as logTableArtifact, runRepository } from './artifacts.js';
import { defaultTrackingUri, resolveStoreRoot } from './tracking-uri.js';
import { ModelRegistryClient, defaultRegistryUri } from './model-registry-client.js';
import { dirname } from 'node:path';

export interface MlflowClientOptions {
  /** Called for each malformed or stray file or folder skipped while reading. */
  onWarning?: (warning: StoreWarning) => void;
}

export type TagsInput = Readonly<Record<string, LoggableValue>> | readonly { key: string; value: LoggableValue }[];

export interface MetricInput {
  readonly key: string;
  readonly value: number;
  readonly timestamp?: number;
  readonly step?: number;
}

export interface SearchExperimentsOptions {
  viewType?: ViewType;
  maxResults?: number;
  pageToken?: string;
  filterString?: string;
  orderBy?: readonly string[];
}

export interface SearchRunsOptions {
  runViewType?: ViewType;
  maxResults?: number;
  orderBy?: readonly string[];
  pageToken?: string;
}

const VIEW_TYPES: readonly ViewType[] = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'];
const MAX_WARNINGS = 1000;

/**
 * The tracking client: MLflow's `MlflowClient` in camelCase, over a local `mlruns` store.
 *
 * @example
 * const client = new MlflowClient('./mlruns');
 * const experimentId = await client.createExperiment('demo');
 * const run = await client.createRun(experimentId, { runName: 'baseline' });
 * await client.logParam(run.info.runId, 'lr', 0.01);
 * await client.logMetric(run.info.runId, 'loss', 0.25, { step: 1 });
 * await client.setTerminated(run.info.runId);
 */
export class MlflowClient {
  /** The tracking URI this client was opened on. */
  readonly trackingUri: string;
  /** Absolute path of the store's root folder. */
  readonly root: string;
  /** What was skipped while reading (the latest 1000), for callers who want to see it. */
  readonly warnings: StoreWarning[] = [];
  private readonly store: TrackingStore;
  private registryClient: ModelRegistryClient | undefined;
  private readonly recordWarning: (warning: StoreWarning) => void;

  constructor(trackingUri: string = defaultTrackingUri(), options: MlflowClientOptions = {}) {
    if (typeof trackingUri !== 'string' || trackingUri === '') {
      throw new InvalidParameterError(`The tracking URI must be a non-empty path or file:// URI; got ${describe(trackingUri)}.`);
    }
    this.trackingUri = trackingUri;
    this.root = resolveStoreRoot(trackingUri);
    this.recordWarning = (warning) => {
      if (this.warnings.length >= MAX_WARNINGS) this.warnings.shift();
      this.warnings.push(warning);
      options.onWarning?.(warning);
    };
    this.store = new FileStore(this.root, this.recordWarning);
  }

  /**
   * The model registry of this store (or of $MLFLOW_REGISTRY_URI): MLflow's registry methods
   * (createRegisteredModel, createModelVersion, setRegisteredModelAlias, ...).
   * @example await client.registry.createRegisteredModel('iris');
   */
  get registry(): ModelRegistryClient {
    this.registryClient ??= new ModelRegistryClient(defaultRegistryUri(this.trackingUri), { onWarning: this.recordWarning });
    return this.registryClient;
  }

  // ---- experiments -------------------------------------------------------------------------

  /**
   * Creates an experiment and returns its id.
   * @example const id = await client.createExperiment('sweep', { tags: { team: 'vision' } });
   */
  async createExperiment(name: string, options: { artifactLocation?: string; tags?: TagsInput } = {}): Promise<string> {
    validateExperimentName(name);
    const { artifactLocation } = options;
    if (artifactLocation !== undefined) {
      if (typeof artifactLocation !== 'string' || artifactLocation.length > LIMITS.artifactLocation) {
        throw new InvalidParameterError(`The artifact location must be a string of at most ${LIMITS.artifactLocation} characters.`);
      }
      if (artifactLocation.startsWith('runs:')) {
        throw new InvalidParameterError(`An experiment's artifact location cannot be a runs:/ URI; give a folder or a file:// URI.`);
      }
    }
    const tags = toTags(options.tags, 'experiment tag');
    for (const tag of tags) limitLength(tag.value, LIMITS.experimentTagValue, 'Experiment tag value');
    return this.store.createExperiment(name, artifactLocation || undefined, tags);
  }

  /** @example const experiment = await client.getExperiment('0'); */
  async getExperiment(experimentId: string): Promise<Experiment> {
    validateExperimentId(experimentId);
    return this.store.getExperiment(experimentId);
  }

  /**
   * The experiment with exactly this name, active or deleted, or null. Works for every valid
   * name, quotes included (MLflow's own lookup fails on names with a single quote).
   * @example const experiment = await client.getExperimentByName("Bob's runs");
   */
  async getExperimentByName(name: string): Promise<Experiment | null> {
    validateExperimentName(name);
    return this.store.getExperimentByName(name);
  }

  /**
   * Experiments of a view, newest first, a page at a time.
   * @example const { experiments, nextPageToken } = await client.searchExperiments({ maxResults: 10 });
   */
  async searchExperiments(options: SearchExperimentsOptions = {}): Promise<{ experiments: Experiment[]; nextPageToken?: string }> {
    const viewType = checkViewType(options.viewType ?? 'ACTIVE_ONLY');
    const all = await this.store.listExperiments(viewType);
    return searchExperimentList(all, {
      filter: options.filterString,
      orderBy: options.orderBy,
      maxResults: options.maxResults,
      pageToken: options.pageToken,
    });
  }

  /** @example await client.renameExperiment(id, 'sweep-v2'); */
  async renameExperiment(experimentId: string, newName: string): Promise<void> {
    validateExperimentId(experimentId);
    validateExperimentName(newName);
    await this.store.renameExperiment(experimentId, newName);
  }

  /** Moves an experiment to `.trash` and marks its runs deleted. @example await client.deleteExperiment(id); */
  async deleteExperiment(experimentId: string): Promise<void> {
    validateExperimentId(experimentId);
    await this.store.deleteExperiment(experimentId);
  }

  /** @example await client.restoreExperiment(id); */
  async restoreExperiment(experimentId: string): Promise<void> {
    validateExperimentId(experimentId);
    await this.store.restoreExperiment(experimentId);
  }

  /** @example await client.setExperimentTag(id, 'mlflow.note.content', 'Baselines'); */
  async setExperimentTag(experimentId: string, key: string, value: LoggableValue): Promise<void> {
    validateExperimentId(experimentId);
    validateKey(key, 'experiment tag');
    const text = limitLength(valueToText(value, 'tag value'), LIMITS.experimentTagValue, 'Experiment tag value');
    await this.store.setExperimentTag(experimentId, { key, value: text });
  }

  /** @example await client.deleteExperimentTag(id, 'team'); */
  async deleteExperimentTag(experimentId: string, key: string): Promise<void> {
    validateExperimentId(experimentId);
    validateKey(key, 'experiment tag');
    await this.store.deleteExperimentTag(experimentId, key);
  }

  // ---- runs --------------------------------------------------------------------------------

  /**
   * Starts a run (status RUNNING) with the system tags MLflow sets: run name, user, source
   * name and type, and the git commit when the script lives in a git checkout.
   * @example const run = await client.createRun(experimentId, { runName: 'lr=0.1', tags: { stage: 'dev' } });
   */
  async createRun(experimentId: string, options: { runName?: string; startTime?: number; tags?: TagsInput } = {}): Promise<Run> {
    validateExperimentId(experimentId);
    const startTime = options.startTime ?? Date.now();
    if (!Number.isSafeInteger(startTime) || startTime < 0) {
      throw new InvalidParameterError(`startTime must be a non-negative integer of milliseconds; got ${describe(startTime)}.`);
    }
    if (options.runName !== undefined && typeof options.runName !== 'string') {
      throw new InvalidParameterError(`runName must be a string; got ${describe(options.runName)}.`);
    }
    const given = toTags(options.tags, 'tag');
    const tags = [...(await this.systemTags(given)), ...given];
    const userId = tags.findLast((t) => t.key === SYSTEM_TAGS.user)?.value ?? 'unknown';
    return this.store.createRun(experimentId, { userId, startTime, runName: options.runName || undefined, tags });
  }

  private async systemTags(given: readonly RunTag[]): Promise<RunTag[]> {
    const has = (key: string) => given.some((t) => t.key === key);
    const tags: RunTag[] = [];
    if (!has(SYSTEM_TAGS.user)) tags.push({ key: SYSTEM_TAGS.user, value: currentUser() });
    if (!has(SYSTEM_TAGS.sourceName)) tags.push({ key: SYSTEM_TAGS.sourceName, value: sourceName() });
    if (!has(SYSTEM_TAGS.sourceType)) tags.push({ key: SYSTEM_TAGS.sourceType, value: 'LOCAL' });
    if (!has(SYSTEM_TAGS.gitCommit)) {
      const script = sourceName();
      const commit = await gitCommit(script === '' ? process.cwd() : dirname(script));
      if (commit !== undefined) tags.push({ key: SYSTEM_TAGS.gitCommit, value: commit });
    }
    return tags;
  }

  /** A run with its latest metrics, params, tags and dataset inputs. @example const run = await client.getRun(runId); */
  async getRun(runId: string): Promise<Run> {
    validateRunId(runId);
    return this.store.getRun(runId);
  }

  /**
   * Changes a run's status, end time or name; what is not given keeps its value.
   * @example await client.updateRun(runId, { runName: 'best' });
   */
  async updateRun(runId: string, update: { status?: RunStatus; endTime?: number | null; runName?: string }): Promise<RunInfo> {
    validateRunId(runId);
    if (update.status !== undefined) checkStatus(update.status);
    if (update.endTime !== undefined && update.endTime !== null && (!Number.isSafeInteger(update.endTime) || update.endTime < 0)) {
      throw new InvalidParameterError(`endTime must be a non-negative integer of milliseconds; got ${describe(update.endTime)}.`);
    }
    return this.store.updateRunInfo(runId, { status: update.status, endTime: update.endTime, runName: update.runName || undefined });
  }

  /** Ends a run: FINISHED unless told otherwise, at now unless told otherwise. @example await client.setTerminated(runId, 'FAILED'); */
  async setTerminated(runId: string, status: RunStatus = 'FINISHED', endTime: number = Date.now()): Promise<void> {
    await this.updateRun(runId, { status, endTime });
  }

  /** Marks a run deleted (its files stay until garbage collection). @example await client.deleteRun(runId); */
  async deleteRun(runId: string): Promise<void> {
    validateRunId(runId);
    await this.store.deleteRun(runId);
  }

  /** @example await client.restoreRun(runId); */
  async restoreRun(runId: string): Promise<void> {
    validateRunId(runId);
    await this.store.restoreRun(runId);
  }

  /**
   * Logs a param. Params are immutable: logging the same value again is fine, a different
   * value is an error.
   * @example await client.logParam(runId, 'learning_rate', 0.01);
   */
  async logParam(runId: string, key: string, value: LoggableValue): Promise<void> {
    validateRunId(runId);
    await this.store.logParam(runId, toParam(key, value));
  }

  /** @example await client.logMetric(runId, 'loss', 0.25, { step: 3 }); */
  async logMetric(runId: string, key: string, value: number, options: { step?: number; timestamp?: number } = {}): Promise<void> {
    validateRunId(runId);
    await this.store.logMetric(runId, toMetric({ key, value, ...options }));
  }

  /** Sets or overwrites a tag; setting `mlflow.runName` renames the run. @example await client.setTag(runId, 'stage', 'prod'); */
  async setTag(runId: string, key: string, value: LoggableValue): Promise<void> {
    validateRunId(runId);
    validateKey(key, 'tag');
    await this.store.setTag(runId, { key, value: valueToText(value, 'tag value') });
  }

  /** @example await client.deleteTag(runId, 'stage'); */
  async deleteTag(runId: string, key: string): Promise<void> {
    validateRunId(runId);
    validateKey(key, 'tag');
    await this.store.deleteTag(runId, key);
  }

  /**
   * Logs many metrics, params and tags at once, with MLflow's batch limits (1000 metrics, 100
   * params, 100 tags). Everything is validated before anything is written.
   * @example await client.logBatch(runId, { metrics: [{ key: 'acc', value: 0.9, step: 1 }], params: { lr: 0.1 } });
   */
  async logBatch(runId: string, batch: { metrics?: readonly MetricInput[]; params?: TagsInput; tags?: TagsInput }): Promise<void> {
    validateRunId(runId);
    const metrics = (batch.metrics ?? []).map((m) => toMetric(m));
    const params = pairs(batch.params).map(({ key, value }) => toParam(key, value));
    const tags = pairs(batch.tags).map(({ key, value }) => {
      validateKey(key, 'tag');
      // MLflow limits tag keys in log_batch only (a single set_tag has no limit).
      if (codePointLength(key) > LIMITS.entityKey) {
        throw new InvalidParameterError(`The tag key '${key.slice(0, 40)}...' exceeds the maximum length of ${LIMITS.entityKey} characters.`);
      }
      return { key, value: limitLength(valueToText(value, 'tag value'), LIMITS.tagValue, 'Tag value') };
    });
    checkBatchLimit('metrics', metrics.length, LIMITS.batchMetrics);
    checkBatchLimit('params', params.length, LIMITS.batchParamsOrTags);
    checkBatchLimit('tags', tags.length, LIMITS.batchParamsOrTags);
    checkBatchLimit('metrics, params, and tags', metrics.length + params.length + tags.length, LIMITS.batchEntities);
    const seen = new Set<string>();
    const duplicates = params.filter((p) => seen.size === seen.add(p.key).size).map((p) => p.key);
    if (duplicates.length > 0) {
      throw new InvalidParameterError(
        `Duplicate parameter keys have been submitted: ${JSON.stringify(duplicates)}. Give each param key once per batch.`,
      );
    }
    await this.store.logBatch(runId, metrics, params, tags);
  }

  /** Every value logged for a metric, in the order logged. @example const history = await client.getMetricHistory(runId, 'loss'); */
  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    validateRunId(runId);
    validateKey(key, 'metric');
    return this.store.getMetricHistory(runId, key);
  }

  /**
   * Runs of the given experiments that match an MLflow filter, in MLflow's order.
   * @example const { runs } = await client.searchRuns([id], "metrics.acc > 0.9", { orderBy: ['metrics.acc DESC'] });
   */
  async searchRuns(experimentIds: readonly string[], filterString?: string, options: SearchRunsOptions = {}): Promise<{ runs: Run[]; nextPageToken?: string }> {
    if (!Array.isArray(experimentIds)) {
      throw new InvalidParameterError(`experimentIds must be an array of experiment id strings; got ${describe(experimentIds)}.`);
    }
    const viewType = checkViewType(options.runViewType ?? 'ACTIVE_ONLY');
    // Parse first: a bad filter fails before anything is read, and the parsed tree tells which
    // files each run must be read for. Only the page that is returned is read whole.
    const filter = filterString ? parseRunFilter(filterString) : undefined;
    const orderBy = parseOrderBy(options.orderBy ?? []);
    const candidates = await this.store.listRuns(experimentIds, viewType, fieldsForSearch(filter, orderBy));
    const page = searchRunList(candidates, { filter, orderBy, maxResults: options.maxResults, pageToken: options.pageToken });
    const runs = await this.store.completeRuns(page.runs);
    return page.nextPageToken === undefined ? { runs } : { runs, nextPageToken: page.nextPageToken };
  }

  // ---- artifacts and dataset inputs (helpers in ./artifacts.ts) ----------------------------

  /** Copies a local file into the run's artifacts, into the folder `artifactPath` if given. @example await client.logArtifact(runId, './confusion.png', 'plots'); */
  async logArtifact(runId: string, localPath: string, artifactPath?: string): Promise<void> {
    const dir = artifactPathSegments(artifactPath, 'artifact path');
    await (await runRepository(this.store, runId)).logFile(localPathArgument(localPath, 'file'), dir);
  }

  /** Copies the content of a local folder into the run's artifacts. @example await client.logArtifacts(runId, './outputs', 'model'); */
  async logArtifacts(runId: string, localDir: string, artifactPath?: string): Promise<void> {
    const dir = artifactPathSegments(artifactPath, 'artifact path');
    await (await runRepository(this.store, runId)).logDir(localPathArgument(localDir, 'directory'), dir);
  }

  /**
   * The immediate children of an artifact folder, sorted by path; `fileSize` is null for
   * folders, and a folder that does not exist lists as [].
   * @example const files = await client.listArtifacts(runId, 'plots'); // [{ path: 'plots/loss.png', isDir: false, fileSize: 5120 }]
   */
  async listArtifacts(runId: string, path?: string): Promise<FileInfo[]> {
    const dir = artifactPathSegments(path, 'artifact path');
    return (await runRepository(this.store, runId)).list(dir);
  }

  /**
   * Copies an artifact file or folder to `<dstPath>/<path>` (dstPath must be an existing
   * folder) and returns that path. Without dstPath, returns the artifact's own local path, as
   * MLflow does for local artifacts: do not change files there.
   * @example const local = await client.downloadArtifacts(runId, 'model', '/tmp/out'); // '/tmp/out/model'
   */
  async downloadArtifacts(runId: string, path: string, dstPath?: string): Promise<string> {
    const segments = artifactPathSegments(path, 'artifact path');
    const repository = await runRepository(this.store, runId);
    return dstPath === undefined ? repository.localPath(segments) : repository.download(segments, dstPath);
  }

  /**
   * Like downloadArtifacts, for an artifact URI: `runs:/<run_id>/<path>`, a `file://` URI or a
   * local path (MLflow's `mlflow.artifacts.download_artifacts(artifact_uri=...)`).
   * @example const local = await client.downloadArtifactsFromUri(`runs:/${runId}/model`, '/tmp/out');
   */
  async downloadArtifactsFromUri(artifactUri: string, dstPath?: string): Promise<string> {
    const { repository, path } = await locateArtifactUri(this.store, artifactUri);
    return dstPath === undefined ? repository.localPath(path) : repository.download(path, dstPath);
  }

  /** Writes text as an artifact file. @example await client.logText(runId, 'all good', 'notes/summary.txt'); */
  async logText(runId: string, text: string, artifactFile: string): Promise<void> {
    if (typeof text !== 'string') throw new InvalidParameterError(`logText takes a string; got ${describe(text)}.`);
    await (await runRepository(this.store, runId)).writeFile(artifactFileSegments(artifactFile), text);
  }

  /**
   * Writes a value as a JSON artifact, or YAML when the file ends in `.yaml`/`.yml`, as MLflow's log_dict.
   * @example await client.logDict(runId, { lr: 0.01, layers: [64, 32] }, 'config.yaml');
   */
  async logDict(runId: string, dictionary: unknown, artifactFile: string): Promise<void> {
    const segments = artifactFileSegments(artifactFile);
    await (await runRepository(this.store, runId)).writeFile(segments, renderDictArtifact(dictionary, artifactFile));
  }

  /** Writes PNG-encoded bytes as an image artifact. @example await client.logImage(runId, pngBytes, 'plots/loss.png'); */
  async logImage(runId: string, png: Uint8Array, artifactFile: string): Promise<void> {
    const segments = artifactFileSegments(artifactFile);
    await (await runRepository(this.store, runId)).writeFile(segments, checkPng(png, artifactFile));
  }

  /**
   * Writes a table in MLflow's JSON table format (appending to one already there) and lists
   * it in the `mlflow.loggedArtifacts` tag, as MLflow's log_table does.
   * @example await client.logTable(runId, { prompt: ['a', 'b'], score: [0.9, 0.4] }, 'eval/results.json');
   */
  async logTable(runId: string, data: TableData, artifactFile: string): Promise<void> {
    await logTableArtifact(this.store, runId, data, artifactFile);
  }

  /**
   * Records datasets the run used (spec 2.4, 2.5). A dataset already recorded for the
   * experiment, or already linked to the run, keeps its first content and tags.
   * @example await client.logInputs(runId, [{ dataset: { name: 'iris', digest: '3a5b1c2d', sourceType: 'local', source: { uri: 'iris.csv' } }, tags: { 'mlflow.data.context': 'train' } }]);
   */
  async logInputs(runId: string, datasets: readonly DatasetInputSpec[]): Promise<void> {
    validateRunId(runId);
    if (!Array.isArray(datasets)) throw new InvalidParameterError(`logInputs takes an array of { dataset, tags }; got ${describe(datasets)}.`);
    await this.store.logInputs(runId, datasets.map(toDatasetInput));
  }
}

function checkViewType(viewType: unknown): ViewType {
  if (!VIEW_TYPES.includes(viewType as ViewType)) {
    throw new InvalidParameterError(`Invalid view type ${describe(viewType)}; use one of ${VIEW_TYPES.join(', ')}.`);
  }
  return viewType as ViewType;
}

function checkStatus(status: unknown): asserts status is RunStatus {
  if (!(RUN_STATUSES as readonly unknown[]).includes(status)) {
    throw new InvalidParameterError(`Invalid run status ${describe(status)}; use one of ${RUN_STATUSES.join(', ')}.`);
  }
}

function checkBatchLimit(what: string, count: number, limit: number): void {
  if (count > limit) {
    throw new InvalidParameterError(
      `A batch logging request can contain at most ${limit} ${what}. Got ${count} ${what}. Split them across several logBatch calls.`,
    );
  }
}

function pairs(input: TagsInput | undefined): { key: string; value: LoggableValue }[] {
  if (input === undefined || input === null) return [];
  if (Array.isArray(input)) return [...(input as { key: string; value: LoggableValue }[])];
  if (typeof input !== 'object') {
    throw new InvalidParameterError(`Expected a record of key → value or a list of { key, value }; got ${describe(input)}.`);
  }
  return Object.entries(input as Record<string, LoggableValue>).map(([key, value]) => ({ key, value }));
}

function toTags(input: TagsInput | undefined, what: 'tag' | 'experiment tag'): RunTag[] {
  return pairs(input).map(({ key, value }) => {
    validateKey(key, what);
    return { key, value: valueToText(value, `${what} value`) };
  });
}

function toParam(key: string, value: LoggableValue): Param {
  validateKey(key, 'param');
  return { key, value: paramValueText(value) };
}

function toMetric(input: MetricInput): Metric {
  validateKey(input.key, 'metric');
  const timestamp = input.timestamp ?? Date.now();
  const step = input.step ?? 0;
  validateMetricValue(input.key, input.value, timestamp, step);
  return { key: input.key, value: input.value, timestamp, step };
}
