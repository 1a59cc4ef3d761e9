/**
 * The worker of the crash scenario: it performs random operations on a store as fast as it can
 * until the parent kills it with SIGKILL. Before each operation it prints `B <op as JSON>`,
 * after the call resolved `A <ack as JSON>` (see stress/lib/crash-model.ts).
 */
import { endRun, flush, logMetric, setTag, startRun, type RunStatus } from '../../src/index.js';
import type { Ack, Op, View } from '../lib/crash-model.js';
import { say, startWorker } from './protocol.js';

export interface CrasherArgs {
  readonly root: string;
  readonly seed: number;
  readonly view: View;
  /** Added to every metric value, so lines of successive workers on one store differ. */
  readonly valueBase: number;
  /** Stops by itself after this many operations (the parent normally kills it long before). */
  readonly maxOps: number;
}

const { args, random, client } = startWorker<CrasherArgs>();
const experiments = args.view.experiments.map((e) => ({ ...e }));
const runs = args.view.runs.map((r) => ({ ...r, tagKeys: [...r.tagKeys] }));
say('ready');
for (let n = 0; n < args.maxOps; n += 1) {
  const op = chooseOp(n);
  say(`B ${JSON.stringify(op)}`);
  const ack = await perform(op);
  say(`A ${JSON.stringify(ack)}`);
  track(op, ack);
}
process.exit(0);

function pick<T>(items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
}

/** A unique label for names, values and paths made by operation n of this worker. */
function label(n: number): string {
  return `${args.seed}-${n}`;
}

function chooseOp(n: number): Op {
  const activeExperiments = experiments.filter((e) => e.lifecycle === 'active');
  const deletable = activeExperiments.filter((e) => e.id !== '0');
  const liveRuns = runs.filter((r) => r.lifecycle === 'active' && activeExperiments.some((e) => e.id === r.experimentId));
  const deletedRuns = runs.filter((r) => r.lifecycle === 'deleted' && activeExperiments.some((e) => e.id === r.experimentId));
  const roll = random();
  const experiment = pick(deletable);
  const run = pick(liveRuns);
  if (roll < 0.06 || activeExperiments.length < 2) return { kind: 'createExperiment', name: `experiment ${label(n)}` };
  if (roll < 0.1 && experiment) return { kind: 'renameExperiment', id: experiment.id, name: `renamed ${label(n)}` };
  if (roll < 0.13 && experiment) return { kind: 'deleteExperiment', id: experiment.id };
  const trashed = pick(experiments.filter((e) => e.lifecycle === 'deleted'));
  if (roll < 0.17 && trashed) return { kind: 'restoreExperiment', id: trashed.id };
  if (roll < 0.27 || run === undefined) return { kind: 'createRun', experimentId: pick(activeExperiments)!.id, name: `run ${label(n)}` };
  if (roll < 0.5) return { kind: 'logBatch', runId: run.id, ...someData(n, 'batch') };
  if (roll < 0.6) return { kind: 'fluentLog', runId: run.id, metrics: someData(n, 'fluent').metrics, tags: someData(n, 'fluent').tags };
  if (roll < 0.68) return { kind: 'setStatus', runId: run.id, status: pick<RunStatus>(['FINISHED', 'FAILED', 'KILLED', 'RUNNING'])! };
  if (roll < 0.74) return { kind: 'deleteRun', runId: run.id };
  const restorable = pick(deletedRuns);
  if (roll < 0.8 && restorable) return { kind: 'restoreRun', runId: restorable.id };
  const tagKey = pick(run.tagKeys);
  if (roll < 0.86 && tagKey) return { kind: 'deleteTag', runId: run.id, key: tagKey };
  return { kind: 'logText', runId: run.id, path: `notes/${label(n)}.txt`, text: `note ${label(n)}\n`.repeat(1 + Math.floor(random() * 2000)) };
}

/** Points over up to three keys (a batch of up to 900, so one append per key), a param, tags. */
function someData(n: number, kind: string): { metrics: Array<[string, number, number]>; params: Array<[string, string]>; tags: Array<[string, string]> } {
  const count = 1 + Math.floor(random() ** 2 * 900);
  const metrics = Array.from({ length: count }, (_, i): [string, number, number] => [`m.${i % 3}`, args.valueBase + n * 1000 + i, i]);
  return { metrics, params: [[`p.${label(n)}`, kind]], tags: [[`t.${n % 4}`, `${kind} ${label(n)}`]] };
}

async function perform(op: Op): Promise<Ack> {
  if (op.kind === 'createExperiment') return { id: await client.createExperiment(op.name) };
  if (op.kind === 'createRun') return { id: (await client.createRun(op.experimentId, { runName: op.name })).info.runId };
  await performWrite(op);
  return {};
}

async function performWrite(op: Exclude<Op, { kind: 'createExperiment' | 'createRun' }>): Promise<unknown> {
  switch (op.kind) {
    case 'renameExperiment':
      return client.renameExperiment(op.id, op.name);
    case 'deleteExperiment':
      return client.deleteExperiment(op.id);
    case 'restoreExperiment':
      return client.restoreExperiment(op.id);
    case 'logBatch': {
      const metrics = op.metrics.map(([key, value, step]) => ({ key, value, step }));
      return client.logBatch(op.runId, { metrics, params: op.params.map(([key, value]) => ({ key, value })), tags: op.tags.map(([key, value]) => ({ key, value })) });
    }
    case 'fluentLog':
      await startRun({ runId: op.runId });
      for (const [key, value, step] of op.metrics) logMetric(key, value, { step });
      for (const [key, value] of op.tags) setTag(key, value);
      await flush();
      return endRun();
    case 'setStatus':
      return client.updateRun(op.runId, { status: op.status });
    case 'deleteRun':
      return client.deleteRun(op.runId);
    case 'restoreRun':
      return client.restoreRun(op.runId);
    case 'deleteTag':
      return client.deleteTag(op.runId, op.key);
    case 'logText':
      return client.logText(op.runId, op.text, op.path);
  }
}

/** Keeps the worker's own view in step with what it did. */
function track(op: Op, ack: Ack): void {
  if (op.kind === 'createExperiment') experiments.push({ id: ack.id!, lifecycle: 'active' });
  if (op.kind === 'createRun') runs.push({ id: ack.id!, experimentId: op.experimentId, lifecycle: 'active', tagKeys: [] });
  if (op.kind === 'deleteExperiment' || op.kind === 'restoreExperiment') {
    const [from, to] = op.kind === 'deleteExperiment' ? (['active', 'deleted'] as const) : (['deleted', 'active'] as const);
    experiments.find((e) => e.id === op.id)!.lifecycle = to;
    for (const r of runs) if (r.experimentId === op.id && r.lifecycle === from) r.lifecycle = to;
  }
  if (op.kind === 'deleteRun' || op.kind === 'restoreRun') runs.find((r) => r.id === op.runId)!.lifecycle = op.kind === 'deleteRun' ? 'deleted' : 'active';
  if (op.kind === 'logBatch' || op.kind === 'fluentLog') {
    const run = runs.find((r) => r.id === op.runId)!;
    for (const [key] of op.tags) if (!run.tagKeys.includes(key)) run.tagKeys.push(key);
  }
  if (op.kind === 'deleteTag') {
    const run = runs.find((r) => r.id === op.runId)!;
    run.tagKeys = run.tagKeys.filter((key) => key !== op.key);
  }
}
