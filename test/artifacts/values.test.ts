import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError, MlflowClient } from '../../src/index.js';
import { PNG } from '../helpers/png.js';
import { freshStorePath } from '../helpers/tmp.js';

async function setup(): Promise<{ client: MlflowClient; runId: string; artifacts: string }> {
  const client = new MlflowClient(await freshStorePath());
  const run = await client.createRun('0');
  return { client, runId: run.info.runId, artifacts: join(client.root, '0', run.info.runId, 'artifacts') };
}

describe('artifacts made from values', () => {
  it('writes text as is, creating folders on the way', async () => {
    const { client, runId, artifacts } = await setup();
    await client.logText(runId, 'hello\nworld', 'notes/summary.txt');
    expect(await readFile(join(artifacts, 'notes', 'summary.txt'), 'utf8')).toBe('hello\nworld');
  });

  it('writes a dict as indented JSON, or YAML for .yaml, as log_dict does', async () => {
    const { client, runId, artifacts } = await setup();
    await client.logDict(runId, { b: 1, a: [1, 2] }, 'config.json');
    await client.logDict(runId, { b: 1, a: [1, 2] }, 'config.yaml');
    expect(await readFile(join(artifacts, 'config.json'), 'utf8')).toBe('{\n  "b": 1,\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(await readFile(join(artifacts, 'config.yaml'), 'utf8')).toBe('a:\n- 1\n- 2\nb: 1\n');
  });

  it('writes PNG bytes unchanged and refuses anything else', async () => {
    const { client, runId, artifacts } = await setup();
    await client.logImage(runId, PNG, 'plots/dot.png');
    expect((await readFile(join(artifacts, 'plots', 'dot.png'))).equals(PNG)).toBe(true);
    await expect(client.logImage(runId, Buffer.from('GIF89a'), 'x.png')).rejects.toThrow('PNG-encoded bytes');
    await expect(client.logImage(runId, PNG, 'x.jpg')).rejects.toThrow("must end in '.png'");
  });

  it("writes a table in pandas' split JSON and lists it once in mlflow.loggedArtifacts", async () => {
    const { client, runId, artifacts } = await setup();
    await client.logTable(runId, { inputs: ['a', 'b'], score: [0.5, 1] }, 'eval/results.json');
    await client.logTable(runId, { inputs: ['c'], score: [2] }, 'eval/results.json');
    expect(await readFile(join(artifacts, 'eval', 'results.json'), 'utf8')).toBe(
      '{"columns":["inputs","score"],"data":[["a",0.5],["b",1.0],["c",2.0]]}',
    );
    expect((await client.getRun(runId)).data.tags['mlflow.loggedArtifacts']).toBe('[{"path": "eval/results.json", "type": "table"}]');
  });

  it('adds each further table to mlflow.loggedArtifacts', async () => {
    const { client, runId } = await setup();
    await client.logTable(runId, [{ a: 1 }], 'one.json');
    await client.logTable(runId, [{ a: 2 }], 'two.json');
    expect(JSON.parse((await client.getRun(runId)).data.tags['mlflow.loggedArtifacts'] ?? '')).toEqual([
      { path: 'one.json', type: 'table' },
      { path: 'two.json', type: 'table' },
    ]);
  });

  it('refuses table files MLflow refuses: not .json, or with , : [ ] { } quotes', async () => {
    const { client, runId } = await setup();
    await expect(client.logTable(runId, { a: [1] }, 't.parquet')).rejects.toThrow('parquet tables are not supported');
    await expect(client.logTable(runId, { a: [1] }, 'a,b.json')).rejects.toThrow(InvalidParameterError);
  });

  it('refuses to append to a file that is not a table', async () => {
    const { client, runId } = await setup();
    await client.logText(runId, 'not json', 't.json');
    await expect(client.logTable(runId, { a: [1] }, 't.json')).rejects.toThrow("Cannot append to the table artifact 't.json'");
  });

  it('needs an artifact file name, not a folder', async () => {
    const { client, runId } = await setup();
    await expect(client.logText(runId, 'x', '')).rejects.toThrow('must name a file');
  });
});
