import { cp, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlruns, mlrunsJson } from '../helpers/cli.js';
import { runMlflow } from '../helpers/mlflow.js';
import { tempDir } from '../helpers/tmp.js';

/** What compat/py/build_logged_models.py made (see its docstring). */
interface Built {
  kept: string;
  gone: string;
  models: Record<'keep' | 'old' | 'recent' | 'active-in-gone' | 'deleted-in-gone', string>;
  runs: Record<'trainer' | 'deleted' | 'in-gone', string>;
}

/** What compat/py/gc_store.py reports of one `mlflow gc`. */
interface MlflowGc {
  output: string;
  code: number;
  error: string | null;
}

interface GcJson {
  runs: { runId: string }[];
  loggedModels: { modelId: string; name: string; experimentId: string }[];
  experiments: { experimentId: string }[];
}

/** Every file and folder below `root`, as sorted relative paths. */
async function tree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.map((entry) => relative(root, join(root, entry))).sort();
}

/**
 * Two copies of a store made by MLflow 3 with logged models (some deleted), as two clones: the
 * store they were copied from is gone, so neither can reach into the other through the
 * absolute locations MLflow recorded.
 */
async function twoCopies(): Promise<{ built: Built; theirs: string; ours: string }> {
  const base = await tempDir('mlruns-gc-models-');
  const origin = join(base, 'origin', 'mlruns');
  const built = (await runMlflow('3', 'build_logged_models.py', [origin])) as Built;
  const theirs = join(base, 'theirs', 'mlruns');
  const ours = join(base, 'ours', 'mlruns');
  await cp(origin, theirs, { recursive: true });
  await cp(origin, ours, { recursive: true });
  await rm(join(base, 'origin'), { recursive: true });
  return { built, theirs, ours };
}

describe('mlruns gc on a store with MLflow 3 logged models', () => {
  it('removes the same files as mlflow gc --older-than 30d: only the logged model deleted 40 days ago', async () => {
    const { built, theirs, ours } = await twoCopies();
    const mlflow = (await runMlflow('3', 'gc_store.py', [theirs, '30d'])) as MlflowGc;
    expect(mlflow).toEqual({ code: 0, error: null, output: `Logged model with ID ${built.models.old} has been permanently deleted.\n` });
    const result = await mlrunsJson<GcJson>(ours, ['gc', '--older-than', '30d']);
    expect(result.loggedModels).toEqual([{ modelId: built.models.old, name: 'old', experimentId: built.kept, lastUpdatedTime: expect.any(String) }]);
    expect(result.runs).toEqual([]);
    expect(await tree(ours)).toEqual(await tree(theirs));
  });

  it('removes the same files as mlflow gc when no deleted experiment holds a deleted logged model', async () => {
    const { built, theirs, ours } = await twoCopies();
    for (const root of [theirs, ours]) await rm(join(root, '.trash', built.gone, 'models', built.models['deleted-in-gone']), { recursive: true });
    const mlflow = (await runMlflow('3', 'gc_store.py', [theirs])) as MlflowGc;
    expect(mlflow).toMatchObject({ code: 0, error: null });
    const result = await mlrunsJson<GcJson>(ours, ['gc']);
    expect(result.loggedModels.map((m) => m.name).sort()).toEqual(['old', 'recent']);
    expect(result.runs.map((r) => r.runId).sort()).toEqual([built.runs.deleted, built.runs['in-gone']].sort());
    expect(result.experiments.map((e) => e.experimentId)).toEqual([built.gone]);
    expect(await tree(ours)).toEqual(await tree(theirs));
    expect(await tree(ours)).toContain(join(built.kept, 'models', built.models.keep, 'artifacts', 'keep.txt'));
  });

  it('removes a deleted logged model of a deleted experiment, on which mlflow gc fails with "not found"', async () => {
    const { built, theirs, ours } = await twoCopies();
    const mlflow = (await runMlflow('3', 'gc_store.py', [theirs])) as MlflowGc;
    // MLflow 3.17.2 looks for the models of deleted experiments outside .trash (docs/compat.md).
    expect(mlflow).toMatchObject({ code: 1, error: `mlflow.exceptions.MlflowException: Model '${built.models['deleted-in-gone']}' not found` });
    expect(await tree(theirs)).toContain(join('.trash', built.gone, 'meta.yaml'));
    const result = await mlrunsJson<GcJson>(ours, ['gc']);
    expect(result.loggedModels.map((m) => m.name).sort()).toEqual(['deleted-in-gone', 'old', 'recent']);
    const left = await tree(ours);
    expect(left.filter((path) => path.startsWith('.trash/'))).toEqual([]);
    expect(left.filter((path) => /\/models\/m-[0-9a-f]+$/.test(path))).toEqual([join(built.kept, 'models', built.models.keep)]);
  });

  it('lists deleted logged models with --dry-run and removes nothing', async () => {
    const { built, ours } = await twoCopies();
    const before = await tree(ours);
    const result = await mlruns(['--root', ours, 'gc', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`logged model +│ ${built.models.recent} +│ recent +│ ${built.kept}`));
    expect(result.stderr).toBe('Dry run: would remove 2 deleted run(s), 3 deleted logged model(s) and 1 deleted experiment(s) for good, with their artifacts.\n');
    expect(await tree(ours)).toEqual(before);
  });
});
