import type { LifecycleStage } from './run.js';

export interface Experiment {
  readonly experimentId: string;
  readonly name: string;
  readonly artifactLocation: string;
  readonly lifecycleStage: LifecycleStage;
  /** Milliseconds since the epoch; null for experiments written before MLflow 1.29. */
  readonly creationTime: number | null;
  readonly lastUpdateTime: number | null;
  readonly tags: Readonly<Record<string, string>>;
}

/** Which lifecycle stages a listing returns. */
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
