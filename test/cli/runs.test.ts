import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { mlruns, mlrunsJson } from '../helpers/cli.js';
import { copyFixture, fixtureInfo } from '../helpers/fixtures.js';
import { freshStorePath } from '../helpers/tmp.js';

interface RunJson {
  runId: string;
  runName: string;
  status: string;
  startTime: string;
  endTime: string | null;
  durationMs: number | null;
  params: Record<string, string>;
  metrics: Record<string, number>;
  tags: Record<string, string>;
}

/** A store with one experiment of three runs that share `optimizer` and differ in `lr` and `acc`. */
async function sweepStore(): Promise<{ root: string; ids: string[] }> {
  const root = await freshStorePath();
  const client = new MlflowClient(root);
  const experimentId = await client.createExperiment('sweep');
  const ids: string[] = [];
  for (const [i, [lr, acc]] of ([['0.1', 0.7], ['0.01', 0.8], ['0.001', 0.9]] as const).entries()) {
    const run = await client.createRun(experimentId, { runName: `lr=${lr}`, startTime: 1_700_000_000_000 + i * 1000 });
    await client.logBatch(run.info.runId, { params: { lr, optimizer: 'sgd' }, metrics: [{ key: 'acc', value: acc, step: 2 }, { key: 'epochs', value: 3 }] });
    await client.setTerminated(run.info.runId, 'FINISHED', 1_700_000_000_000 + i * 1000 + 1500);
    ids.push(run.info.runId);
  }
  return { root, ids };
}

