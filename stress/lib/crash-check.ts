import { readFile } from 'node:fs/promises';
import type { MlflowClient, RunStatus } from '../../src/index.js';
import { countLines, type LineCount, NO_LINES, addCounts } from './ack-lines.js';
import { runsTouched, type Lifecycle, type Model, type ModelRun, type Op } from './crash-model.js';
import { readWholeStore } from './store-check.js';

/**
 * The crash scenario's check: reads what a store holds after a kill and compares it with the
 * model of acknowledged operations. The one operation that was under way when the worker died
 * may be done, not done, or (for the few that write several files) partly done; what it left
 * is taken into the model, so the next worker starts from the truth.
 */

export interface ActualState {
  readonly experiments: Record<string, { name: string; lifecycle: Lifecycle }>;
  readonly runs: Record<string, ModelRun>;
}

const ours = (key: string, prefix: string): boolean => key.startsWith(prefix);

function pick(record: Readonly<Record<string, string>>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => ours(key, prefix)));
}

/** Everything the harness compares, read through the public client. */
export async function readActual(client: MlflowClient): Promise<ActualState> {
  const { experiments, runs } = await readWholeStore(client);
  const state: ActualState = { experiments: {}, runs: {} };
  for (const e of experiments) state.experiments[e.experimentId] = { name: e.name, lifecycle: e.lifecycleStage as Lifecycle };
  for (const run of runs) {
    const metrics: ModelRun['metrics'] = {};
    for (const key of Object.keys(run.data.metrics).filter((k) => ours(k, 'm.'))) {
      metrics[key] = (await client.getMetricHistory(run.info.runId, key)).map((m) => [m.value, m.step] as const);
    }
    const artifacts: Record<string, string> = {};
    for (const file of await client.listArtifacts(run.info.runId, 'notes')) {
      artifacts[file.path] = await readFile(await client.downloadArtifacts(run.info.runId, file.path), 'utf8');
    }
    state.runs[run.info.runId] = {
      experimentId: run.info.experimentId,
      name: run.info.runName,
      lifecycle: run.info.lifecycleStage as Lifecycle,
      status: run.info.status,
      params: pick(run.data.params, 'p.'),
      tags: pick(run.data.tags, 't.'),
      metrics,
      artifacts,
    };
  }
  return state;
}

/**
 * Compares the store with the model, allowing what the interrupted operation may have done,
 * and then sets the model to what the store holds. Returns the problems found and the count
 * of acknowledged metric lines checked.
 */
export function reconcile(model: Model, inflight: Op | undefined, actual: ActualState): { problems: string[]; lines: LineCount } {
  const problems: string[] = [];
  reconcileExperiments(model, inflight, actual, problems);
  const touched = new Set(inflight === undefined ? [] : runsTouched(model, inflight));
  let lines = NO_LINES;
  for (const [id, run] of Object.entries(actual.runs)) {
    if (model.runs[id] !== undefined) continue;
    if (inflight?.kind === 'createRun' && inflight.name === run.name && inflight.experimentId === run.experimentId) model.runs[id] = run;
    else problems.push(`run ${id} ('${run.name}') appeared, but no acknowledged or interrupted operation created it`);
  }
  for (const [id, expected] of Object.entries(model.runs)) {
    const found = actual.runs[id];
    if (found === undefined) {
      problems.push(`acknowledged run ${id} ('${expected.name}') is not listed`);
      continue;
    }
    const op = touched.has(id) ? inflight : undefined;
    lines = addCounts(lines, reconcileRun(`run ${id}`, expected, op, found, problems));
    model.runs[id] = found;
  }
  return { problems, lines };
}

function reconcileExperiments(model: Model, inflight: Op | undefined, actual: ActualState, problems: string[]): void {
  for (const [id, found] of Object.entries(actual.experiments)) {
    const expected = model.experiments[id];
    if (expected === undefined) {
      if (inflight?.kind === 'createExperiment' && inflight.name === found.name) model.experiments[id] = { ...found };
      else problems.push(`experiment ${id} ('${found.name}') appeared, but no acknowledged or interrupted operation created it`);
      continue;
    }
    const renamed = inflight?.kind === 'renameExperiment' && inflight.id === id ? inflight.name : expected.name;
    if (found.name !== expected.name && found.name !== renamed) problems.push(`experiment ${id} is named '${found.name}', acknowledged '${expected.name}'`);
    const moving = (inflight?.kind === 'deleteExperiment' || inflight?.kind === 'restoreExperiment') && inflight.id === id;
    if (found.lifecycle !== expected.lifecycle && !moving) problems.push(`experiment ${id} is ${found.lifecycle}, acknowledged ${expected.lifecycle}`);
    model.experiments[id] = { ...found };
  }
  for (const [id, expected] of Object.entries(model.experiments)) {
    if (actual.experiments[id] === undefined) problems.push(`acknowledged experiment ${id} ('${expected.name}') is not listed`);
  }
}

