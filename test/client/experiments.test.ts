import { readFile, rm, writeFile, rename, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

async function openFresh(): Promise<MlflowClient> {
  return new MlflowClient(await freshStorePath());
}

describe('a new store', () => {
  it('lists the Default experiment 0 as active', async () => {
    const client = await openFresh();
    const { experiments } = await client.searchExperiments();
    expect(experiments.map((e) => [e.experimentId, e.name, e.lifecycleStage])).toEqual([['0', 'Default', 'active']]);
  });

  it('creates .trash and writes the Default experiment with a file URI artifact location', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(root);
    const experiment = await client.getExperiment('0');
    expect(experiment.artifactLocation).toBe(`file://${root}/0`);
    expect(await readFile(join(root, '0', 'meta.yaml'), 'utf8')).toMatch(/^artifact_location: file:\/\/.*\nexperiment_id: '0'\n/ms);
  });

  it('refuses to delete the default experiment', async () => {
    const client = await openFresh();
    await expect(client.deleteExperiment('0')).rejects.toThrow(/Cannot delete the default experiment/);
  });

  it('accepts a file:// URI as its location', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(`file://${root}`);
    expect(client.root).toBe(root);
    expect((await client.getExperiment('0')).name).toBe('Default');
  });
});

describe('creating experiments', () => {
  it('rejects an empty name and an over-long name (spec case 2)', async () => {
    const client = await openFresh();
    await expect(client.createExperiment('')).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE' });
    await expect(client.createExperiment('x'.repeat(501))).rejects.toThrow(/'name' exceeds the maximum length/);
  });

  it('gives an 18-digit id, a file URI under the root and equal creation and update times (spec case 3)', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(root);
    const before = Date.now();
    const id = await client.createExperiment('first');
    const experiment = await client.getExperiment(id);
    expect(id).toMatch(/^\d{18}$/);
    expect(experiment.artifactLocation).toBe(`file://${root}/${id}`);
    expect(experiment.creationTime).toBeGreaterThanOrEqual(before);
    expect(experiment.lastUpdateTime).toBe(experiment.creationTime);
    expect((await client.getExperimentByName('first'))?.experimentId).toBe(id);
  });

  it('refuses a name that is taken with RESOURCE_ALREADY_EXISTS (spec case 4)', async () => {
    const client = await openFresh();
    await client.createExperiment('taken');
    await expect(client.createExperiment('taken')).rejects.toMatchObject({
      errorCode: 'RESOURCE_ALREADY_EXISTS',
      message: expect.stringContaining("Experiment 'taken' already exists"),
    });
  });

  it('refuses a name held by a deleted experiment and says how to free it', async () => {
    const client = await openFresh();
    const id = await client.createExperiment('gone');
    await client.deleteExperiment(id);
    await expect(client.createExperiment('gone')).rejects.toThrow(/already exists in deleted state/);
  });

  it('stores the tags it is created with (spec case 5)', async () => {
    const client = await openFresh();
    const id = await client.createExperiment('tagged', { tags: { key1: 'val1', key2: 'val2' } });
    expect((await client.getExperiment(id)).tags).toEqual({ key1: 'val1', key2: 'val2' });
  });

  it('finds names with quotes, which MLflow cannot look up', async () => {
    const client = await openFresh();
    const id = await client.createExperiment(`Bob's "best" runs`);
    expect((await client.getExperimentByName(`Bob's "best" runs`))?.experimentId).toBe(id);
  });

  it('resolves a relative artifact location against the working directory', async () => {
    const client = await openFresh();
    const id = await client.createExperiment('elsewhere', { artifactLocation: 'some/relative/dir' });
    expect((await client.getExperiment(id)).artifactLocation).toBe(join(process.cwd(), 'some/relative/dir'));
  });

  it('gives one experiment and one clean error when two clients race for a name', async () => {
    const root = await freshStorePath();
    const a = new MlflowClient(root);
    const b = new MlflowClient(root);
    await a.getExperiment('0');
    const results = await Promise.allSettled([a.createExperiment('race'), b.createExperiment('race'), a.createExperiment('race')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ errorCode: 'RESOURCE_ALREADY_EXISTS' });
    }
    const { experiments } = await a.searchExperiments({ viewType: 'ALL' });
    expect(experiments.filter((e) => e.name === 'race')).toHaveLength(1);
  });
});

