import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

async function storeWithRun(): Promise<{ client: MlflowClient; runId: string; runDir: string; experimentId: string }> {
  const client = new MlflowClient(await freshStorePath());
  const experimentId = await client.createExperiment('damaged');
  const runId = (await client.createRun(experimentId, { runName: 'r' })).info.runId;
  return { client, runId, runDir: join(client.root, experimentId, runId), experimentId };
}

describe('run folders that are damaged or not runs', () => {
  it('skips a run folder that holds run data but lost its meta.yaml, with a warning naming that file', async () => {
    const { client, runDir, experimentId } = await storeWithRun();
    await rm(join(runDir, 'meta.yaml'));
    const reader = new MlflowClient(client.root);
    expect((await reader.searchRuns([experimentId])).runs).toEqual([]);
    expect(reader.warnings).toContainEqual(expect.objectContaining({ code: 'MALFORMED_RUN', path: join(runDir, 'meta.yaml') }));
  });

  it('skips an empty folder in an experiment without a warning, as MLflow does', async () => {
    const { client, experimentId } = await storeWithRun();
    await mkdir(join(client.root, experimentId, 'scratch'));
    const reader = new MlflowClient(client.root);
    expect((await reader.searchRuns([experimentId])).runs).toHaveLength(1);
    expect(reader.warnings).toEqual([]);
  });

  it('creates a run whole, leaving no staging folder behind', async () => {
    const { client, runDir } = await storeWithRun();
    expect((await readdir(runDir)).sort()).toEqual(['artifacts', 'meta.yaml', 'metrics', 'params', 'tags']);
    expect((await readdir(client.root)).filter((name) => name.includes('mlruns-new'))).toEqual([]);
  });

  it("names the dataset's meta.yaml when it is the damaged file behind a run input", async () => {
    const { client, runId, experimentId } = await storeWithRun();
    await client.logInputs(runId, [{ dataset: { name: 'iris', digest: 'abc123', sourceType: 'local', source: { uri: 'iris.csv' } } }]);
    const datasets = join(client.root, experimentId, 'datasets');
    const [datasetId] = await readdir(datasets);
    await writeFile(join(datasets, datasetId!, 'meta.yaml'), '');
    const reader = new MlflowClient(client.root);
    expect((await reader.getRun(runId)).inputs.datasetInputs).toEqual([]);
    expect(reader.warnings).toContainEqual(expect.objectContaining({ path: join(datasets, datasetId!, 'meta.yaml') }));
  });

  it('skips a run whose meta.yaml names another run id than its folder, with a warning', async () => {
    const { client, runId, runDir, experimentId } = await storeWithRun();
    const meta = join(runDir, 'meta.yaml');
    await writeFile(meta, (await readFile(meta, 'utf8')).replaceAll(runId, runId.slice(0, 11)));
    const reader = new MlflowClient(client.root);
    expect((await reader.searchRuns([experimentId])).runs).toEqual([]);
    expect(reader.warnings).toContainEqual(expect.objectContaining({ code: 'MALFORMED_RUN', path: meta, message: expect.stringContaining("not the folder's") }));
  });
});
