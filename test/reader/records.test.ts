import { describe, expect, it } from 'vitest';
import { MlflowClient, findRuns, recordsToCsv, recordsToJson, runsToRecords } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

async function storeWithTwoRuns(): Promise<{ client: MlflowClient; experimentId: string; ids: string[] }> {
  const client = new MlflowClient(await freshStorePath());
  const experimentId = await client.createExperiment('records');
  const a = await client.createRun(experimentId, { runName: 'a', startTime: 1_000, tags: { 'mlflow.user': 'alice' } });
  await client.logBatch(a.info.runId, { metrics: [{ key: 'acc', value: 0.9 }, { key: 'loss', value: NaN }], params: { model: 'rf, "deep"' } });
  await client.setTerminated(a.info.runId, 'FINISHED', 2_000);
  const b = await client.createRun(experimentId, { runName: 'b', startTime: 3_000, tags: { 'mlflow.user': 'bob' } });
  await client.logMetric(b.info.runId, 'acc', 0.5);
  return { client, experimentId, ids: [a.info.runId, b.info.runId] };
}

describe('run records', () => {
  it('flattens a run into info columns and metrics., params., tags. columns', async () => {
    const { client, ids } = await storeWithTwoRuns();
    const [record] = runsToRecords([await client.getRun(ids[0] as string)]);
    expect(record).toMatchObject({
      run_id: ids[0],
      status: 'FINISHED',
      start_time: new Date(1_000),
      end_time: new Date(2_000),
      'metrics.acc': 0.9,
      'params.model': 'rf, "deep"',
      'tags.mlflow.runName': 'a',
      'tags.mlflow.user': 'alice',
    });
    expect(record?.['metrics.loss']).toBeNaN();
  });

  it('writes CSV with a header, quoted fields and empty cells for missing keys', async () => {
    const { client, experimentId, ids } = await storeWithTwoRuns();
    const { runs } = await client.searchRuns([experimentId], undefined, { orderBy: ['attributes.start_time ASC'] });
    const lines = recordsToCsv(runsToRecords(runs)).split('\r\n');
    const header = (lines[0] ?? '').split(',');
    expect(header.slice(0, 8)).toEqual(['run_id', 'experiment_id', 'status', 'artifact_uri', 'start_time', 'end_time', 'metrics.acc', 'metrics.loss']);
    expect(lines[1]).toContain(`${ids[0]},${experimentId},FINISHED,`);
    expect(lines[1]).toContain('1970-01-01T00:00:01.000Z,1970-01-01T00:00:02.000Z,0.9,NaN,"rf, ""deep"""');
    expect(lines[2]).toContain(',RUNNING,');
    expect(lines[2]).toContain('1970-01-01T00:00:03.000Z,,0.5,,');
  });

  it('writes JSON with ISO dates and non-finite numbers as strings', async () => {
    const { client, ids } = await storeWithTwoRuns();
    const [parsed] = JSON.parse(recordsToJson(runsToRecords([await client.getRun(ids[0] as string)]))) as Record<string, unknown>[];
    expect(parsed).toMatchObject({ start_time: '1970-01-01T00:00:01.000Z', 'metrics.loss': 'NaN', 'metrics.acc': 0.9 });
  });
});

describe('findRuns', () => {
  it('opens a store by path and returns the runs of an experiment matching a filter, in order', async () => {
    const { client, ids } = await storeWithTwoRuns();
    const runs = await findRuns(client.root, { experimentName: 'records', filter: 'metrics.acc > 0.1', orderBy: ['metrics.acc DESC'] });
    expect(runs.map((r) => r.info.runId)).toEqual(ids);
  });

  it('searches every active experiment when none is named', async () => {
    const { client } = await storeWithTwoRuns();
    await client.createRun('0', { runName: 'in-default' });
    expect((await findRuns(client.root)).map((r) => r.info.runName).sort()).toEqual(['a', 'b', 'in-default']);
  });

  it('says which experiment name it could not find', async () => {
    const { client } = await storeWithTwoRuns();
    await expect(findRuns(client.root, { experimentName: 'nope' })).rejects.toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining("No experiment named 'nope'") });
  });

  it('walks every page', async () => {
    const client = new MlflowClient(await freshStorePath());
    for (let i = 0; i < 7; i += 1) await client.createRun('0', { startTime: i });
    expect(await findRuns(client, { experimentIds: ['0'], maxResults: 5 })).toHaveLength(5);
    expect(await findRuns(client, { experimentIds: ['0'] })).toHaveLength(7);
  });
});
