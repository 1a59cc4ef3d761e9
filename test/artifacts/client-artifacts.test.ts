import { mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError, MlflowClient, ResourceNotFoundError } from '../../src/index.js';
import { freshStorePath, tempDir } from '../helpers/tmp.js';

async function setup(): Promise<{ client: MlflowClient; runId: string; artifacts: string; local: string }> {
  const client = new MlflowClient(await freshStorePath());
  const run = await client.createRun('0');
  const local = await tempDir();
  await writeFile(join(local, 'model.bin'), Buffer.from([0, 1, 2, 3, 4]));
  await mkdir(join(local, 'tree', 'sub', 'empty'), { recursive: true });
  await writeFile(join(local, 'tree', 'a.txt'), 'a');
  await writeFile(join(local, 'tree', 'sub', 'b.txt'), 'bb');
  return { client, runId: run.info.runId, artifacts: join(client.root, '0', run.info.runId, 'artifacts'), local };
}

describe('logging artifacts from disk', () => {
  it('copies a file into the artifact root, or into the folder artifactPath', async () => {
    const { client, runId, artifacts, local } = await setup();
    await client.logArtifact(runId, join(local, 'model.bin'));
    await client.logArtifact(runId, join(local, 'model.bin'), 'checkpoints/epoch-1');
    expect([...(await readFile(join(artifacts, 'model.bin')))]).toEqual([0, 1, 2, 3, 4]);
    expect([...(await readFile(join(artifacts, 'checkpoints', 'epoch-1', 'model.bin')))]).toEqual([0, 1, 2, 3, 4]);
  });

  it('copies the content of a folder, empty sub-folders included, under artifactPath', async () => {
    const { client, runId, artifacts, local } = await setup();
    await client.logArtifacts(runId, join(local, 'tree'), 'data');
    expect(await readFile(join(artifacts, 'data', 'sub', 'b.txt'), 'utf8')).toBe('bb');
    expect((await stat(join(artifacts, 'data', 'sub', 'empty'))).isDirectory()).toBe(true);
    expect((await readdir(join(artifacts, 'data'))).sort()).toEqual(['a.txt', 'sub']);
  });

  it('leaves no temporary file behind', async () => {
    const { client, runId, artifacts, local } = await setup();
    await client.logArtifacts(runId, join(local, 'tree'));
    expect((await readdir(artifacts, { recursive: true })).filter((name) => name.includes('.artifact.uploading.'))).toEqual([]);
  });

  it('says so when the local file or folder does not exist, or is the wrong kind', async () => {
    const { client, runId, local } = await setup();
    await expect(client.logArtifact(runId, join(local, 'missing.txt'))).rejects.toThrow(`The local file '${join(local, 'missing.txt')}' does not exist`);
    await expect(client.logArtifact(runId, join(local, 'tree'))).rejects.toThrow('use logArtifacts for a folder');
    await expect(client.logArtifacts(runId, join(local, 'model.bin'))).rejects.toThrow('use logArtifact for a single file');
  });
});

describe('listing artifacts', () => {
  it('lists the immediate children sorted by path, with sizes for files and null for folders', async () => {
    const { client, runId, local } = await setup();
    await client.logArtifacts(runId, join(local, 'tree'));
    await client.logArtifact(runId, join(local, 'model.bin'));
    expect(await client.listArtifacts(runId)).toEqual([
      { path: 'a.txt', isDir: false, fileSize: 1 },
      { path: 'model.bin', isDir: false, fileSize: 5 },
      { path: 'sub', isDir: true, fileSize: null },
    ]);
    expect(await client.listArtifacts(runId, 'sub')).toEqual([
      { path: 'sub/b.txt', isDir: false, fileSize: 2 },
      { path: 'sub/empty', isDir: true, fileSize: null },
    ]);
  });

  it('sorts by code point as Python does, so an emoji name comes after a private-use one', async () => {
    const { client, runId } = await setup();
    await client.logText(runId, 'x', '\u{1F600}.txt');
    await client.logText(runId, 'x', '\uE000.txt');
    expect((await client.listArtifacts(runId)).map((f) => f.path)).toEqual(['\uE000.txt', '\u{1F600}.txt']);
  });

  it('lists a folder that does not exist as empty', async () => {
    const { client, runId } = await setup();
    expect(await client.listArtifacts(runId, 'nothing/here')).toEqual([]);
  });

  it('hides files still being written under the temporary prefix MLflow uses', async () => {
    const { client, runId, artifacts } = await setup();
    await mkdir(artifacts, { recursive: true });
    await writeFile(join(artifacts, '.artifact.uploading.abc'), 'partial');
    expect(await client.listArtifacts(runId)).toEqual([]);
  });
});

