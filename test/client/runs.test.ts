import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { RUN_NAME_PREDICATES } from '../../src/format/run-name-words.js';
import { freshStorePath } from '../helpers/tmp.js';

async function setup(): Promise<{ client: MlflowClient; root: string; experimentId: string }> {
  const root = await freshStorePath();
  const client = new MlflowClient(root);
  const experimentId = await client.createExperiment('runs');
  return { client, root, experimentId };
}

describe('creating runs', () => {
  it('gives a random MLflow-style name and the system tags when nothing is given (spec case 24)', async () => {
    const { client } = await setup();
    const run = await client.createRun('0');
    const [predicate] = run.info.runName.split('-');
    expect(RUN_NAME_PREDICATES).toContain(predicate);
    expect(run.data.tags['mlflow.runName']).toBe(run.info.runName);
    expect(run.data.tags['mlflow.source.type']).toBe('LOCAL');
    expect(run.data.tags['mlflow.user']).toBe(run.info.userId);
    expect(Object.keys(run.data.tags)).toEqual(expect.arrayContaining(['mlflow.runName', 'mlflow.user', 'mlflow.source.name', 'mlflow.source.type']));
  });

  it('records the git commit when the script runs inside a git checkout', async () => {
    const { client } = await setup();
    const run = await client.createRun('0');
    // The test runner's entry script lives in this repository's node_modules.
    expect(run.data.tags['mlflow.source.git.commit']).toMatch(/^[0-9a-f]{40}$/);
  });

  it('starts RUNNING with no end time, an artifact URI under the experiment and all four folders', async () => {
    const { client, root, experimentId } = await setup();
    const run = await client.createRun(experimentId, { startTime: 1234 });
    expect(run.info).toMatchObject({ status: 'RUNNING', endTime: null, startTime: 1234, lifecycleStage: 'active', experimentId });
    expect(run.info.artifactUri).toBe(`file://${root}/${experimentId}/${run.info.runId}/artifacts`);
    for (const folder of ['metrics', 'params', 'tags', 'artifacts']) {
      expect((await stat(join(root, experimentId, run.info.runId, folder))).isDirectory()).toBe(true);
    }
  });

  it('uses the given name for both the meta and the mlflow.runName tag (spec case 25)', async () => {
    const { client } = await setup();
    const run = await client.createRun('0', { runName: 'my name' });
    expect(run.info.runName).toBe('my name');
    expect(run.data.tags['mlflow.runName']).toBe('my name');
  });

  it('takes the name from an mlflow.runName tag, and refuses a different run name beside it', async () => {
    const { client } = await setup();
    expect((await client.createRun('0', { tags: { 'mlflow.runName': 'test' } })).info.runName).toBe('test');
    await expect(client.createRun('0', { runName: 'my name', tags: { 'mlflow.runName': 'test' } })).rejects.toThrow(
      "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='my name', mlflow.runName='test')",
    );
  });

  it('refuses to create a run in a deleted experiment (spec case 26)', async () => {
    const { client, experimentId } = await setup();
    await client.deleteExperiment(experimentId);
    await expect(client.createRun(experimentId)).rejects.toMatchObject({
      errorCode: 'INVALID_STATE',
      message: expect.stringContaining('Could not create run under non-active experiment'),
    });
  });

  it('writes the run meta.yaml MLflow 3 writes, plus run_uuid for MLflow 2', async () => {
    const { client, root, experimentId } = await setup();
    const run = await client.createRun(experimentId, { runName: 'r', startTime: 5, tags: { 'mlflow.user': 'alice' } });
    const meta = await readFile(join(root, experimentId, run.info.runId, 'meta.yaml'), 'utf8');
    expect(meta).toBe(
      [
        `artifact_uri: file://${root}/${experimentId}/${run.info.runId}/artifacts`,
        'end_time: null',
        "entry_point_name: ''",
        `experiment_id: '${experimentId}'`,
        'lifecycle_stage: active',
        `run_id: ${run.info.runId}`,
        'run_name: r',
        `run_uuid: ${run.info.runId}`,
        "source_name: ''",
        'source_type: 4',
        "source_version: ''",
        'start_time: 5',
        'status: 1',
        'tags: []',
        'user_id: alice',
        '',
      ].join('\n'),
    );
  });
});

