import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient, isMlflowError } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

async function setup(): Promise<{ client: MlflowClient; root: string; experimentId: string }> {
  const root = await freshStorePath();
  const client = new MlflowClient(root);
  const experimentId = await client.createExperiment('races');
  return { client, root, experimentId };
}

describe('updates that race', () => {
  it('keeps both a rename and a termination made at the same time', async () => {
    const { client, root, experimentId } = await setup();
    const other = new MlflowClient(root);
    for (let i = 0; i < 10; i += 1) {
      const run = await client.createRun(experimentId);
      await Promise.all([other.setTerminated(run.info.runId, 'FAILED', 1234), client.updateRun(run.info.runId, { runName: `renamed-${i}` })]);
      expect((await client.getRun(run.info.runId)).info).toMatchObject({ status: 'FAILED', endTime: 1234, runName: `renamed-${i}` });
    }
  });

  it('leaves the store whole when runs are created while their experiment is deleted and restored', async () => {
    const { client, root, experimentId } = await setup();
    const other = new MlflowClient(root);
    const failures: unknown[] = [];
    const create = async () => {
      for (let i = 0; i < 15; i += 1) await client.createRun(experimentId).catch((e: unknown) => failures.push(e));
    };
    const toggle = async () => {
      for (let i = 0; i < 5; i += 1) {
        await other.deleteExperiment(experimentId);
        await other.restoreExperiment(experimentId);
      }
    };
    await Promise.all([create(), toggle()]);
    expect(failures.every(isMlflowError)).toBe(true);
    expect((await client.getExperiment(experimentId)).lifecycleStage).toBe('active');
    expect(await readdir(join(root, '.trash'))).not.toContain(experimentId);
    const runs = (await client.searchRuns([experimentId], undefined, { runViewType: 'ALL' })).runs;
    expect(runs.length + failures.length).toBe(15);
    expect(client.warnings).toEqual([]);
  });
});

describe('experiment delete and restore that cannot finish', () => {
  it('refuses to delete when .trash already holds that id, and changes nothing', async () => {
    const { client, root, experimentId } = await setup();
    const run = await client.createRun(experimentId);
    await mkdir(join(root, '.trash', experimentId));
    await expect(client.deleteExperiment(experimentId)).rejects.toMatchObject({ errorCode: 'RESOURCE_ALREADY_EXISTS', message: expect.stringContaining('already in .trash') });
    expect((await client.getExperiment(experimentId)).lifecycleStage).toBe('active');
    expect((await client.getRun(run.info.runId)).info.lifecycleStage).toBe('active');
  });

  it('finishes a restore that stopped after marking the experiment active', async () => {
    const { client, root, experimentId } = await setup();
    await client.deleteExperiment(experimentId);
    // What a restore leaves when it stops before its last step: files marked active, folder in .trash.
    const metaPath = join(root, '.trash', experimentId, 'meta.yaml');
    const { readFile } = await import('node:fs/promises');
    await writeFile(metaPath, (await readFile(metaPath, 'utf8')).replace('lifecycle_stage: deleted', 'lifecycle_stage: active'));
    expect((await client.getExperiment(experimentId)).lifecycleStage).toBe('deleted');
    await client.restoreExperiment(experimentId);
    expect((await client.getExperiment(experimentId)).lifecycleStage).toBe('active');
  });
});

describe('keys that clash with folders', () => {
  it('says a tag key clashes when another tag uses it as a folder', async () => {
    const { client, experimentId } = await setup();
    const run = await client.createRun(experimentId);
    await client.setTag(run.info.runId, 'a/b', 'x');
    await expect(client.setTag(run.info.runId, 'a', 'y')).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('clashes') });
    await expect(client.deleteTag(run.info.runId, 'a')).rejects.toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST' });
    await expect(client.logParam(run.info.runId, 'p', '1')).resolves.toBeUndefined();
    await expect(client.logParam(run.info.runId, 'p/q', '1')).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE' });
  });

  it('says an experiment tag key clashes, and deleting such a key finds no tag', async () => {
    const { client, experimentId } = await setup();
    await client.setExperimentTag(experimentId, 'a/b', 'x');
    await expect(client.setExperimentTag(experimentId, 'a', 'y')).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE' });
    await expect(client.deleteExperimentTag(experimentId, 'a')).rejects.toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('leaves no half-made experiment or run when their tags clash', async () => {
    const { client, root, experimentId } = await setup();
    await expect(client.createExperiment('clash', { tags: { k: '1', 'k/x': '2' } })).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE' });
    await expect(client.createRun(experimentId, { tags: { k: '1', 'k/x': '2' } })).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE' });
    expect((await client.searchExperiments({ viewType: 'ALL' })).experiments.map((e) => e.name).sort()).toEqual(['Default', 'races']);
    expect(await readdir(join(root, experimentId))).toEqual(['meta.yaml']);
    expect(client.warnings).toEqual([]);
  });
});

describe('other inputs', () => {
  it('refuses a file URI that names a host', () => {
    expect(() => new MlflowClient('file://otherhost/x/mlruns')).toThrow(/names a host/);
  });

  it('refuses a batch tag key over 250 characters, as MLflow log_batch does', async () => {
    const { client, experimentId } = await setup();
    const run = await client.createRun(experimentId);
    await expect(client.logBatch(run.info.runId, { tags: { ['k'.repeat(251)]: 'v' } })).rejects.toThrow(/exceeds the maximum length of 250/);
  });

  it('reads a run whose meta.yaml was rewritten after the run was listed', async () => {
    const { client, root, experimentId } = await setup();
    const run = await client.createRun(experimentId, { runName: 'before' });
    await client.searchRuns([experimentId]);
    const other = new MlflowClient(root);
    await other.updateRun(run.info.runId, { runName: 'after' });
    expect((await client.searchRuns([experimentId])).runs[0]?.info.runName).toBe('after');
    await rename(join(root, experimentId, run.info.runId), join(root, '.trash', 'moved-away'));
    expect((await client.searchRuns([experimentId])).runs).toEqual([]);
  });
});
