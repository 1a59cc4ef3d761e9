import type { MlflowClient, MetricInput } from '../client/mlflow-client.js';
import type { Param, RunTag } from '../entities/index.js';
import { LIMITS } from '../validation/index.js';

/** One queued, already validated write of the fluent API. */
export type WriteOp =
  | { readonly kind: 'metric'; readonly metric: Required<MetricInput> }
  | { readonly kind: 'param'; readonly param: Param }
  | { readonly kind: 'tag'; readonly tag: RunTag }
  | {
      readonly kind: 'task';
      readonly run: (client: MlflowClient, runId: string) => Promise<void>;
      /** Set for a call the caller awaits: its own outcome goes there instead of to flush(). */
      readonly settle?: (error?: unknown) => void;
    };

export type DataOp = Exclude<WriteOp, { kind: 'task' }>;

export interface Batches {
  /** Params in logBatch-sized groups, no key twice in a group. */
  readonly params: Param[][];
  /** Metrics and tags in logBatch-sized groups, in the order they were logged. */
  readonly entries: { metrics: Required<MetricInput>[]; tags: RunTag[] }[];
}

/**
 * Groups consecutive queued writes into as few logBatch calls as MLflow's batch limits allow
 * (1000 metrics, 100 params, 100 tags, 1000 in all). Params go in batches of their own, so a
 * param that conflicts with a stored value cannot take metrics down with it; a param logged
 * twice with the same value is written once, as the store would accept it once. Different
 * files do not depend on each other's order, and each file's own order is kept.
 *
 * @example toBatches([{ kind: 'metric', metric: { key: 'loss', value: 1, step: 0, timestamp: 1 } }]).entries.length; // 1
 */
export function toBatches(ops: readonly DataOp[]): Batches {
  const params: Param[][] = [];
  const entries: Batches['entries'] = [];
  const seen = new Set<string>();
  for (const op of ops) {
    if (op.kind === 'param') {
      const signature = `${op.param.key}\u0000${op.param.value}`;
      if (seen.has(signature)) continue;
      seen.add(signature);
      let group = params.find((g) => g.length < LIMITS.batchParamsOrTags && !g.some((p) => p.key === op.param.key));
      if (group === undefined) params.push((group = []));
      group.push(op.param);
      continue;
    }
    let last = entries.at(-1);
    const full =
      last === undefined ||
      last.metrics.length + last.tags.length >= LIMITS.batchEntities ||
      (op.kind === 'metric' ? last.metrics.length >= LIMITS.batchMetrics : last.tags.length >= LIMITS.batchParamsOrTags);
    if (full) entries.push((last = { metrics: [], tags: [] }));
    if (op.kind === 'metric') last?.metrics.push(op.metric);
    else last?.tags.push(op.tag);
  }
  return { params, entries };
}
