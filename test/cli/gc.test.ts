import { existsSync } from 'node:fs';
import { cp, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { pathToFileUri } from '../../src/format/uri.js';
import { mlruns, mlrunsJson } from '../helpers/cli.js';
import { copyFixture, fixtureInfo } from '../helpers/fixtures.js';
import { freshStorePath, tempDir } from '../helpers/tmp.js';

interface GcJson {
  dryRun: boolean;
  removed: boolean;
  runs: { runId: string; experimentId: string; deletedTime: string | null }[];
  experiments: { experimentId: string }[];
}

/** A store with a kept run, a deleted run and a deleted experiment, each with an artifact. */
async function storeWithDeletions() {
  const root = await freshStorePath();
  const client = new MlflowClient(root);
  const kept = await client.createExperiment('kept');
  const gone = await client.createExperiment('gone');
  const [active, deleted, inGone] = await Promise.all([client.createRun(kept), client.createRun(kept), client.createRun(gone)]);
  for (const run of [active!, deleted!, inGone!]) await client.logText(run.info.runId, 'weights', 'model.bin');
  await client.deleteRun(deleted!.info.runId);
  await client.deleteExperiment(gone);
  const dir = (experimentId: string, runId = '') => join(root, experimentId, runId);
  return { root, kept, gone, active: active!.info.runId, deleted: deleted!.info.runId, inGone: inGone!.info.runId, dir };
}

/** Sets a deleted run's deleted_time in its meta.yaml, as if it had been deleted then. */
async function backdate(root: string, experimentId: string, runId: string, deletedTime: number): Promise<void> {
  const path = join(root, experimentId, runId, 'meta.yaml');
  await writeFile(path, (await readFile(path, 'utf8')).replace(/deleted_time: \d+/, `deleted_time: ${deletedTime}`));
}

describe('mlruns gc', () => {
  it('lists with --dry-run what it would remove, and removes nothing', async () => {
    const s = await storeWithDeletions();
    const plan = await mlrunsJson<GcJson>(s.root, ['gc', '--dry-run']);
    expect(plan).toMatchObject({ dryRun: true, removed: false, experiments: [{ experimentId: s.gone }] });
    expect(plan.runs.map((r) => r.runId).sort()).toEqual([s.deleted, s.inGone].sort());
    expect(existsSync(s.dir(s.kept, s.deleted))).toBe(true);
    expect(existsSync(join(s.root, '.trash', s.gone))).toBe(true);
  });

  it('removes deleted runs with their artifacts and deleted experiments, and keeps active runs', async () => {
    const s = await storeWithDeletions();
    const result = await mlrunsJson<GcJson>(s.root, ['gc', '--yes']);
    expect(result.removed).toBe(true);
    expect(existsSync(s.dir(s.kept, s.deleted))).toBe(false);
    expect(existsSync(join(s.root, '.trash', s.gone))).toBe(false);
    expect(existsSync(join(s.dir(s.kept, s.active), 'artifacts', 'model.bin'))).toBe(true);
    const client = new MlflowClient(s.root);
    expect((await client.searchRuns([s.kept], undefined, { runViewType: 'ALL' })).runs.map((r) => r.info.runId)).toEqual([s.active]);
    expect(await client.getExperimentByName('gone')).toBeNull();
  });

  it('keeps what was deleted more recently than --older-than', async () => {
    const s = await storeWithDeletions();
    const old = await storeWithDeletions();
    await backdate(old.root, old.kept, old.deleted, Date.now() - 40 * 86_400_000);
    expect(await mlrunsJson<GcJson>(s.root, ['gc', '--older-than', '30d'])).toMatchObject({ runs: [], experiments: [] });
    const removed = await mlrunsJson<GcJson>(old.root, ['gc', '--older-than', '30d']);
    expect(removed.runs.map((r) => r.runId)).toEqual([old.deleted]);
    expect(removed.experiments).toEqual([]);
    expect(existsSync(old.dir(old.kept, old.deleted))).toBe(false);
    expect(existsSync(join(old.root, '.trash', old.gone, old.inGone))).toBe(true);
  });

  it('removes the artifacts of a run kept outside the store', async () => {
    const root = await freshStorePath();
    const outside = await tempDir('mlruns-artifacts-');
    const client = new MlflowClient(root);
    const experimentId = await client.createExperiment('external', { artifactLocation: outside });
    const { info } = await client.createRun(experimentId);
    await client.logText(info.runId, 'big', 'data.txt');
    await client.deleteRun(info.runId);
    expect(existsSync(join(outside, info.runId, 'artifacts', 'data.txt'))).toBe(true);
    await mlrunsJson(root, ['gc']);
    expect(existsSync(join(outside, info.runId))).toBe(true);
    expect(existsSync(join(outside, info.runId, 'artifacts'))).toBe(false);
  });

  it('leaves alone the artifacts of the store it was copied from, which its runs still point to', async () => {
    const original = await storeWithDeletions();
    const copy = join(await tempDir('mlruns-copy-'), 'mlruns');
    await cp(original.root, copy, { recursive: true });
    const result = await mlruns(['--root', copy, 'gc', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: the artifacts of run ${original.deleted} at '${pathToFileUri(join(original.dir(original.kept, original.deleted), 'artifacts'))}' were left in place`);
    expect(existsSync(join(copy, original.kept, original.deleted))).toBe(false);
    expect(existsSync(join(original.dir(original.kept, original.deleted), 'artifacts', 'model.bin'))).toBe(true);
  });

  it('leaves in place, with a warning, a deleted run whose folder is a symbolic link, and removes the rest', async () => {
    const s = await storeWithDeletions();
    const outside = join(await tempDir('mlruns-outside-'), s.deleted);
    await rename(s.dir(s.kept, s.deleted), outside);
    await symlink(outside, s.dir(s.kept, s.deleted), 'dir');
    const result = await mlruns(['--root', s.root, 'gc', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: run ${s.deleted} is left in place: '${s.dir(s.kept, s.deleted)}' is a symbolic link (to '${outside}'), and gc does not remove through links.`);
    expect(existsSync(join(outside, 'meta.yaml'))).toBe(true);
    expect(existsSync(join(outside, 'artifacts', 'model.bin'))).toBe(true);
    expect(existsSync(join(s.root, '.trash', s.gone))).toBe(false);
  });

  it('removes the deleted run and experiment of a store written by MLflow 3', async () => {
    const root = await copyFixture('mlflow-3');
    const { ids } = fixtureInfo('mlflow-3');
    const result = await mlrunsJson<GcJson>(root, ['gc']);
    expect(result.runs.map((r) => r.runId).sort()).toEqual([ids.deleted_run, ids.in_deleted].sort());
    expect(result.experiments).toEqual([expect.objectContaining({ experimentId: ids.deleted })]);
    expect(existsSync(join(root, ids.sweep!, ids.deleted_run!))).toBe(false);
    expect(existsSync(join(root, '.trash', ids.deleted!))).toBe(false);
  });

  it('says on stderr that it skipped a logged model it could not read', async () => {
    const root = await copyFixture('legacy');
    const { ids } = fixtureInfo('legacy');
    const meta = join(root, ids.extras!, 'models', ids.extras_model!, 'meta.yaml');
    await writeFile(meta, `${(await readFile(meta, 'utf8')).replace(/model_id: .*/, 'model_id: m-other')}lifecycle_stage: deleted\n`);
    const result = await mlruns(['--root', root, 'gc', '--dry-run', '--debug']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: ${meta}: logged model skipped: its meta.yaml names model 'm-other', not the folder's '${ids.extras_model}'`);
    expect(result.stderr).toContain("warning: 1 damaged entry was skipped; run 'mlruns doctor' to see and fix them.");
  });

  it('says there is nothing to remove in a store without deletions', async () => {
    const root = await freshStorePath();
    await new MlflowClient(root).createExperiment('fresh');
    const result = await mlruns(['--root', root, 'gc']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toBe('Nothing to remove: no deleted runs, logged models or experiments.\n');
  });

  it('refuses an --older-than MLflow could not parse, with exit code 2', async () => {
    const result = await mlruns(['--root', await freshStorePath(), 'gc', '--older-than', '30days']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: --older-than: Could not parse any time information from '30days'. Examples of valid strings: '8h', '2d8h5m20s', '2m4s'.\n");
  });
});