function reconcileRun(what: string, expected: ModelRun, op: Op | undefined, found: ModelRun, problems: string[]): LineCount {
  if (found.name !== expected.name || found.experimentId !== expected.experimentId) {
    problems.push(`${what} is '${found.name}' in experiment ${found.experimentId}, acknowledged '${expected.name}' in ${expected.experimentId}`);
  }
  const lifecycleMoves = op !== undefined && ['deleteExperiment', 'restoreExperiment', 'deleteRun', 'restoreRun'].includes(op.kind);
  if (found.lifecycle !== expected.lifecycle && !lifecycleMoves) problems.push(`${what} is ${found.lifecycle}, acknowledged ${expected.lifecycle}`);
  const statuses: RunStatus[] = [expected.status];
  if (op?.kind === 'setStatus') statuses.push(op.status);
  if (op?.kind === 'fluentLog') statuses.push('RUNNING', 'FINISHED');
  if (!statuses.includes(found.status)) problems.push(`${what} has status ${found.status}, acknowledged ${expected.status}`);
  compareEntries(`${what} param`, expected.params, found.params, op?.kind === 'logBatch' ? op.params : [], problems);
  const newTags = op?.kind === 'logBatch' || op?.kind === 'fluentLog' ? op.tags : [];
  const deleted = op?.kind === 'deleteTag' ? [[op.key, undefined] as const] : [];
  compareEntries(`${what} tag`, expected.tags, found.tags, [...newTags, ...deleted], problems);
  const text = op?.kind === 'logText' ? [[op.path, op.text] as const] : [];
  compareEntries(`${what} artifact`, expected.artifacts, found.artifacts, text, problems);
  return compareMetrics(what, expected, op, found, problems);
}

/** Each entry is as acknowledged, or holds a value the interrupted operation was writing. */
function compareEntries(
  what: string,
  expected: Readonly<Record<string, string>>,
  found: Readonly<Record<string, string>>,
  inflight: ReadonlyArray<readonly [string, string | undefined]>,
  problems: string[],
): void {
  for (const key of new Set([...Object.keys(expected), ...Object.keys(found)])) {
    const allowed = [expected[key], ...inflight.filter(([k]) => k === key).map(([, v]) => v)];
    if (!allowed.includes(found[key])) problems.push(`${what} '${key}' is ${show(found[key])}, acknowledged ${show(expected[key])}`);
  }
}

function show(value: string | undefined): string {
  return value === undefined ? 'absent' : `'${value.length > 60 ? `${value.slice(0, 60)}...' (${value.length} characters)` : `${value}'`}`;
}

/** Every acknowledged line exactly once; other lines only from the interrupted operation, each at most once. */
function compareMetrics(what: string, expected: ModelRun, op: Op | undefined, found: ModelRun, problems: string[]): LineCount {
  let total = NO_LINES;
  const inflight = op?.kind === 'logBatch' || op?.kind === 'fluentLog' ? op.metrics : [];
  for (const key of new Set([...Object.keys(expected.metrics), ...Object.keys(found.metrics)])) {
    const history = (found.metrics[key] ?? []).map(([value, step]) => ({ key, value, step, timestamp: 0 }));
    const acked = expected.metrics[key] ?? [];
    const count = countLines(history, acked);
    const pending = inflight.filter(([k]) => k === key).map(([, value, step]) => [value, step] as const);
    const extra = countLines(history, [...acked, ...pending]);
    if (count.lost > 0 || extra.unexpected > 0 || extra.duplicated > 0) {
      problems.push(`${what} metric '${key}': ${count.lost} acknowledged lines lost, ${extra.duplicated} duplicated, ${extra.unexpected} unexpected`);
    }
    total = addCounts(total, { ...count, duplicated: extra.duplicated, unexpected: extra.unexpected });
  }
  return total;
}
