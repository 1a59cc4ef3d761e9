import { describe, expect, it } from 'vitest';
import '../../src/testing/vitest.js';
import { MlflowClient, type Run } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

async function trainedRun(): Promise<Run> {
  const client = new MlflowClient(await freshStorePath());
  const run = await client.createRun('0', { runName: 'trained', tags: { stage: 'dev' } });
  await client.logBatch(run.info.runId, { metrics: [{ key: 'accuracy', value: 0.931 }, { key: 'loss', value: NaN }], params: { model: 'rf' } });
  await client.setTerminated(run.info.runId);
  return client.getRun(run.info.runId);
}

describe('run matchers', () => {
  it('pass on the values the run holds, exact or through asymmetric matchers', async () => {
    const run = await trainedRun();
    expect(run).toHaveMetric('accuracy', 0.931);
    expect(run).toHaveMetric('accuracy', expect.closeTo(0.93, 2));
    expect(run).toHaveMetric('loss', NaN);
    expect(run).toHaveMetric('accuracy');
    expect(run).toHaveParam('model', 'rf');
    expect(run).toHaveTag('stage', expect.stringMatching(/^de/));
    expect(run).toHaveStatus('FINISHED');
    expect(run).not.toHaveMetric('f1');
    expect(run).not.toHaveParam('model', 'svm');
  });

  it('show the actual value and every metric when a metric differs', async () => {
    const run = await trainedRun();
    expect(() => expect(run).toHaveMetric('accuracy', 0.99)).toThrow(
      `expected run 'trained' (${run.info.runId}) to have metric 'accuracy' equal to 0.99, but it is 0.931. Its metrics: accuracy=0.931, loss=NaN`,
    );
  });

  it('say when the key is missing', async () => {
    const run = await trainedRun();
    expect(() => expect(run).toHaveParam('depth', '3')).toThrow(/has no such param. Its params: model="rf"/);
  });

  it('show the actual status', async () => {
    const run = await trainedRun();
    expect(() => expect(run).toHaveStatus('FAILED')).toThrow(/to have status FAILED, but it is FINISHED/);
  });

  it('refuse something that is not a run', () => {
    expect(() => expect({ runId: 'x' }).toHaveMetric('a')).toThrow(/toHaveMetric expects a Run/);
  });
});