describe('experiment lifecycle', () => {
  it('moves a deleted experiment to .trash and back on restore, bumping last_update_time (spec case 18)', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(root);
    const id = await client.createExperiment('cycle');
    const run = await client.createRun(id);
    const created = (await client.getExperiment(id)).lastUpdateTime ?? 0;
    await new Promise((r) => setTimeout(r, 5));
    await client.deleteExperiment(id);
    const deleted = await client.getExperiment(id);
    expect(deleted.lifecycleStage).toBe('deleted');
    expect(deleted.lastUpdateTime).toBeGreaterThan(created);
    expect(await readFile(join(root, '.trash', id, 'meta.yaml'), 'utf8')).toContain('lifecycle_stage: deleted');
    expect((await client.getRun(run.info.runId)).info.lifecycleStage).toBe('deleted');
    expect((await client.searchExperiments({ viewType: 'DELETED_ONLY' })).experiments.map((e) => e.experimentId)).toEqual([id]);

    await new Promise((r) => setTimeout(r, 5));
    await client.restoreExperiment(id);
    const restored = await client.getExperiment(id);
    expect(restored.lifecycleStage).toBe('active');
    expect(restored.lastUpdateTime).toBeGreaterThan(deleted.lastUpdateTime ?? 0);
    expect((await client.getRun(run.info.runId)).info.lifecycleStage).toBe('active');
  });

  it('lists active, deleted and all experiments newest first (spec case 6)', async () => {
    const client = await openFresh();
    const a = await client.createExperiment('a');
    await new Promise((r) => setTimeout(r, 3));
    const b = await client.createExperiment('b');
    await client.deleteExperiment(b);
    const names = async (viewType: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL') =>
      (await client.searchExperiments({ viewType })).experiments.map((e) => e.name);
    expect(await names('ACTIVE_ONLY')).toEqual(['a', 'Default']);
    expect(await names('DELETED_ONLY')).toEqual(['b']);
    expect(await names('ALL')).toEqual(['b', 'a', 'Default']);
    expect(a).not.toBe(b);
  });

  it('renames an active experiment and refuses to rename a deleted one (spec case 19)', async () => {
    const client = await openFresh();
    const id = await client.createExperiment('old');
    await client.createExperiment('other');
    await expect(client.renameExperiment(id, 'other')).rejects.toThrow(/already exists/);
    await client.renameExperiment(id, 'new');
    expect((await client.getExperiment(id)).name).toBe('new');
    await client.deleteExperiment(id);
    await expect(client.renameExperiment(id, 'newer')).rejects.toThrow(/non-active lifecycle stage/);
  });

  it('dumps the tags into meta.yaml on rename as MLflow does', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(root);
    const id = await client.createExperiment('x', { tags: { k: 'v', 'a/b': 'multi\nline' } });
    await client.renameExperiment(id, 'y');
    const meta = await readFile(join(root, id, 'meta.yaml'), 'utf8');
    expect(meta).toContain("name: y\ntags:\n  a/b: 'multi\n\n    line'\n  k: v\ntrace_location: null\n");
  });

  it('sets, overwrites and deletes experiment tags, only while active (spec case 20)', async () => {
    const client = await openFresh();
    const id = await client.createExperiment('tags');
    await client.setExperimentTag(id, 'note', 'first');
    await client.setExperimentTag(id, 'note', 'second\nline');
    expect((await client.getExperiment(id)).tags).toEqual({ note: 'second\nline' });
    await client.deleteExperimentTag(id, 'note');
    expect((await client.getExperiment(id)).tags).toEqual({});
    await expect(client.deleteExperimentTag(id, 'note')).rejects.toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST' });
    await client.deleteExperiment(id);
    await expect(client.setExperimentTag(id, 'k', 'v')).rejects.toThrow(/must be in the 'active' lifecycle_stage/);
  });

  it('reports an unknown id with RESOURCE_DOES_NOT_EXIST (spec case 14)', async () => {
    const client = await openFresh();
    await expect(client.getExperiment('12345')).rejects.toMatchObject({
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      message: expect.stringContaining('Could not find experiment with ID 12345'),
    });
  });
});

describe('reading damaged experiments', () => {
  it('skips an experiment whose meta.yaml was removed and says where (spec case 21)', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(root);
    const id = await client.createExperiment('doomed');
    await rm(join(root, id, 'meta.yaml'));
    await expect(client.getExperiment(id)).rejects.toThrow(/does not exist/);
    expect((await client.searchExperiments({ viewType: 'ALL' })).experiments.map((e) => e.name)).toEqual(['Default']);
    expect(client.warnings).toContainEqual(expect.objectContaining({ code: 'MALFORMED_EXPERIMENT', path: join(root, id) }));
  });

  it('skips an experiment whose folder does not match its meta.yaml (spec case 22)', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(root);
    await client.getExperiment('0');
    await rename(join(root, '0'), join(root, '1'));
    await expect(client.getExperiment('0')).rejects.toThrow(/Could not find experiment with ID 0/);
    await expect(client.getExperiment('1')).rejects.toThrow(/does not exist/);
    expect((await client.searchExperiments()).experiments).toEqual([]);
  });

  it('keeps listing when the root holds .git and .ipynb_checkpoints folders, where MLflow fails', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(root);
    await client.createExperiment('kept');
    await mkdir(join(root, '.git'));
    await mkdir(join(root, '.ipynb_checkpoints'));
    const { experiments } = await client.searchExperiments();
    expect(experiments.map((e) => e.name)).toEqual(['kept', 'Default']);
    expect(client.warnings.map((w) => [w.code, w.path])).toEqual([
      ['STRAY_FOLDER', join(root, '.git')],
      ['STRAY_FOLDER', join(root, '.ipynb_checkpoints')],
    ]);
  });

  it('skips an experiment with an empty meta.yaml after retrying (spec case 23)', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(root);
    const id = await client.createExperiment('empty');
    await writeFile(join(root, id, 'meta.yaml'), '');
    expect((await client.searchExperiments()).experiments.map((e) => e.name)).toEqual(['Default']);
    expect(client.warnings[0]?.message).toMatch(/is empty/);
  });

  it('reads a legacy meta.yaml whose experiment_id is an unquoted integer (spec case 15)', async () => {
    const root = await freshStorePath();
    const client = new MlflowClient(root);
    await client.getExperiment('0');
    await mkdir(join(root, '473869837152367325'));
    await writeFile(
      join(root, '473869837152367325', 'meta.yaml'),
      'artifact_location: /tmp/x\nexperiment_id: 473869837152367325\nlifecycle_stage: active\nname: legacy\n',
    );
    const experiment = await client.getExperiment('473869837152367325');
    expect(experiment).toMatchObject({ experimentId: '473869837152367325', name: 'legacy', creationTime: null, lastUpdateTime: null });
  });
});
