import { describe, expect, it } from 'vitest';
import { ResourceNotFoundError, endRun, logMetric, logParam, searchRuns, setExperiment, startRun, withRun } from '../../src/index.js';
import { useFluentStore } from '../helpers/fluent.js';

useFluentStore();

async function sweep(): Promise<void> {
  await setExperiment('sweep');
  for (const [lr, acc] of [[0.1, 0.8], [0.01, 0.95], [0.001, 0.9]] as const) {
    await withRun({ runName: `lr=${lr}` }, () => {
      logParam('lr', lr);
      logMetric('acc', acc);
    });
  }
}

describe('searchRuns', () => {
  it('returns flat records of the active experiment in MLflow order, filtered and sorted', async () => {
    await sweep();
    const records = await searchRuns({ filterString: 'metrics.acc > 0.85', orderBy: ['metrics.acc DESC'] });
    expect(records.map((r) => [r['params.lr'], r['metrics.acc'], r.status, r['tags.mlflow.runName']])).toEqual([
      ['0.01', 0.95, 'FINISHED', 'lr=0.01'],
      ['0.001', 0.9, 'FINISHED', 'lr=0.001'],
    ]);
  });

  it('searches experiments by name and stops at maxResults', async () => {
    await sweep();
    await setExperiment('other');
    expect(await searchRuns()).toEqual([]);
    expect(await searchRuns({ experimentNames: ['sweep'], maxResults: 2 })).toHaveLength(2);
  });

  it('sees the active run too', async () => {
    const run = await startRun();
    const [record] = await searchRuns();
    expect(record).toMatchObject({ run_id: run.info.runId, status: 'RUNNING', end_time: null });
    await endRun();
  });

  it('says when an experiment name is unknown', async () => {
    await expect(searchRuns({ experimentNames: ['nope'] })).rejects.toThrow(ResourceNotFoundError);
  });
});