describe('mlruns runs list', () => {
  it('returns the runs of an MLflow 3 store as JSON with info, params, metrics and tags', async () => {
    const root = await copyFixture('mlflow-3');
    const { ids, mlflowReads } = fixtureInfo('mlflow-3');
    const runs = await mlrunsJson<RunJson[]>(root, ['runs', 'list', '-e', ids.sweep!, '--order-by', 'params.lr']);
    const theirs = mlflowReads['3']!.experiments.find((e) => e.experimentId === ids.sweep)!.runs.filter((r) => r.info.lifecycleStage === 'active');
    expect(runs.map((r) => r.runId).sort()).toEqual(theirs.map((r) => r.info.runId).sort());
    const c1 = runs.find((r) => r.runId === ids.c1)!;
    const expected = theirs.find((r) => r.info.runId === ids.c1)!;
    expect(c1.runName).toBe(expected.info.runName);
    expect(c1.status).toBe(expected.info.status);
    expect(c1.startTime).toBe(new Date(expected.info.startTime).toISOString());
    expect(c1.durationMs).toBe(expected.info.endTime! - expected.info.startTime);
    expect(c1.params).toEqual(expected.data.params);
    expect(c1.metrics).toEqual(expected.data.metrics);
    expect(c1.tags).toEqual(expected.data.tags);
  });

  it('shows the params and metrics that vary between the runs, and not those that are the same', async () => {
    const { root } = await sweepStore();
    const result = await mlruns(['--root', root, 'runs', 'list', '-e', 'sweep']);
    const header = result.stdout.split('\n')[1]!;
    expect(header.split('│').map((cell) => cell.trim()).filter((cell) => cell !== '')).toEqual(['run_id', 'name', 'status', 'start_time', 'duration', 'params.lr', 'metrics.acc']);
    expect(result.stdout).toContain('lr=0.01');
    expect(result.stdout).toContain('1.5s');
  });

  it('filters and orders with MLflow syntax, and keeps the first --max runs', async () => {
    const { root, ids } = await sweepStore();
    const runs = await mlrunsJson<RunJson[]>(root, ['runs', 'list', '-e', 'sweep', '--filter', 'metrics.acc > 0.75', '--order-by', 'metrics.acc DESC']);
    expect(runs.map((r) => r.runId)).toEqual([ids[2], ids[1]]);
    const first = await mlruns(['--root', root, '--format', 'json', 'runs', 'list', '--max', '1', '--order-by', 'start_time']);
    expect((JSON.parse(first.stdout) as RunJson[]).map((r) => r.runName)).toEqual(['lr=0.1']);
    expect(first.stderr).toContain('Showing the first 1 runs; more match. Raise --max to see them.');
  });

  it('writes the chosen --columns as CSV', async () => {
    const { root } = await sweepStore();
    const result = await mlruns(['--root', root, '--format', 'csv', 'runs', 'list', '--columns', 'name,params.optimizer,metrics.acc', '--order-by', 'start_time']);
    expect(result.stdout).toBe('name,params.optimizer,metrics.acc\r\nlr=0.1,sgd,0.7\r\nlr=0.01,sgd,0.8\r\nlr=0.001,sgd,0.9\r\n');
  });

  it('exits 2 for a filter that does not parse, pointing at the mistake', async () => {
    const { root } = await sweepStore();
    const result = await mlruns(['--root', root, 'runs', 'list', '--filter', 'metrics.acc >> 1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: Invalid comparator '>>'.*\n$/);
  });
});

describe('mlruns runs show', () => {
  it('shows a run with its latest metrics and steps, its artifacts, its parent and its children', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(root);
    const parent = await client.createRun('0', { runName: 'parent' });
    const run = await client.createRun('0', { runName: 'child', tags: { 'mlflow.parentRunId': parent.info.runId } });
    const grandchild = await client.createRun('0', { runName: 'grandchild', tags: { 'mlflow.parentRunId': run.info.runId } });
    await client.logMetric(run.info.runId, 'loss', 0.5, { step: 1, timestamp: 1000 });
    await client.logMetric(run.info.runId, 'loss', 0.25, { step: 2, timestamp: 2000 });
    await client.logText(run.info.runId, 'hello', 'notes/readme.txt');
    const shown = await mlrunsJson<{
      info: { runName: string; experimentName: string };
      metrics: unknown[];
      artifacts: unknown[];
      parent: unknown;
      children: { runId: string }[];
    }>(root, ['runs', 'show', run.info.runId]);
    expect(shown.info).toMatchObject({ runName: 'child', experimentName: 'Default' });
    expect(shown.metrics).toEqual([{ key: 'loss', value: 0.25, step: 2, timestamp: 2000 }]);
    expect(shown.artifacts).toEqual([{ path: 'notes', isDir: true, fileSize: null }, { path: 'notes/readme.txt', isDir: false, fileSize: 5 }]);
    expect(shown.parent).toEqual({ runId: parent.info.runId, runName: 'parent' });
    expect(shown.children.map((c) => c.runId)).toEqual([grandchild.info.runId]);
  });

  it('says the run was not found, with exit code 1', async () => {
    const result = await mlruns(['--root', await freshStorePath(), 'runs', 'show', '0123456789abcdef0123456789abcdef']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("error: Run '0123456789abcdef0123456789abcdef' not found. Check the id, or search the store's runs to find it.\n");
  });
});

describe('mlruns runs compare', () => {
  it('puts runs side by side and marks the rows that differ', async () => {
    const { root, ids } = await sweepStore();
    const compared = await mlrunsJson<{ rows: { field: string; values: unknown[]; differs: boolean }[] }>(root, ['runs', 'compare', ids[0]!, ids[1]!]);
    const row = (field: string) => compared.rows.find((r) => r.field === field);
    expect(row('params.lr')).toEqual({ field: 'params.lr', values: ['0.1', '0.01'], differs: true });
    expect(row('params.optimizer')).toEqual({ field: 'params.optimizer', values: ['sgd', 'sgd'], differs: false });
    expect(row('metrics.acc')).toEqual({ field: 'metrics.acc', values: [0.7, 0.8], differs: true });
    const table = await mlruns(['--root', root, 'runs', 'compare', ids[0]!, ids[1]!, '--diff-only']);
    expect(table.stdout).toContain('≠ params.lr');
    expect(table.stdout).not.toContain('params.optimizer');
  });

  it('asks for at least two runs', async () => {
    const { root, ids } = await sweepStore();
    const result = await mlruns(['--root', root, 'runs', 'compare', ids[0]!]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`use 'mlruns runs show ${ids[0]}'`);
  });
});

describe('mlruns metrics history', () => {
  it('prints every logged value of the metrics as CSV and JSON', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(root);
    const { info } = await client.createRun('0');
    await client.logBatch(info.runId, { metrics: [{ key: 'loss', value: 1, step: 0, timestamp: 10 }, { key: 'loss', value: 0.5, step: 1, timestamp: 20 }, { key: 'acc', value: 0.9, step: 1, timestamp: 30 }] });
    const csv = await mlruns(['--root', root, '--format', 'csv', 'metrics', 'history', info.runId, 'loss', 'acc']);
    expect(csv.stdout).toBe('key,step,value,timestamp\r\nloss,0,1,10\r\nloss,1,0.5,20\r\nacc,1,0.9,30\r\n');
    expect(await mlrunsJson(root, ['metrics', 'history', info.runId, 'loss'])).toEqual([
      { key: 'loss', value: 1, step: 0, timestamp: 10 },
      { key: 'loss', value: 0.5, step: 1, timestamp: 20 },
    ]);
  });
});

describe('mlruns runs delete and restore', () => {
  it('deletes runs so that listings skip them, and restores them', async () => {
    const { root, ids } = await sweepStore();
    await mlrunsJson(root, ['runs', 'delete', ids[0]!, ids[1]!]);
    expect((await mlrunsJson<RunJson[]>(root, ['runs', 'list'])).map((r) => r.runId)).toEqual([ids[2]]);
    expect((await mlrunsJson<RunJson[]>(root, ['runs', 'list', '--view', 'deleted'])).map((r) => r.runId).sort()).toEqual([ids[0], ids[1]].sort());
    const restored = await mlruns(['--root', root, 'runs', 'restore', ids[0]!]);
    expect(restored.stdout).toBe(`Restored run ${ids[0]} ('lr=0.1').\n`);
    expect((await new MlflowClient(root).getRun(ids[0]!)).info.lifecycleStage).toBe('active');
  });
});

describe('mlruns on a damaged store', () => {
  it('lists what it can read and says on stderr how many entries it skipped', async () => {
    const root = await copyFixture('damaged');
    const { ids } = fixtureInfo('damaged');
    const result = await mlruns(['--root', root, '--format', 'json', 'runs', 'list', '-e', ids.healthy!]);
    expect((JSON.parse(result.stdout) as RunJson[]).map((r) => r.runId).sort()).toEqual([ids.ds_store, ids.good].sort());
    expect(result.stderr).toMatch(/warning: \d+ damaged entr(y was|ies were) skipped; run 'mlruns doctor' to see and fix them\./);
  });
});