describe('downloading artifacts', () => {
  it('copies a file to <dst>/<path> and returns that path', async () => {
    const { client, runId, local } = await setup();
    await client.logArtifact(runId, join(local, 'model.bin'), 'ckpt');
    const dst = await tempDir();
    expect(await client.downloadArtifacts(runId, 'ckpt/model.bin', dst)).toBe(join(dst, 'ckpt', 'model.bin'));
    expect([...(await readFile(join(dst, 'ckpt', 'model.bin')))]).toEqual([0, 1, 2, 3, 4]);
  });

  it('copies a whole folder, and the whole run for the empty path', async () => {
    const { client, runId, local } = await setup();
    await client.logArtifacts(runId, join(local, 'tree'), 'data');
    const dst = await tempDir();
    expect(await client.downloadArtifacts(runId, '', dst)).toBe(dst);
    expect(await readFile(join(dst, 'data', 'sub', 'b.txt'), 'utf8')).toBe('bb');
    expect((await stat(join(dst, 'data', 'sub', 'empty'))).isDirectory()).toBe(true);
  });

  it('returns the local path of the artifact itself when no destination is given, as MLflow does', async () => {
    const { client, runId, artifacts, local } = await setup();
    await client.logArtifact(runId, join(local, 'model.bin'));
    expect(await client.downloadArtifacts(runId, 'model.bin')).toBe(join(artifacts, 'model.bin'));
  });

  it('fails with RESOURCE_DOES_NOT_EXIST for a missing artifact', async () => {
    const { client, runId } = await setup();
    const error = await client.downloadArtifacts(runId, 'nope.txt', await tempDir()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundError);
    expect((error as Error).message).toContain("No such artifact: 'nope.txt'");
  });

  it('needs an existing destination folder', async () => {
    const { client, runId, local } = await setup();
    await client.logArtifact(runId, join(local, 'model.bin'));
    await expect(client.downloadArtifacts(runId, 'model.bin', join(local, 'absent'))).rejects.toThrow('does not exist');
    await expect(client.downloadArtifacts(runId, 'model.bin', join(local, 'model.bin'))).rejects.toThrow('must be a folder');
  });

  it('accepts runs:/<run_id>/<path> URIs, file URIs and plain paths', async () => {
    const { client, runId, artifacts, local } = await setup();
    await client.logArtifacts(runId, join(local, 'tree'), 'data');
    const dst = await tempDir();
    expect(await client.downloadArtifactsFromUri(`runs:/${runId}/data/sub`, dst)).toBe(join(dst, 'data', 'sub'));
    expect(await readFile(join(dst, 'data', 'sub', 'b.txt'), 'utf8')).toBe('bb');
    expect(await client.downloadArtifactsFromUri(`runs:/${runId}/data/a.txt`)).toBe(join(artifacts, 'data', 'a.txt'));
    expect(await client.downloadArtifactsFromUri(`file://${join(artifacts, 'data', 'a.txt')}`, dst)).toBe(join(dst, 'a.txt'));
    expect(await client.downloadArtifactsFromUri(join(artifacts, 'data'), dst)).toBe(join(dst, 'data'));
  });

  it('explains a malformed runs:/ URI', async () => {
    const { client } = await setup();
    await expect(client.downloadArtifactsFromUri('runs:/')).rejects.toThrow("Runs URIs must be of the form 'runs:/<run_id>/run-relative/path/to/artifact'");
  });
});

describe('artifact paths that would leave the artifact root', () => {
  it.each(['..', '../elsewhere', 'a/../../b', '/etc', 'C:/Windows'])('refuses to write to %j and writes nothing', async (path) => {
    const { client, runId, artifacts, local } = await setup();
    await expect(client.logArtifact(runId, join(local, 'model.bin'), path)).rejects.toThrow(InvalidParameterError);
    await expect(client.logArtifacts(runId, join(local, 'tree'), path)).rejects.toThrow(InvalidParameterError);
    expect(await readdir(artifacts)).toEqual([]);
  });

  it('refuses to list or download outside the root', async () => {
    const { client, runId } = await setup();
    await expect(client.listArtifacts(runId, '../..')).rejects.toThrow(InvalidParameterError);
    await expect(client.downloadArtifacts(runId, '../meta.yaml', await tempDir())).rejects.toThrow(InvalidParameterError);
    await expect(client.downloadArtifactsFromUri(`runs:/${runId}/../meta.yaml`)).rejects.toThrow(InvalidParameterError);
  });

  it('refuses a folder that is a symbolic link to outside the root, before writing anything', async () => {
    const { client, runId, artifacts, local } = await setup();
    const outside = await tempDir();
    await mkdir(artifacts, { recursive: true });
    await symlink(outside, join(artifacts, 'escape'));
    await expect(client.logArtifact(runId, join(local, 'model.bin'), 'escape')).rejects.toThrow('through a symbolic link, outside the run\'s artifact root');
    await expect(client.logArtifacts(runId, join(local, 'tree'), 'escape/deeper')).rejects.toThrow(InvalidParameterError);
    await expect(client.logText(runId, 'x', 'escape/x.txt')).rejects.toThrow(InvalidParameterError);
    await expect(client.listArtifacts(runId, 'escape')).rejects.toThrow(InvalidParameterError);
    expect(await readdir(outside)).toEqual([]);
  });

  it('refuses to download through a file link that points outside the root', async () => {
    const { client, runId, artifacts, local } = await setup();
    await mkdir(join(artifacts, 'dir'), { recursive: true });
    await symlink(join(local, 'model.bin'), join(artifacts, 'dir', 'leak.bin'));
    const dst = await tempDir();
    await expect(client.downloadArtifacts(runId, 'dir', dst)).rejects.toThrow(InvalidParameterError);
    expect(await readdir(dst)).toEqual([]);
  });

  it('refuses file names reserved for temporary files', async () => {
    const { client, runId } = await setup();
    await expect(client.logText(runId, 'x', '.artifact.uploading.x')).rejects.toThrow('reserved for temporary files');
  });
});

describe('artifact locations that are not local', () => {
  it('says s3:// is not supported yet instead of doing nothing', async () => {
    const client = new MlflowClient(await freshStorePath());
    const experimentId = await client.createExperiment('remote', { artifactLocation: 's3://bucket/path' });
    const run = await client.createRun(experimentId);
    expect(run.info.artifactUri).toBe(`s3://bucket/path/${run.info.runId}/artifacts`);
    await expect(client.listArtifacts(run.info.runId)).rejects.toThrow("uses the 's3' scheme, which mlruns does not support yet");
    await expect(client.logText(run.info.runId, 'x', 'a.txt')).rejects.toThrow(InvalidParameterError);
  });
});
