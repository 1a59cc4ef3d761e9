/** Run status names, in MLflow's enum order (RUNNING = 1 ... KILLED = 5 on disk). */
export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export type LifecycleStage = 'active' | 'deleted';

/** One logged metric value. `value` may be NaN or ±Infinity. */
export interface Metric {
  readonly key: string;
  readonly value: number;
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  readonly step: number;
  /** Set only on MLflow 3 lines that were logged against a dataset. */
  readonly datasetName?: string;
  readonly datasetDigest?: string;
}

export interface Param {
  readonly key: string;
  readonly value: string;
}

export interface RunTag {
  readonly key: string;
  readonly value: string;
}

export interface RunInfo {
  readonly runId: string;
  readonly runName: string;
  readonly experimentId: string;
  readonly userId: string;
  readonly status: RunStatus;
  /** Milliseconds since the epoch. */
  readonly startTime: number;
  /** Milliseconds since the epoch, or null while the run has not ended. */
  readonly endTime: number | null;
  readonly artifactUri: string;
  readonly lifecycleStage: LifecycleStage;
  /** When the run was deleted (ms), or null. Used by garbage collection. */
  readonly deletedTime: number | null;
}

export interface RunData {
  /** Latest value per key, chosen as MLflow chooses it (highest step, then timestamp, then value). */
  readonly metrics: Readonly<Record<string, number>>;
  /** The full latest line per key, with its step and timestamp. */
  readonly latestMetrics: Readonly<Record<string, Metric>>;
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

export interface Dataset {
  readonly name: string;
  readonly digest: string;
  readonly sourceType: string;
  readonly source: string;
  readonly schema: string | null;
  readonly profile: string | null;
}

export interface InputTag {
  readonly key: string;
  readonly value: string;
}

export interface DatasetInput {
  readonly dataset: Dataset;
  readonly tags: readonly InputTag[];
}

export interface RunInputs {
  readonly datasetInputs: readonly DatasetInput[];
}

export interface Run {
  readonly info: RunInfo;
  readonly data: RunData;
  readonly inputs: RunInputs;
}
