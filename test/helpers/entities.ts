/**
 * Small builders for in-memory runs and experiments, for tests that exercise search without a
 * store on disk. Every field has a plain default; pass only what the test is about.
 */
import type { DatasetInput, Experiment, LifecycleStage, Run, RunStatus } from '../../src/entities/index.js';

export interface RunSpec {
  runId?: string;
  runName?: string;
  experimentId?: string;
  userId?: string;
  status?: RunStatus;
  startTime?: number;
  endTime?: number | null;
  artifactUri?: string;
  lifecycleStage?: LifecycleStage;
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  /** Dataset inputs; `context` becomes the input's `mlflow.data.context` tag. */
  datasets?: { name: string; digest: string; context?: string }[];
}

let counter = 0;

/** A run with the given fields; ids default to `run-1`, `run-2`, ... */
export function makeRun(spec: RunSpec = {}): Run {
  counter += 1;
  const runId = spec.runId ?? `run-${counter}`;
  const metrics = spec.metrics ?? {};
  const datasetInputs: DatasetInput[] = (spec.datasets ?? []).map((d) => ({
    dataset: { name: d.name, digest: d.digest, sourceType: 'local', source: 'data.csv', schema: null, profile: null },
    tags: d.context === undefined ? [] : [{ key: 'mlflow.data.context', value: d.context }],
  }));
  return {
    info: {
      runId,
      runName: spec.runName ?? runId,
      experimentId: spec.experimentId ?? '0',
      userId: spec.userId ?? 'alice',
      status: spec.status ?? 'FINISHED',
      startTime: spec.startTime ?? 0,
      endTime: spec.endTime === undefined ? null : spec.endTime,
      artifactUri: spec.artifactUri ?? `file:///mlruns/0/${runId}/artifacts`,
      lifecycleStage: spec.lifecycleStage ?? 'active',
      deletedTime: null,
    },
    data: {
      metrics,
      latestMetrics: Object.fromEntries(Object.entries(metrics).map(([key, value]) => [key, { key, value, timestamp: 0, step: 0 }])),
      params: spec.params ?? {},
      tags: spec.tags ?? {},
    },
    inputs: { datasetInputs },
  };
}

export interface ExperimentSpec {
  experimentId?: string;
  name?: string;
  creationTime?: number | null;
  lastUpdateTime?: number | null;
  lifecycleStage?: LifecycleStage;
  tags?: Record<string, string>;
}

/** An experiment; `lastUpdateTime` defaults to `creationTime`, as MLflow sets it on creation. */
export function makeExperiment(spec: ExperimentSpec = {}): Experiment {
  counter += 1;
  const experimentId = spec.experimentId ?? String(counter);
  const creationTime = spec.creationTime === undefined ? 0 : spec.creationTime;
  return {
    experimentId,
    name: spec.name ?? `experiment-${experimentId}`,
    artifactLocation: `file:///mlruns/${experimentId}`,
    lifecycleStage: spec.lifecycleStage ?? 'active',
    creationTime,
    lastUpdateTime: spec.lastUpdateTime === undefined ? creationTime : spec.lastUpdateTime,
    tags: spec.tags ?? {},
  };
}

/** The ids of runs, in order, for compact assertions. */
export const runIds = (runs: readonly Run[]): string[] => runs.map((r) => r.info.runId);

/** The names of experiments, in order. */
export const experimentNames = (experiments: readonly Experiment[]): string[] => experiments.map((e) => e.name);
