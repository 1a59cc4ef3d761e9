/** Spec section 9 cases not covered elsewhere in test/client, each named by its number. */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { RUN_NAME_PREDICATES } from '../../src/format/run-name-words.js';
import { freshStorePath } from '../helpers/tmp.js';

async function open(): Promise<{ client: MlflowClient; root: string }> {
  const root = await freshStorePath();
  return { client: new MlflowClient(root), root };
}

describe('spec section 9, experiments', () => {
  it('case 2: refuses a null experiment name', async () => {
    const { client } = await open();
    await expect(client.createExperiment(null as unknown as string)).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('Invalid experiment name') });
  });

  it('case 16: reads an experiment whose meta.yaml is empty for a moment and then written', async () => {
    const { client, root } = await open();
    const id = await client.createExperiment('flaky');
    const metaPath = join(root, id, 'meta.yaml');
    const { readFile } = await import('node:fs/promises');
    const content = await readFile(metaPath, 'utf8');
    await writeFile(metaPath, '');
    setTimeout(() => void writeFile(metaPath, content), 20);
    expect((await client.getExperiment(id)).name).toBe('flaky');
  });

  it('case 17: finds a deleted experiment by name', async () => {
    const { client } = await open();
    const id = await client.createExperiment('bygone');
    await client.deleteExperiment(id);
    expect(await client.getExperimentByName('bygone')).toMatchObject({ experimentId: id, lifecycleStage: 'deleted' });
  });

  it('case 19: refuses an invalid new name, and a rename after restore bumps last_update_time', async () => {
    const { client } = await open();
    const id = await client.createExperiment('one');
    await expect(client.renameExperiment(id, '')).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE' });
    await expect(client.renameExperiment(id, null as unknown as string)).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE' });
    await client.deleteExperiment(id);
    await client.restoreExperiment(id);
    const before = (await client.getExperiment(id)).lastUpdateTime ?? 0;
    await new Promise((r) => setTimeout(r, 5));
    await client.renameExperiment(id, 'two');
    const after = await client.getExperiment(id);
    expect(after.name).toBe('two');
    expect(after.lastUpdateTime).toBeGreaterThan(before);
  });

  it('case 20: keeps experiment tags apart, and refuses to delete one on a deleted experiment', async () => {
    const { client } = await open();
    const a = await client.createExperiment('a', { tags: { shared: 'from a' } });
    const b = await client.createExperiment('b', { tags: { shared: 'from b' } });
    expect((await client.getExperiment(a)).tags).toEqual({ shared: 'from a' });
    expect((await client.getExperiment(b)).tags).toEqual({ shared: 'from b' });
    await client.deleteExperiment(a);
    await expect(client.deleteExperimentTag(a, 'shared')).rejects.toThrow(/must be in the 'active' lifecycle_stage/);
  });
});

describe('spec section 9, runs and tags', () => {
  it('case 24: gives a random name for an empty run name, and keeps given tags beside mlflow.runName', async () => {
    const { client } = await open();
    const run = await client.createRun('0', { runName: '', tags: { my_first_tag: 'first', 'my-second-tag': 'second' } });
    expect(RUN_NAME_PREDICATES).toContain(run.info.runName.split('-')[0]);
    expect(run.data.tags).toMatchObject({ my_first_tag: 'first', 'my-second-tag': 'second', 'mlflow.runName': run.info.runName });
  });

  it('case 46: refuses to delete a tag of a deleted run', async () => {
    const { client } = await open();
    const run = await client.createRun('0', { tags: { t: 'v' } });
    await client.deleteRun(run.info.runId);
    await expect(client.deleteTag(run.info.runId, 't')).rejects.toThrow(/must be in the 'active' lifecycle_stage/);
  });

  it("case 50: names the unknown run in logBatch's error", async () => {
    const { client } = await open();
    await expect(client.logBatch('0123456789abcdef0123456789abcdef', { params: { a: '1' } })).rejects.toThrow("Run '0123456789abcdef0123456789abcdef' not found");
  });

  it('case 50: reports a write failure inside logBatch as INTERNAL_ERROR', async () => {
    const { client, root } = await open();
    const run = await client.createRun('0');
    await rm(join(root, '0', run.info.runId, 'metrics'), { recursive: true });
    await writeFile(join(root, '0', run.info.runId, 'metrics'), 'a file where the metrics folder was');
    await expect(client.logBatch(run.info.runId, { metrics: [{ key: 'm', value: 1 }] })).rejects.toMatchObject({ errorCode: 'INTERNAL_ERROR', message: expect.stringContaining('should be a folder but is a file') });
  });

  it('case 51: an update without a name keeps both the name and the tag', async () => {
    const { client } = await open();
    const run = await client.createRun('0', { runName: 'kept' });
    await client.updateRun(run.info.runId, { status: 'FINISHED' });
    const after = await client.getRun(run.info.runId);
    expect(after.info.runName).toBe('kept');
    expect(after.data.tags['mlflow.runName']).toBe('kept');
  });
});
