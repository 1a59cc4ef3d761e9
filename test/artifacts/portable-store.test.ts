import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MlflowClient, ensureRunFolders } from '../../src/index.js';
import { readAllArtifacts } from '../helpers/artifacts.js';
import { tempDir } from '../helpers/tmp.js';

const run = promisify(execFile);
const git = (cwd: string, ...args: string[]) => run('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd });

interface Written {
  root: string;
  /** run id → artifact path → content */
  artifacts: Record<string, Record<string, string>>;
  /** A run with no params, metrics or artifacts: git drops all its folders. */
  bareRunId: string;
  deletedExperimentRunId: string;
}

/** A store with artifacts in the Default experiment, a named one, and a deleted one. */
async function writeStore(parent: string): Promise<Written> {
  const root = join(parent, 'mlruns');
  const client = new MlflowClient(root);
  const named = await client.createExperiment('portable');
  const doomed = await client.createExperiment('deleted-later');
  const artifacts: Written['artifacts'] = {};
  for (const experimentId of ['0', named, doomed]) {
    const runId = (await client.createRun(experimentId)).info.runId;
    await client.logText(runId, `text of ${runId}`, 'notes.txt');
    await client.logDict(runId, { experimentId }, 'config/params.json');
    await client.logText(runId, 'deep', 'a/b/c/deep.txt');
    artifacts[runId] = { 'notes.txt': `text of ${runId}`, 'config/params.json': `{\n  "experimentId": "${experimentId}"\n}`, 'a/b/c/deep.txt': 'deep' };
  }
  const deletedExperimentRunId = Object.keys(artifacts)[2] ?? '';
  await client.deleteExperiment(doomed);
  const bareRunId = (await client.createRun(named)).info.runId;
  return { root, artifacts, bareRunId, deletedExperimentRunId };
}

async function expectEveryArtifact(root: string, written: Written): Promise<void> {
  const client = new MlflowClient(root);
  for (const [runId, files] of Object.entries(written.artifacts)) {
    expect(await readAllArtifacts(client, runId)).toEqual(files);
  }
}

describe('a store moved to another folder', () => {
  it('lists and downloads every artifact, deleted experiments included', async () => {
    const written = await writeStore(await tempDir());
    const moved = join(await tempDir(), 'moved here');
    await rename(join(written.root, '..'), moved);
    await expectEveryArtifact(join(moved, 'mlruns'), written);
  });

  it('keeps the recorded artifact URI as MLflow wrote it', async () => {
    const written = await writeStore(await tempDir());
    const [runId] = Object.keys(written.artifacts);
    const before = (await new MlflowClient(written.root).getRun(runId ?? '')).info.artifactUri;
    const moved = await tempDir();
    await rename(written.root, join(moved, 'mlruns'));
    expect((await new MlflowClient(join(moved, 'mlruns')).getRun(runId ?? '')).info.artifactUri).toBe(before);
  });

  it('gives a new run in an old experiment an artifact URI under the new root', async () => {
    const written = await writeStore(await tempDir());
    const moved = join(await tempDir(), 'mlruns');
    await rename(written.root, moved);
    const client = new MlflowClient(moved);
    const experiment = await client.getExperimentByName('portable');
    const fresh = await client.createRun(experiment?.experimentId ?? '');
    expect(fresh.info.artifactUri).toBe(`file://${moved}/${experiment?.experimentId}/${fresh.info.runId}/artifacts`);
  });

  it('writes new artifacts of an old run into the moved store', async () => {
    const written = await writeStore(await tempDir());
    const moved = join(await tempDir(), 'mlruns');
    await rename(written.root, moved);
    const [runId = ''] = Object.keys(written.artifacts);
    await new MlflowClient(moved).logText(runId, 'after the move', 'late.txt');
    expect(await readFile(join(moved, '0', runId, 'artifacts', 'late.txt'), 'utf8')).toBe('after the move');
    await expect(stat(join(written.root, '0'))).rejects.toThrow('ENOENT');
  });
});

describe('a store committed to git and cloned elsewhere', () => {
  async function cloneOf(written: Written): Promise<string> {
    const repo = join(written.root, '..');
    await git(repo, 'init', '-q');
    await git(repo, 'add', '-A');
    await git(repo, 'commit', '-q', '-m', 'runs');
    const clone = join(await tempDir(), 'clone');
    await git(await tempDir(), 'clone', '-q', repo, clone);
    await rm(repo, { recursive: true, force: true });
    return join(clone, 'mlruns');
  }

  it('lists and downloads every artifact from the clone', async () => {
    const written = await writeStore(await tempDir());
    await expectEveryArtifact(await cloneOf(written), written);
  });

  it('reads a run whose empty folders git dropped, without recreating them', async () => {
    const written = await writeStore(await tempDir());
    const root = await cloneOf(written);
    const client = new MlflowClient(root);
    const bare = await client.getRun(written.bareRunId);
    expect(bare.data).toMatchObject({ metrics: {}, params: {} });
    expect(await client.listArtifacts(written.bareRunId)).toEqual([]);
    const runDir = join(root, bare.info.experimentId, written.bareRunId);
    expect((await readdir(runDir)).sort()).toEqual(['meta.yaml', 'tags']);
  });

  it('gets the dropped folders back from ensureRunFolders, and only those', async () => {
    const written = await writeStore(await tempDir());
    const root = await cloneOf(written);
    const experimentId = (await new MlflowClient(root).getRun(written.bareRunId)).info.experimentId;
    const created = await ensureRunFolders(root);
    expect(created).toEqual(
      expect.arrayContaining([`${experimentId}/${written.bareRunId}/metrics`, `${experimentId}/${written.bareRunId}/params`, `${experimentId}/${written.bareRunId}/artifacts`]),
    );
    expect(created.every((path) => path === '.trash' || /\/(metrics|params|tags|artifacts)$/.test(path))).toBe(true);
    expect(await ensureRunFolders(root)).toEqual([]);
  });

  it('says when there is no store to repair', async () => {
    await expect(ensureRunFolders(join(await tempDir(), 'nothing'))).rejects.toThrow('There is no mlruns store at');
  });
});

describe('recorded artifact locations in other forms', () => {
  async function runWithUri(uri: (parts: { experimentId: string; runId: string }) => string): Promise<{ client: MlflowClient; runId: string }> {
    const root = join(await tempDir(), 'mlruns');
    const client = new MlflowClient(root);
    const runId = (await client.createRun('0')).info.runId;
    await client.logText(runId, 'found', 'x.txt');
    const metaPath = join(root, '0', runId, 'meta.yaml');
    const meta = await readFile(metaPath, 'utf8');
    await writeFile(metaPath, meta.replace(/^artifact_uri: .*$/m, `artifact_uri: ${uri({ experimentId: '0', runId })}`));
    return { client: new MlflowClient(root), runId };
  }

  it('rebases a Windows file:///C:/ URI with %20 escapes', async () => {
    const { client, runId } = await runWithUri(({ experimentId, runId: id }) => `file:///C:/Users/al%20ice/proj/mlruns/${experimentId}/${id}/artifacts`);
    expect(await readAllArtifacts(client, runId)).toEqual({ 'x.txt': 'found' });
  });

  it('rebases a Windows path with backslashes', async () => {
    const { client, runId } = await runWithUri(({ experimentId, runId: id }) => `'C:\\Users\\alice\\mlruns\\${experimentId}\\${id}\\artifacts'`);
    expect(await readAllArtifacts(client, runId)).toEqual({ 'x.txt': 'found' });
  });

  it('rebases a plain POSIX path of a folder that is gone', async () => {
    const { client, runId } = await runWithUri(({ experimentId, runId: id }) => `/gone/home/mlruns/${experimentId}/${id}/artifacts`);
    expect(await readAllArtifacts(client, runId)).toEqual({ 'x.txt': 'found' });
  });

  it('decodes %20 in the URI of a store whose path has a space, without rebasing', async () => {
    const root = join(await tempDir(), 'with space', 'mlruns');
    const client = new MlflowClient(root);
    const run = await client.createRun('0');
    expect(run.info.artifactUri).toContain('with%20space');
    await client.logText(run.info.runId, 'ok', 'y.txt');
    expect(await readFile(join(root, '0', run.info.runId, 'artifacts', 'y.txt'), 'utf8')).toBe('ok');
  });

  it("writes new runs' URIs in the bare-path form MLflow records for a store opened by path", async () => {
    const root = join(await tempDir(), 'mlruns');
    const client = new MlflowClient(root);
    const experimentId = await client.createExperiment('bare');
    const metaPath = join(root, experimentId, 'meta.yaml');
    await writeFile(metaPath, (await readFile(metaPath, 'utf8')).replace(/^artifact_location: .*$/m, `artifact_location: ${join(root, experimentId)}`));
    const fresh = await new MlflowClient(root).createRun(experimentId);
    expect(fresh.info.artifactUri).toBe(`${join(root, experimentId)}/${fresh.info.runId}/artifacts`);
  });

  it('leaves an artifact root outside the store where it is, when that root exists', async () => {
    const outside = await tempDir();
    const client = new MlflowClient(join(await tempDir(), 'mlruns'));
    const experimentId = await client.createExperiment('external', { artifactLocation: join(outside, 'art') });
    await mkdir(join(outside, 'art'));
    const runId = (await client.createRun(experimentId)).info.runId;
    await client.logText(runId, 'outside', 'z.txt');
    expect(await readFile(join(outside, 'art', runId, 'artifacts', 'z.txt'), 'utf8')).toBe('outside');
  });
});
