import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  InvalidParameterError,
  downloadArtifacts,
  endRun,
  flush,
  logArtifact,
  logArtifacts,
  logDict,
  logImage,
  logTable,
  logText,
  startRun,
} from '../../src/index.js';
import { readAllArtifacts } from '../helpers/artifacts.js';
import { useFluentStore } from '../helpers/fluent.js';
import { PNG } from '../helpers/png.js';
import { tempDir } from '../helpers/tmp.js';

const store = useFluentStore();

describe('artifacts of the active run', () => {
  it('copies a file, and it may be removed as soon as logArtifact resolves', async () => {
    const run = await startRun();
    const local = join(await tempDir(), 'weights.bin');
    await writeFile(local, 'w');
    await logArtifact(local, 'model');
    await rm(local);
    expect(await readAllArtifacts(store.client(), run.info.runId)).toEqual({ 'model/weights.bin': 'w' });
  });

  it('copies the content of a folder', async () => {
    const run = await startRun();
    const dir = await tempDir();
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'a.txt'), 'a');
    await logArtifacts(dir, 'out');
    expect(await readAllArtifacts(store.client(), run.info.runId)).toEqual({ 'out/sub/a.txt': 'a' });
  });

  it('rejects logArtifact with its own error when the file is missing', async () => {
    await startRun();
    await expect(logArtifact('/no/such/file.txt')).rejects.toThrow("The local file '/no/such/file.txt' does not exist");
  });

  it('writes text, dicts, images and tables without await, captured at the call', async () => {
    const run = await startRun();
    const config = { lr: 0.01 };
    logText('notes', 'notes.txt');
    logDict(config, 'config.json');
    config.lr = 99;
    logImage(PNG, 'plots/dot.png');
    logTable({ step: [1, 2], loss: [0.5, 0.25] }, 'curve.json');
    await endRun();
    const files = await readAllArtifacts(store.client(), run.info.runId);
    expect(files['notes.txt']).toBe('notes');
    expect(files['config.json']).toBe('{\n  "lr": 0.01\n}');
    expect(files['curve.json']).toBe('{"columns":["step","loss"],"data":[[1,0.5],[2,0.25]]}');
    expect((await readFile(join(store.root(), '0', run.info.runId, 'artifacts', 'plots', 'dot.png'))).equals(PNG)).toBe(true);
    expect((await store.client().getRun(run.info.runId)).data.tags['mlflow.loggedArtifacts']).toBe('[{"path": "curve.json", "type": "table"}]');
  });

  it('checks artifact names at the call', async () => {
    await startRun();
    expect(() => logText('x', '../escape.txt')).toThrow(InvalidParameterError);
    expect(() => logImage(Buffer.from('not png'), 'a.png')).toThrow('PNG-encoded bytes');
    expect(() => logTable({ a: [1, 2], b: [1] }, 't.json')).toThrow('every column of a table must be an array of the same length');
  });

  it('downloads by runs:/ URI or by run id and path', async () => {
    const run = await startRun();
    logText('hello', 'dir/hello.txt');
    await flush();
    const dst = await tempDir();
    expect(await downloadArtifacts({ artifactUri: `runs:/${run.info.runId}/dir` }, dst)).toBe(join(dst, 'dir'));
    expect(await readFile(join(dst, 'dir', 'hello.txt'), 'utf8')).toBe('hello');
    const local = await downloadArtifacts({ runId: run.info.runId, artifactPath: 'dir/hello.txt' });
    expect(await readFile(local, 'utf8')).toBe('hello');
  });
});