describe('updating and deleting runs', () => {
  it('sets status, end time and name, and keeps the name when none is given (spec case 28)', async () => {
    const { client } = await setup();
    const run = await client.createRun('0', { runName: 'before' });
    await client.updateRun(run.info.runId, { status: 'FINISHED', endTime: 1000, runName: 'new name' });
    let info = (await client.getRun(run.info.runId)).info;
    expect(info).toMatchObject({ status: 'FINISHED', endTime: 1000, runName: 'new name' });
    await client.updateRun(run.info.runId, { status: 'KILLED' });
    info = (await client.getRun(run.info.runId)).info;
    expect(info).toMatchObject({ status: 'KILLED', endTime: 1000, runName: 'new name' });
  });

  it('ends a run FINISHED at the current time by default', async () => {
    const { client } = await setup();
    const run = await client.createRun('0');
    const before = Date.now();
    await client.setTerminated(run.info.runId);
    const info = (await client.getRun(run.info.runId)).info;
    expect(info.status).toBe('FINISHED');
    expect(info.endTime).toBeGreaterThanOrEqual(before);
  });

  it('writes deleted_time on delete and removes it on restore, both idempotent (spec case 29)', async () => {
    const { client, root } = await setup();
    const run = await client.createRun('0');
    const metaPath = join(root, '0', run.info.runId, 'meta.yaml');
    await client.deleteRun(run.info.runId);
    await client.deleteRun(run.info.runId);
    expect((await client.getRun(run.info.runId)).info.lifecycleStage).toBe('deleted');
    expect(await readFile(metaPath, 'utf8')).toMatch(/^deleted_time: \d+$/m);
    await client.restoreRun(run.info.runId);
    await client.restoreRun(run.info.runId);
    expect((await client.getRun(run.info.runId)).info.lifecycleStage).toBe('active');
    expect(await readFile(metaPath, 'utf8')).not.toContain('deleted_time');
  });

  it('reads deleted runs but refuses to log to them (spec case 31)', async () => {
    const { client } = await setup();
    const run = await client.createRun('0');
    await client.deleteRun(run.info.runId);
    await expect(client.setTag(run.info.runId, 'a', 'b')).rejects.toThrow(/must be in the 'active' lifecycle_stage/);
    await expect(client.logMetric(run.info.runId, 'm', 1)).rejects.toThrow(/must be in the 'active' lifecycle_stage/);
    await expect(client.logParam(run.info.runId, 'p', 1)).rejects.toThrow(/must be in the 'active' lifecycle_stage/);
  });

  it('reports a run whose folder was removed as not found (spec case 30)', async () => {
    const { client, root } = await setup();
    const run = await client.createRun('0');
    await rm(join(root, '0', run.info.runId), { recursive: true });
    await expect(client.getRun(run.info.runId)).rejects.toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST' });
    await expect(client.getMetricHistory(run.info.runId, 'm')).rejects.toThrow(`Run '${run.info.runId}' not found`);
  });

  it('skips a run whose meta.yaml was removed and still reads the others (spec case 32)', async () => {
    const { client, root } = await setup();
    const kept = await client.createRun('0');
    const broken = await client.createRun('0');
    await rm(join(root, '0', broken.info.runId, 'meta.yaml'));
    await expect(client.getRun(broken.info.runId)).rejects.toThrow(/not found/);
    expect((await client.searchRuns(['0'])).runs.map((r) => r.info.runId)).toEqual([kept.info.runId]);
  });

  it('refuses a run whose meta.yaml names another experiment, and search omits it (spec case 33)', async () => {
    const { client, root } = await setup();
    const run = await client.createRun('0');
    const metaPath = join(root, '0', run.info.runId, 'meta.yaml');
    await writeFile(metaPath, (await readFile(metaPath, 'utf8')).replace("experiment_id: '0'", "experiment_id: '99'"));
    await expect(client.getRun(run.info.runId)).rejects.toMatchObject({ errorCode: 'INVALID_STATE', message: expect.stringContaining('metadata is in invalid state') });
    expect((await client.searchRuns(['0'])).runs).toEqual([]);
    expect(client.warnings.map((w) => w.code)).toContain('RUN_EXPERIMENT_MISMATCH');
  });

  it('does not take a planted artifacts/meta.yaml for a run (spec case 34)', async () => {
    const { client, root } = await setup();
    const run = await client.createRun('0');
    await mkdir(join(root, '0', run.info.runId, 'artifacts'), { recursive: true });
    await writeFile(join(root, '0', run.info.runId, 'artifacts', 'meta.yaml'), "run_id: artifacts\nexperiment_id: '0'\n");
    await expect(client.getRun('artifacts')).rejects.toThrow("Run 'artifacts' not found");
  });

  it('does not take an experiment traces/ folder for a run (spec case 35)', async () => {
    const { client, root } = await setup();
    await mkdir(join(root, '0', 'traces', 'tr-1'), { recursive: true });
    await writeFile(join(root, '0', 'traces', 'tr-1', 'trace_info.yaml'), 'trace_id: tr-1\n');
    expect((await client.searchRuns(['0'])).runs).toEqual([]);
    expect(client.warnings).toEqual([]);
  });
});
