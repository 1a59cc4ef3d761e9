import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

describe('values that start with a byte-order mark', () => {
  it('read back with the mark, as Python MLflow reads them', async () => {
    const client = new MlflowClient(await freshStorePath());
    const run = await client.createRun('0', { runName: '\ufeffnamed' });
    await client.setTag(run.info.runId, 'note', '\ufeffhello');
    await client.logParam(run.info.runId, 'p', '\ufeffvalue');
    const { data } = await new MlflowClient(client.root).getRun(run.info.runId);
    expect([data.tags.note, data.params.p, data.tags['mlflow.runName']]).toEqual(['\ufeffhello', '\ufeffvalue', '\ufeffnamed']);
  });
});
