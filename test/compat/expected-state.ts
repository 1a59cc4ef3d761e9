/**
 * What a store must hold after a scenario, derived from the scenario alone (MLflow's documented
 * semantics, spec sections 2-5), so a reader is checked against what was logged and not only
 * against another reader. Fields the scenario leaves to chance (random run names, creation
 * times, system tags a client adds on its own) are not checked.
 */
import type { DumpRun, StoreDump } from '../helpers/mlflow.js';
import { type IdMap, type Scenario, type ScenarioOp, scenarioNumber } from '../helpers/scenario.js';
import { sameValue } from './compare.js';
import { show } from './our-dump.js';

interface ExpectedMetric {
  key: string;
  value: number;
  timestamp: number | undefined;
  step: number;
}

interface ExpectedRun {
  exp: string;
  runName: string | undefined; // undefined: MLflow picked a random name
  status: string;
  startTime: number | undefined;
  endTime: number | null | undefined; // undefined: "now" at some point, not checked
  lifecycleStage: 'active' | 'deleted';
  userId: string | undefined;
  params: Record<string, string>;
  tags: Record<string, string>;
  deletedTags: Set<string>;
  history: Record<string, ExpectedMetric[]>;
}

interface ExpectedExperiment {
  name: string;
  lifecycleStage: 'active' | 'deleted';
  artifactLocation: string | undefined;
  tags: Record<string, string>;
}

export interface ExpectedState {
  experiments: Map<string, ExpectedExperiment>;
  runs: Map<string, ExpectedRun>;
}

const RUN_NAME_TAG = 'mlflow.runName';

function setRunTag(run: ExpectedRun, key: string, value: string): void {
  run.tags[key] = value;
  run.deletedTags.delete(key);
  // Setting mlflow.runName also renames the run (spec 4.4).
  if (key === RUN_NAME_TAG) run.runName = value;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`scenario refers to unknown ${what}`);
  return value;
}

function apply(state: ExpectedState, op: ScenarioOp): void {
  const run = (symbol: string): ExpectedRun => must(state.runs.get(symbol), `run '${symbol}'`);
  const exp = (symbol: string): ExpectedExperiment => must(state.experiments.get(symbol), `experiment '${symbol}'`);
  switch (op.op) {
    case 'create_experiment':
      state.experiments.set(op.exp, { name: op.name, lifecycleStage: 'active', artifactLocation: op.artifactLocation, tags: { ...op.tags } });
      return;
    case 'create_run': {
      const tags = { ...op.tags };
      if (op.parent !== undefined) tags['mlflow.parentRunId'] = `@${op.parent}`;
      const runName = op.runName || tags[RUN_NAME_TAG] || undefined;
      if (runName !== undefined) tags[RUN_NAME_TAG] = runName;
      state.runs.set(op.run, {
        exp: op.exp,
        runName,
        status: 'RUNNING',
        startTime: op.startTime,
        endTime: null,
        lifecycleStage: 'active',
        userId: tags['mlflow.user'],
        params: {},
        tags,
        deletedTags: new Set(),
        history: {},
      });
      return;
    }
    case 'log_param':
      run(op.run).params[op.key] = op.value;
      return;
    case 'log_metric':
      (run(op.run).history[op.key] ??= []).push({ key: op.key, value: scenarioNumber(op.value), timestamp: op.timestamp, step: op.step ?? 0 });
      return;
    case 'set_tag':
      setRunTag(run(op.run), op.key, op.value);
      return;
    case 'delete_tag': {
      const target = run(op.run);
      delete target.tags[op.key];
      target.deletedTags.add(op.key);
      return;
    }
    case 'log_batch': {
      const target = run(op.run);
      for (const p of op.params ?? []) target.params[p.key] = p.value;
      for (const m of op.metrics ?? []) (target.history[m.key] ??= []).push({ ...m, value: scenarioNumber(m.value) });
      for (const t of op.tags ?? []) setRunTag(target, t.key, t.value);
      return;
    }
    case 'update_run': {
      const target = run(op.run);
      if (op.status !== undefined) target.status = op.status;
      if (op.runName) setRunTag(target, RUN_NAME_TAG, op.runName);
      return;
    }
    case 'set_terminated': {
      const target = run(op.run);
      target.status = op.status ?? 'FINISHED';
      target.endTime = op.endTime;
      return;
    }
    case 'delete_run':
    case 'restore_run':
      run(op.run).lifecycleStage = op.op === 'delete_run' ? 'deleted' : 'active';
      return;
    case 'delete_experiment':
    case 'restore_experiment': {
      // Deleting an experiment deletes its active runs; restoring it restores every deleted
      // run in it, also those deleted one by one before (spec 5.4).
      const [from, to] = op.op === 'delete_experiment' ? (['active', 'deleted'] as const) : (['deleted', 'active'] as const);
      exp(op.exp).lifecycleStage = to;
      for (const r of state.runs.values()) if (r.exp === op.exp && r.lifecycleStage === from) r.lifecycleStage = to;
      return;
    }
    case 'rename_experiment':
      exp(op.exp).name = op.name;
      return;
    case 'set_experiment_tag':
      exp(op.exp).tags[op.key] = op.value;
      return;
    case 'delete_experiment_tag':
      delete exp(op.exp).tags[op.key];
      return;
    case 'log_inputs':
      return; // dataset inputs are compared reader against reader only
  }
}

