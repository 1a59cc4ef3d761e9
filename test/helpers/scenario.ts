/**
 * Scenarios: JSON lists of tracking operations that both Python MLflow
 * (compat/py/apply_scenario.py) and our MlflowClient replay, so the two stores hold the same
 * content. Experiments and runs are named by symbols; the symbol `default` is experiment "0".
 * The format is documented in compat/py/apply_scenario.py.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MlflowClient, RunStatus } from '../../src/index.js';

/** A metric value in JSON: a number, or a marker for what JSON cannot hold. */
export type ScenarioNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export interface ScenarioMetric {
  key: string;
  value: ScenarioNumber;
  timestamp: number;
  step: number;
}

export interface ScenarioKeyValue {
  key: string;
  value: string;
}

export interface ScenarioDataset {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema?: string;
  profile?: string;
  tags?: Record<string, string>;
}

interface Base {
  /** Free text explaining why the operation is there; ignored by both replayers. */
  note?: string;
}

export type ScenarioOp = Base &
  (
    | { op: 'create_experiment'; exp: string; name: string; tags?: Record<string, string>; artifactLocation?: string }
    | { op: 'create_run'; run: string; exp: string; runName?: string; startTime?: number; tags?: Record<string, string>; parent?: string }
    | { op: 'log_param'; run: string; key: string; value: string }
    | { op: 'log_metric'; run: string; key: string; value: ScenarioNumber; step?: number; timestamp?: number }
    | { op: 'set_tag'; run: string; key: string; value: string }
    | { op: 'delete_tag'; run: string; key: string }
    | { op: 'log_batch'; run: string; metrics?: ScenarioMetric[]; params?: ScenarioKeyValue[]; tags?: ScenarioKeyValue[] }
    | { op: 'update_run'; run: string; runName?: string; status?: RunStatus }
    | { op: 'set_terminated'; run: string; status?: RunStatus; endTime?: number }
    | { op: 'delete_run' | 'restore_run'; run: string }
    | { op: 'delete_experiment' | 'restore_experiment'; exp: string }
    | { op: 'rename_experiment'; exp: string; name: string }
    | { op: 'set_experiment_tag'; exp: string; key: string; value: string }
    | { op: 'delete_experiment_tag'; exp: string; key: string }
    | { op: 'log_inputs'; run: string; datasets: ScenarioDataset[] }
  );

export type Scenario = readonly ScenarioOp[];

/** Symbol → real id, as both replayers return it. */
export type IdMap = Record<string, string>;

const SCENARIO_DIR = join(resolve(fileURLToPath(new URL('../..', import.meta.url))), 'compat', 'scenarios');

/** Loads compat/scenarios/<name>.json. */
export function loadScenario(name: string): Scenario {
  return JSON.parse(readFileSync(join(SCENARIO_DIR, `${name}.json`), 'utf8')) as Scenario;
}

export function scenarioNumber(value: ScenarioNumber): number {
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return value;
}

/** A scenario operation our client rejected or that the scenario itself got wrong. */
export class ScenarioError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScenarioError';
  }
}

function ref(ids: IdMap, symbol: string, what: string): string {
  const id = ids[symbol];
  if (id === undefined) throw new ScenarioError(`unknown ${what} symbol '${symbol}'`);
  return id;
}

function define(ids: IdMap, symbol: string, id: string): void {
  if (symbol in ids) throw new ScenarioError(`symbol '${symbol}' is defined twice`);
  ids[symbol] = id;
}

async function applyOp(client: MlflowClient, ids: IdMap, op: ScenarioOp): Promise<void> {
  switch (op.op) {
    case 'create_experiment':
      define(ids, op.exp, await client.createExperiment(op.name, {
        ...(op.artifactLocation === undefined ? {} : { artifactLocation: op.artifactLocation }),
        ...(op.tags === undefined ? {} : { tags: op.tags }),
      }));
      return;
    case 'create_run': {
      const tags = { ...op.tags };
      if (op.parent !== undefined) tags['mlflow.parentRunId'] = ref(ids, op.parent, 'run');
      const run = await client.createRun(ref(ids, op.exp, 'experiment'), {
        ...(op.runName === undefined ? {} : { runName: op.runName }),
        ...(op.startTime === undefined ? {} : { startTime: op.startTime }),
        tags,
      });
      define(ids, op.run, run.info.runId);
      return;
    }
    case 'log_param':
      return client.logParam(ref(ids, op.run, 'run'), op.key, op.value);
    case 'log_metric':
      return client.logMetric(ref(ids, op.run, 'run'), op.key, scenarioNumber(op.value), {
        ...(op.step === undefined ? {} : { step: op.step }),
        ...(op.timestamp === undefined ? {} : { timestamp: op.timestamp }),
      });
    case 'set_tag':
      return client.setTag(ref(ids, op.run, 'run'), op.key, op.value);
    case 'delete_tag':
      return client.deleteTag(ref(ids, op.run, 'run'), op.key);
    case 'log_batch':
      return client.logBatch(ref(ids, op.run, 'run'), {
        metrics: (op.metrics ?? []).map((m) => ({ ...m, value: scenarioNumber(m.value) })),
        params: op.params ?? [],
        tags: op.tags ?? [],
      });
    case 'update_run':
      await client.updateRun(ref(ids, op.run, 'run'), {
        ...(op.runName === undefined ? {} : { runName: op.runName }),
        ...(op.status === undefined ? {} : { status: op.status }),
      });
      return;
    case 'set_terminated': {
      const runId = ref(ids, op.run, 'run');
      const status = op.status ?? 'FINISHED';
      return op.endTime === undefined ? client.setTerminated(runId, status) : client.setTerminated(runId, status, op.endTime);
    }
    case 'delete_run':
      return client.deleteRun(ref(ids, op.run, 'run'));
    case 'restore_run':
      return client.restoreRun(ref(ids, op.run, 'run'));
    case 'delete_experiment':
      return client.deleteExperiment(ref(ids, op.exp, 'experiment'));
    case 'restore_experiment':
      return client.restoreExperiment(ref(ids, op.exp, 'experiment'));
    case 'rename_experiment':
      return client.renameExperiment(ref(ids, op.exp, 'experiment'), op.name);
    case 'set_experiment_tag':
      return client.setExperimentTag(ref(ids, op.exp, 'experiment'), op.key, op.value);
    case 'delete_experiment_tag':
      return client.deleteExperimentTag(ref(ids, op.exp, 'experiment'), op.key);
    case 'log_inputs':
      throw new ScenarioError('log_inputs is not part of our MlflowClient yet; only Python MLflow can replay it');
    default: {
      const unknown: never = op;
      throw new ScenarioError(`unknown op ${JSON.stringify((unknown as { op?: unknown }).op)}`);
    }
  }
}

/**
 * Replays a scenario through our client and returns the symbol → id map, exactly as
 * compat/py/apply_scenario.py does with Python MLflow. A failing operation is reported with its
 * index and content, the client's error attached as `cause`.
 */
export async function replayScenario(client: MlflowClient, scenario: Scenario): Promise<IdMap> {
  const ids: IdMap = { default: '0' };
  for (const [index, op] of scenario.entries()) {
    try {
      await applyOp(client, ids, op);
    } catch (cause) {
      const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
      throw new ScenarioError(`scenario operation #${index} ${JSON.stringify(op).slice(0, 300)} failed: ${reason}`, { cause });
    }
  }
  return ids;
}
