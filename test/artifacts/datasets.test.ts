import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError, MlflowClient } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

const IRIS = { name: 'iris', digest: '3a5b1c2d', sourceType: 'local', source: '{"uri": "data/iris.csv"}' };

async function setup(): Promise<{ client: MlflowClient; runId: string; runDir: string; experimentDir: string }> {
  const client = new MlflowClient(await freshStorePath());
  const run = await client.createRun('0');
  return { client, runId: run.info.runId, runDir: join(client.root, '0', run.info.runId), experimentDir: join(client.root, '0') };
}

describe('dataset inputs (spec 2.4, 2.5)', () => {
  it('writes the dataset meta.yaml under md5(name + digest), byte for byte as MLflow 3.17 does', async () => {
    const { client, runId, experimentDir } = await setup();
    await client.logInputs(runId, [{ dataset: IRIS, tags: { 'mlflow.data.context': 'train', k: 'v' } }]);
    // Bytes MLflow 3.17.2 wrote for the same client.log_inputs call.
    expect(await readFile(join(experimentDir, 'datasets', '5abb949a14efc570a80e58c597e6bd2e', 'meta.yaml'), 'utf8')).toBe(
      "digest: 3a5b1c2d\nname: iris\nprofile: null\nschema: null\nsource: '{\"uri\": \"data/iris.csv\"}'\nsource_type: local\n",
    );
  });

  it('links the run under md5(dataset_id + run_id) with the tags, destination_id repeating the dataset id as MLflow writes it', async () => {
    const { client, runId, runDir } = await setup();
    await client.logInputs(runId, [{ dataset: IRIS, tags: { 'mlflow.data.context': 'train', k: 'v' } }]);
    const [inputId] = await readdir(join(runDir, 'inputs'));
    expect(inputId).toBe(createHash('md5').update('5abb949a14efc570a80e58c597e6bd2e').update(runId).digest('hex'));
    expect(await readFile(join(runDir, 'inputs', inputId ?? '', 'meta.yaml'), 'utf8')).toBe(
      'destination_id: 5abb949a14efc570a80e58c597e6bd2e\ndestination_type: RUN\nsource_id: 5abb949a14efc570a80e58c597e6bd2e\n' +
        'source_type: DATASET\ntags:\n  k: v\n  mlflow.data.context: train\n',
    );
  });

  it('writes an input without tags as tags: {}', async () => {
    const { client, runId, runDir } = await setup();
    await client.logInputs(runId, [{ dataset: IRIS }]);
    const [inputId] = await readdir(join(runDir, 'inputs'));
    expect(await readFile(join(runDir, 'inputs', inputId ?? '', 'meta.yaml'), 'utf8')).toContain('tags: {}\n');
  });

  it('is read back with the run', async () => {
    const { client, runId } = await setup();
    await client.logInputs(runId, [{ dataset: { ...IRIS, schema: { mlflow_colspec: [] }, profile: '{"num_rows": 150}' }, tags: { 'mlflow.data.context': 'eval' } }]);
    expect((await client.getRun(runId)).inputs.datasetInputs).toEqual([
      {
        dataset: { ...IRIS, schema: '{"mlflow_colspec": []}', profile: '{"num_rows": 150}' },
        tags: [{ key: 'mlflow.data.context', value: 'eval' }],
      },
    ]);
  });

  it('keeps the first content: a later log of the same name and digest changes neither the dataset nor the tags', async () => {
    const { client, runId } = await setup();
    await client.logInputs(runId, [{ dataset: IRIS, tags: { 'mlflow.data.context': 'train' } }]);
    await client.logInputs(runId, [{ dataset: { ...IRIS, source: '{"uri": "other.csv"}' }, tags: { 'mlflow.data.context': 'eval' } }]);
    const [input] = (await client.getRun(runId)).inputs.datasetInputs;
    expect(input?.dataset.source).toBe('{"uri": "data/iris.csv"}');
    expect(input?.tags).toEqual([{ key: 'mlflow.data.context', value: 'train' }]);
  });

  it('shares one dataset folder between runs of the experiment, each run with its own input', async () => {
    const { client, runId, experimentDir } = await setup();
    const other = (await client.createRun('0')).info.runId;
    await client.logInputs(runId, [{ dataset: IRIS }]);
    await client.logInputs(other, [{ dataset: IRIS }]);
    expect(await readdir(join(experimentDir, 'datasets'))).toEqual(['5abb949a14efc570a80e58c597e6bd2e']);
    expect((await client.getRun(other)).inputs.datasetInputs).toHaveLength(1);
  });

  it('checks the fields and limits MLflow checks', async () => {
    const { client, runId } = await setup();
    await expect(client.logInputs(runId, [{ dataset: { ...IRIS, digest: 'x'.repeat(37) } }])).rejects.toThrow('Dataset digest exceeds the maximum length of 36');
    await expect(client.logInputs(runId, [{ dataset: { ...IRIS, name: undefined as unknown as string } }])).rejects.toThrow(InvalidParameterError);
    await expect(client.logInputs(runId, [{ dataset: IRIS, tags: { k: 'v'.repeat(501) } }])).rejects.toThrow('exceeds the maximum length');
  });

  it('refuses inputs for a deleted run', async () => {
    const { client, runId } = await setup();
    await client.deleteRun(runId);
    await expect(client.logInputs(runId, [{ dataset: IRIS }])).rejects.toThrow("must be in the 'active' lifecycle_stage");
  });
});