/** The state a scenario leaves behind. The Default experiment is symbol `default`. */
export function expectedState(scenario: Scenario): ExpectedState {
  const state: ExpectedState = {
    experiments: new Map([['default', { name: 'Default', lifecycleStage: 'active', artifactLocation: undefined, tags: {} }]]),
    runs: new Map(),
  };
  for (const op of scenario) apply(state, op);
  return state;
}

function check(out: string[], where: string, field: string, expected: unknown, actual: unknown): void {
  if (!sameValue(expected, actual)) out.push(`${where} ${field}: logged ${show(expected)}, read ${show(actual)}`);
}

function checkRun(out: string[], where: string, want: ExpectedRun, got: DumpRun, ids: IdMap): void {
  const resolve = (value: string): string => (value.startsWith('@') ? (ids[value.slice(1)] ?? value) : value);
  check(out, where, 'experimentId', ids[want.exp], got.info.experimentId);
  if (want.runName !== undefined) check(out, where, 'runName', want.runName, got.info.runName);
  else if (!/^[a-z]+-[a-z]+-\d+$/.test(got.info.runName)) out.push(`${where} runName: expected a random adjective-noun-number name, read ${show(got.info.runName)}`);
  check(out, where, `tags["${RUN_NAME_TAG}"]`, got.info.runName, got.data.tags[RUN_NAME_TAG]);
  check(out, where, 'status', want.status, got.info.status);
  if (want.startTime !== undefined) check(out, where, 'startTime', want.startTime, got.info.startTime);
  if (want.endTime !== undefined) check(out, where, 'endTime', want.endTime, got.info.endTime);
  else if (got.info.endTime === null) out.push(`${where} endTime: expected a time, read null`);
  check(out, where, 'lifecycleStage', want.lifecycleStage, got.info.lifecycleStage);
  if (want.userId !== undefined) check(out, where, 'userId', want.userId, got.info.userId);
  for (const key of new Set([...Object.keys(want.params), ...Object.keys(got.data.params)])) {
    check(out, where, `params[${JSON.stringify(key)}]`, want.params[key], got.data.params[key]);
  }
  for (const [key, value] of Object.entries(want.tags)) check(out, where, `tags[${JSON.stringify(key)}]`, resolve(value), got.data.tags[key]);
  for (const key of want.deletedTags) if (key in got.data.tags) out.push(`${where} tags[${JSON.stringify(key)}]: deleted, but read ${show(got.data.tags[key])}`);
  for (const key of new Set([...Object.keys(want.history), ...Object.keys(got.metricHistory)])) {
    const logged = want.history[key] ?? [];
    const read = got.metricHistory[key] ?? [];
    if (logged.length !== read.length) {
      out.push(`${where} metric ${JSON.stringify(key)}: logged ${logged.length} values, read ${read.length}`);
      continue;
    }
    logged.forEach((m, i) => {
      const line = read[i];
      if (line === undefined) return;
      const field = `metric ${JSON.stringify(key)} line ${i}`;
      check(out, where, `${field} value`, m.value, line.value);
      check(out, where, `${field} step`, m.step, line.step);
      if (m.timestamp !== undefined) check(out, where, `${field} timestamp`, m.timestamp, line.timestamp);
    });
  }
}

/** Every way a dump departs from what the scenario logged; `[]` when it holds all of it. */
export function checkAgainstScenario(dump: StoreDump, state: ExpectedState, ids: IdMap): string[] {
  const out: string[] = [];
  const experiments = new Map(dump.experiments.map((e) => [e.experimentId, e]));
  const runs = new Map(dump.experiments.flatMap((e) => e.runs).map((r) => [r.info.runId, r]));
  const known = new Set<string>();
  for (const [symbol, want] of state.experiments) {
    const id = must(ids[symbol], `experiment id for '${symbol}'`);
    known.add(id);
    const got = experiments.get(id);
    const where = `experiment ${symbol} (${id})`;
    if (got === undefined) {
      out.push(`${where}: not listed`);
      continue;
    }
    check(out, where, 'name', want.name, got.name);
    check(out, where, 'lifecycleStage', want.lifecycleStage, got.lifecycleStage);
    if (want.artifactLocation !== undefined) check(out, where, 'artifactLocation', want.artifactLocation, got.artifactLocation);
    for (const key of new Set([...Object.keys(want.tags), ...Object.keys(got.tags)])) {
      check(out, where, `tags[${JSON.stringify(key)}]`, want.tags[key], got.tags[key]);
    }
  }
  for (const id of experiments.keys()) if (!known.has(id)) out.push(`experiment ${id}: listed, but the scenario never created it`);
  for (const [symbol, want] of state.runs) {
    const id = must(ids[symbol], `run id for '${symbol}'`);
    const got = runs.get(id);
    if (got === undefined) out.push(`run ${symbol} (${id}): not listed`);
    else checkRun(out, `run ${symbol} (${id})`, want, got, ids);
  }
  if (runs.size !== state.runs.size) out.push(`the store lists ${runs.size} runs, the scenario created ${state.runs.size}`);
  return out;
}
