/**
 * Compatibility check for issue 4: Python MLflow reads what the fluent API wrote: the
 * artifacts (list_artifacts, download_artifacts, runs:/ URIs, log_dict files), the dataset
 * inputs and the nested-run structure; and a fresh git clone of the store opens in MLflow 3
 * once ensureRunFolders has put back the folders git dropped.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlflowClient, ensureRunFolders, type FileInfo } from '../../src/index.js';
import { MLFLOW_VERSIONS, type MlflowVersion, dumpWithMlflow, runMlflow } from '../helpers/mlflow.js';
import { diffDumps, report } from './compare.js';
import { DICTS, type FluentStore, writeFluentStore } from './fluent-store.js';
import { dumpWithClient } from './our-dump.js';
import { memoize } from './stores.js';

const SLOW = 120_000;
const git = promisify(execFile);

interface MlflowArtifacts {
  runs: Record<string, { listings: Record<string, [string, boolean, number | null][]>; files: Record<string, string>; viaRunsUri: Record<string, string>; dicts: Record<string, unknown> }>;
}

/** Our listings, folder by folder, and every file's bytes (base64), read straight from disk. */
async function ours(client: MlflowClient, runId: string): Promise<{ listings: Record<string, [string, boolean, number | null][]>; files: Record<string, string> }> {
  const listings: Record<string, [string, boolean, number | null][]> = {};
  const files: Record<string, string> = {};
  const artifactDir = join(client.root, (await client.getRun(runId)).info.experimentId, runId, 'artifacts');
  const visit = async (folder: string): Promise<void> => {
    const infos: FileInfo[] = await client.listArtifacts(runId, folder);
    listings[folder] = infos.map((f) => [f.path, f.isDir, f.fileSize]);
    for (const info of infos) {
      if (info.isDir) await visit(info.path);
      else files[info.path] = (await readFile(join(artifactDir, info.path))).toString('base64');
    }
  };
  await visit('');
  return { listings, files };
}

// Folders live for the whole file (test/helpers/tmp.ts removes its folders after each test).
const folders: string[] = [];
async function folder(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

let root = '';
let store: FluentStore;

beforeAll(async () => {
  root = join(await folder('mlruns-compat-fluent-'), 'repo', 'mlruns');
  store = await writeFluentStore(root, await folder('mlruns-compat-local-'));
});

const read = memoize(async (version: MlflowVersion) => (await runMlflow(version, 'read_artifacts.py', [root, store.ids.parent, store.ids.child])) as MlflowArtifacts);

describe.each(MLFLOW_VERSIONS)('MLflow %s reading a store written by the fluent API', (version) => {
  it('lists every artifact folder exactly as we do: paths, kinds, sizes, order', async () => {
    const mlflow = await read(version);
    const client = new MlflowClient(root);
    for (const runId of [store.ids.parent, store.ids.child]) {
      expect(mlflow.runs[runId]?.listings).toEqual((await ours(client, runId)).listings);
    }
  }, SLOW);

  it('downloads every artifact byte for byte, by run and by runs:/ URI', async () => {
    const mlflow = await read(version);
    const client = new MlflowClient(root);
    for (const runId of [store.ids.parent, store.ids.child]) {
      const { files } = await ours(client, runId);
      expect(Object.keys(files).length).toBeGreaterThan(0);
      expect(mlflow.runs[runId]?.files).toEqual(files);
      expect(mlflow.runs[runId]?.viaRunsUri).toEqual(files);
    }
  }, SLOW);

  it('loads the JSON and YAML of logDict to the values we logged', async () => {
    expect((await read(version)).runs[store.ids.parent]?.dicts).toEqual(DICTS);
  }, SLOW);

  it('reads the runs, their dataset inputs and the parent link exactly as our client does', async () => {
    const dump = await dumpWithMlflow(root, version);
    const mine = await dumpWithClient(new MlflowClient(root));
    expect(report(diffDumps(dump, mine, store.ids, [`MLflow ${version}`, 'ours']))).toBe('');
    const runs = dump.experiments.flatMap((e) => e.runs);
    const child = runs.find((r) => r.info.runId === store.ids.child);
    expect(child?.data.tags['mlflow.parentRunId']).toBe(store.ids.parent);
    expect(child?.inputs.datasetInputs).toEqual([
      {
        dataset: { name: 'iris', digest: '3a5b1c2d', sourceType: 'local', source: '{"uri": "data/iris.csv"}', schema: '{"mlflow_colspec": [{"type": "double", "name": "x"}]}', profile: '{"num_rows": 150}' },
        tags: [{ key: 'mlflow.data.context', value: 'eval' }],
      },
    ]);
    expect(runs.find((r) => r.info.runId === store.ids.parent)?.data.tags['mlflow.loggedArtifacts']).toBe('[{"path": "tables/eval.json", "type": "table"}]');
  }, SLOW);
});

describe('a fresh git clone of the store', () => {
  let clone = '';
  beforeAll(async () => {
    const repo = join(root, '..');
    const opts = { cwd: repo };
    const config = ['-c', 'user.name=test', '-c', 'user.email=test@example.com'];
    await git('git', [...config, 'init', '-q'], opts);
    await git('git', [...config, 'add', '-A'], opts);
    await git('git', [...config, 'commit', '-q', '-m', 'runs'], opts);
    clone = join(await folder('mlruns-compat-clone-'), 'clone');
    await git('git', ['clone', '-q', repo, clone]);
  }, SLOW);

  it('is refused by MLflow 3 until ensureRunFolders puts back the folders git dropped, then reads as the original', async () => {
    await expect(dumpWithMlflow(join(clone, 'mlruns'), '3')).rejects.toThrow(`Run '${store.ids.child}' not found`);
    expect(await ensureRunFolders(join(clone, 'mlruns'))).toContain(`${(await new MlflowClient(root).getRun(store.ids.child)).info.experimentId}/${store.ids.child}/params`);
    const original = await dumpWithMlflow(root, '3');
    const cloned = await dumpWithMlflow(join(clone, 'mlruns'), '3');
    expect(report(diffDumps(original, cloned, store.ids, ['original', 'clone']))).toBe('');
  }, SLOW);
});
