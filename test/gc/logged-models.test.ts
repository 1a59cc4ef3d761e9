import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStore } from '../../src/backends/file/file-store.js';
import { InvalidStateError } from '../../src/errors/index.js';
import { collectGarbage, planGarbageCollection } from '../../src/gc/index.js';
import { copyFixture, fixtureInfo } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/tmp.js';

/** The `legacy` fixture, written by MLflow 3, holds one logged model ('classifier'). */
const { ids } = fixtureInfo('legacy');
const modelDir = (root: string) => join(root, ids.extras!, 'models', ids.extras_model!);

/** Rewrites the fixture model's meta.yaml with `edit`, as a hand edit or MLflow's delete would. */
async function editModelMeta(root: string, edit: (text: string) => string): Promise<void> {
  const path = join(modelDir(root), 'meta.yaml');
  await writeFile(path, edit(await readFile(path, 'utf8')));
}

/** Marks the fixture model deleted at `when`, as `delete_logged_model` does. */
const deleteModel = (root: string, when: number) =>
  editModelMeta(root, (text) => `${text.replace(/last_updated_timestamp: \d+/, `last_updated_timestamp: ${when}`)}lifecycle_stage: deleted\n`);

describe('garbage collection of MLflow 3 logged models', () => {
  it('leaves an active logged model alone', async () => {
    const root = await copyFixture('legacy');
    const plan = await planGarbageCollection(root);
    expect(plan.loggedModels).toEqual([]);
    await expect(new FileStore(root, () => undefined).hardDeleteLoggedModel(ids.extras!, ids.extras_model!)).rejects.toThrow(InvalidStateError);
    expect(existsSync(join(modelDir(root), 'meta.yaml'))).toBe(true);
  });

  it('removes a deleted one, with its artifacts, from a store moved since MLflow wrote it', async () => {
    const root = await copyFixture('legacy');
    // Where MLflow's log_model_artifact puts a file (the fixture's model has none).
    await mkdir(join(modelDir(root), 'artifacts'));
    await writeFile(join(modelDir(root), 'artifacts', 'model.pkl'), 'weights');
    await deleteModel(root, 1_700_000_000_000);
    const plan = await planGarbageCollection(root);
    expect(plan.loggedModels).toEqual([{ modelId: ids.extras_model, name: 'classifier', experimentId: ids.extras, lastUpdatedTime: 1_700_000_000_000 }]);
    const result = await collectGarbage(plan);
    // The recorded location (/home/alice/proj/mlruns/...) is gone: the model's own folder is meant.
    expect(result.loggedModels[0]?.artifacts).toEqual({ removed: join(modelDir(root), 'artifacts') });
    expect(existsSync(modelDir(root))).toBe(false);
    expect(existsSync(join(root, ids.extras!, ids.extras_train!, 'meta.yaml'))).toBe(true);
  });

  it('keeps one deleted more recently than --older-than', async () => {
    const root = await copyFixture('legacy');
    const now = 1_800_000_000_000;
    await deleteModel(root, now - 29 * 86_400_000);
    expect((await planGarbageCollection(root, { olderThan: '30d', now })).loggedModels).toEqual([]);
    expect((await planGarbageCollection(root, { olderThan: '29d', now })).loggedModels.map((m) => m.modelId)).toEqual([ids.extras_model]);
  });

  it('skips, with a warning, a logged model whose meta.yaml names another model', async () => {
    const root = await copyFixture('legacy');
    await deleteModel(root, 1_700_000_000_000);
    await editModelMeta(root, (text) => text.replace(/model_id: .*/, 'model_id: m-someone-else'));
    const plan = await planGarbageCollection(root);
    expect(plan.loggedModels).toEqual([]);
    expect(plan.warnings).toContainEqual({
      code: 'MALFORMED_MODEL',
      path: join(modelDir(root), 'meta.yaml'),
      message: `logged model skipped: its meta.yaml names model 'm-someone-else', not the folder's '${ids.extras_model}'`,
    });
  });

  it('leaves in place a deleted logged model whose folder is a symbolic link, and removes nothing through it', async () => {
    const root = await copyFixture('legacy');
    await deleteModel(root, 1_700_000_000_000);
    const outside = join(await tempDir('mlruns-outside-'), ids.extras_model!);
    await rename(modelDir(root), outside);
    await symlink(outside, modelDir(root), 'dir');
    const plan = await planGarbageCollection(root);
    expect(plan.loggedModels).toEqual([]);
    expect(plan.kept).toEqual([{ kind: 'logged model', id: ids.extras_model, reason: expect.stringContaining(`'${modelDir(root)}' is a symbolic link`) }]);
    await expect(new FileStore(root, () => undefined).hardDeleteLoggedModel(ids.extras!, ids.extras_model!)).rejects.toThrow(/symbolic link/);
    expect(existsSync(join(outside, 'meta.yaml'))).toBe(true);
  });

  it('leaves in place a deleted logged model whose artifacts folder is a symbolic link', async () => {
    const root = await copyFixture('legacy');
    await deleteModel(root, 1_700_000_000_000);
    const outside = await tempDir('mlruns-outside-');
    await writeFile(join(outside, 'model.pkl'), 'weights');
    await symlink(outside, join(modelDir(root), 'artifacts'), 'dir');
    const plan = await planGarbageCollection(root);
    expect(plan.kept.map((k) => k.id)).toEqual([ids.extras_model]);
    expect(existsSync(join(outside, 'model.pkl'))).toBe(true);
  });

  it('refuses a model id that is a path', async () => {
    const root = await copyFixture('legacy');
    await expect(new FileStore(root, () => undefined).hardDeleteLoggedModel(ids.extras!, '../..')).rejects.toThrow("'../..' is not a logged model id");
  });
});
