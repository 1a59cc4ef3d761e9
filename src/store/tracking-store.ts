import type { DatasetInput, Experiment, Metric, Param, Run, RunInfo, RunStatus, RunTag, ViewType } from '../entities/index.js';

/** Something in a store that was skipped while reading, with where and why. */
export interface StoreWarning {
  readonly code:
    | 'MALFORMED_EXPERIMENT'
    | 'MALFORMED_RUN'
    | 'STRAY_FOLDER'
    | 'STRAY_FILE'
    | 'EXPERIMENT_ID_MISMATCH'
    | 'RUN_EXPERIMENT_MISMATCH'
    /** Experiments that share a name (both are listed; a lookup by name finds the newest). */
    | 'DUPLICATE_EXPERIMENT_NAME'
    /**
     * A registered model whose meta.yaml (or a version's) cannot be read: left out of registry
     * searches. Also an MLflow 3 logged model whose meta.yaml cannot be read: left alone by gc.
     */
    | 'MALFORMED_MODEL';
  /** Absolute path of the file or folder that was skipped. */
  readonly path: string;
  readonly message: string;
}

export interface RunInfoUpdate {
  readonly status?: RunStatus;
  readonly endTime?: number | null;
  /** A new name; empty or absent keeps the current one. */
  readonly runName?: string;
}

export interface CreateRunInput {
  readonly userId: string;
  readonly startTime: number;
  readonly runName: string | undefined;
  readonly tags: readonly RunTag[];
}

/**
 * What every tracking backend does. Arguments arrive validated and normalised by the client;
 * a backend translates its native failures (ENOENT, HTTP 404) into MlflowError codes and
 * never turns an unsupported write into a silent no-op.
 */
export interface TrackingStore {
  /** The store's location as a URI (for a file store, its `file://` root). */
  readonly uri: string;

  createExperiment(name: string, artifactLocation: string | undefined, tags: readonly RunTag[]): Promise<string>;
  getExperiment(experimentId: string): Promise<Experiment>;
  /** Exact name match over active and deleted experiments; null when none has that name. */
  getExperimentByName(name: string): Promise<Experiment | null>;
  /** Every readable experiment of the view, in no particular order. */
  listExperiments(viewType: ViewType): Promise<Experiment[]>;
  renameExperiment(experimentId: string, newName: string): Promise<void>;
  deleteExperiment(experimentId: string): Promise<void>;
  restoreExperiment(experimentId: string): Promise<void>;
  setExperimentTag(experimentId: string, tag: RunTag): Promise<void>;
  deleteExperimentTag(experimentId: string, key: string): Promise<void>;

  createRun(experimentId: string, input: CreateRunInput): Promise<Run>;
  getRun(runId: string): Promise<Run>;
  /** Changes the given fields, merged with the run's current info under the run's lock. */
  updateRunInfo(runId: string, update: RunInfoUpdate): Promise<RunInfo>;
  deleteRun(runId: string): Promise<void>;
  restoreRun(runId: string): Promise<void>;
  logMetric(runId: string, metric: Metric): Promise<void>;
  logParam(runId: string, param: Param): Promise<void>;
  setTag(runId: string, tag: RunTag): Promise<void>;
  deleteTag(runId: string, key: string): Promise<void>;
  logBatch(runId: string, metrics: readonly Metric[], params: readonly Param[], tags: readonly RunTag[]): Promise<void>;
  getMetricHistory(runId: string, key: string): Promise<Metric[]>;
  /**
   * Every readable run of the given experiments and view, in no particular order, with at
   * least the named fields loaded (all of them when `fields` is omitted).
   */
  listRuns(experimentIds: readonly string[], viewType: ViewType, fields?: RunFields): Promise<Run[]>;
  /** The same runs with every field loaded (to finish a page of a field-limited listing). */
  completeRuns(runs: readonly Run[]): Promise<Run[]>;
  /** Records datasets a run used; a dataset or input that is already recorded keeps its first content. */
  logInputs(runId: string, inputs: readonly DatasetInput[]): Promise<void>;
  /**
   * Where the run's artifacts can be reached now, as a URI: the recorded `artifactUri`, or,
   * when a file store was moved or cloned and that location is gone, the same folder under
   * the store's current root. The run's recorded `artifactUri` itself is never changed.
   */
  resolveArtifactUri(runId: string): Promise<string>;
}

/**
 * Which parts of each run a listing must load. A search only needs the fields its filter and
 * order_by name; the page it returns is then completed with `completeRuns`.
 */
export interface RunFields {
  readonly metrics: 'all' | ReadonlySet<string>;
  readonly params: 'all' | ReadonlySet<string>;
  readonly tags: 'all' | ReadonlySet<string>;
  readonly inputs: boolean;
}

export const ALL_RUN_FIELDS: RunFields = { metrics: 'all', params: 'all', tags: 'all', inputs: true };
