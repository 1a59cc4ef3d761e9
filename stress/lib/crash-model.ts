import type { RunStatus } from '../../src/index.js';

/**
 * What the crash scenario's worker does to a store, and what the parent expects to find there
 * afterwards. The worker announces each operation before it starts (`B <op>`) and acknowledges
 * it after its call resolved (`A <ack>`); the parent applies acknowledged operations to its
 * model of the store. Pure: nothing here touches the disk.
 */

type Point = readonly [key: string, value: number, step: number];
type Pair = readonly [key: string, value: string];

export type Op =
  | { readonly kind: 'createExperiment'; readonly name: string }
  | { readonly kind: 'renameExperiment'; readonly id: string; readonly name: string }
  | { readonly kind: 'deleteExperiment'; readonly id: string }
  | { readonly kind: 'restoreExperiment'; readonly id: string }
  | { readonly kind: 'createRun'; readonly experimentId: string; readonly name: string }
  | { readonly kind: 'logBatch'; readonly runId: string; readonly metrics: readonly Point[]; readonly params: readonly Pair[]; readonly tags: readonly Pair[] }
  /** startRun({ runId }), logMetric for each point and setTag, flush(), endRun(): FINISHED. */
  | { readonly kind: 'fluentLog'; readonly runId: string; readonly metrics: readonly Point[]; readonly tags: readonly Pair[] }
  | { readonly kind: 'setStatus'; readonly runId: string; readonly status: RunStatus }
  | { readonly kind: 'deleteRun'; readonly runId: string }
  | { readonly kind: 'restoreRun'; readonly runId: string }
  | { readonly kind: 'deleteTag'; readonly runId: string; readonly key: string }
  | { readonly kind: 'logText'; readonly runId: string; readonly path: string; readonly text: string };

/** What an acknowledgement carries: the id a create returned. */
export interface Ack {
  readonly id?: string;
}

export type Lifecycle = 'active' | 'deleted';

export interface ModelExperiment {
  name: string;
  lifecycle: Lifecycle;
}

export interface ModelRun {
  readonly experimentId: string;
  readonly name: string;
  lifecycle: Lifecycle;
  status: RunStatus;
  /** Only the params, tags and metrics the worker logged (keys `p.*`, `t.*`, `m.*`). */
  readonly params: Record<string, string>;
  readonly tags: Record<string, string>;
  readonly metrics: Record<string, Array<readonly [value: number, step: number]>>;
  readonly artifacts: Record<string, string>;
}

export interface Model {
  readonly experiments: Record<string, ModelExperiment>;
  readonly runs: Record<string, ModelRun>;
}

/** The little a worker needs to choose valid operations. */
export interface View {
  readonly experiments: ReadonlyArray<{ readonly id: string; readonly lifecycle: Lifecycle }>;
  readonly runs: ReadonlyArray<{ readonly id: string; readonly experimentId: string; readonly lifecycle: Lifecycle; readonly tagKeys: readonly string[] }>;
}

export function emptyModel(): Model {
  return { experiments: { '0': { name: 'Default', lifecycle: 'active' } }, runs: {} };
}

export function viewOf(model: Model): View {
  return {
    experiments: Object.entries(model.experiments).map(([id, e]) => ({ id, lifecycle: e.lifecycle })),
    runs: Object.entries(model.runs).map(([id, r]) => ({ id, experimentId: r.experimentId, lifecycle: r.lifecycle, tagKeys: Object.keys(r.tags) })),
  };
}

/** The run ids an operation changes (for a whole experiment: its runs in the stage it moves them from). */
export function runsTouched(model: Model, op: Op): string[] {
  if (op.kind === 'deleteExperiment' || op.kind === 'restoreExperiment') {
    const from = op.kind === 'deleteExperiment' ? 'active' : 'deleted';
    return Object.entries(model.runs).filter(([, r]) => r.experimentId === op.id && r.lifecycle === from).map(([id]) => id);
  }
  return 'runId' in op ? [op.runId] : [];
}

/** Applies an acknowledged operation to the model, as the library's documented semantics say. */
export function applyOp(model: Model, op: Op, ack: Ack): void {
  switch (op.kind) {
    case 'createExperiment':
      model.experiments[ack.id!] = { name: op.name, lifecycle: 'active' };
      return;
    case 'renameExperiment':
      model.experiments[op.id]!.name = op.name;
      return;
    case 'deleteExperiment':
    case 'restoreExperiment': {
      const to = op.kind === 'deleteExperiment' ? 'deleted' : 'active';
      for (const id of runsTouched(model, op)) model.runs[id]!.lifecycle = to;
      model.experiments[op.id]!.lifecycle = to;
      return;
    }
    case 'createRun':
      model.runs[ack.id!] = { experimentId: op.experimentId, name: op.name, lifecycle: 'active', status: 'RUNNING', params: {}, tags: {}, metrics: {}, artifacts: {} };
      return;
    case 'logBatch':
    case 'fluentLog': {
      const run = model.runs[op.runId]!;
      for (const [key, value, step] of op.metrics) (run.metrics[key] ??= []).push([value, step]);
      for (const [key, value] of op.kind === 'logBatch' ? op.params : []) run.params[key] = value;
      for (const [key, value] of op.tags) run.tags[key] = value;
      if (op.kind === 'fluentLog') run.status = 'FINISHED';
      return;
    }
    case 'setStatus':
      model.runs[op.runId]!.status = op.status;
      return;
    case 'deleteRun':
    case 'restoreRun':
      model.runs[op.runId]!.lifecycle = op.kind === 'deleteRun' ? 'deleted' : 'active';
      return;
    case 'deleteTag':
      delete model.runs[op.runId]!.tags[op.key];
      return;
    case 'logText':
      model.runs[op.runId]!.artifacts[op.path] = op.text;
      return;
  }
}
