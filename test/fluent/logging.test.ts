import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  InvalidParameterError,
  InvalidStateError,
  MlflowError,
  deleteTag,
  endRun,
  flush,
  logInput,
  logMetric,
  logMetrics,
  logParam,
  logParams,
  setTag,
  setTags,
  startRun,
} from '../../src/index.js';
import { formatPythonFloat } from '../../src/format/python-float.js';
import { useFluentStore } from '../helpers/fluent.js';

const store = useFluentStore();

describe('logging without await', () => {
  it('writes params, metrics and tags that are on disk after flush', async () => {
    const run = await startRun();
    logParam('lr', 0.01);
    logParams({ optimizer: 'adam', layers: 3 });
    logMetric('loss', 0.5, { step: 1, timestamp: 1000 });
    logMetrics({ acc: 0.9, f1: 0.8 }, { step: 2 });
    setTag('stage', 'dev');
    setTags({ team: 'vision' });
    await flush();
    const stored = await store.client().getRun(run.info.runId);
    expect(stored.data.params).toEqual({ lr: '0.01', optimizer: 'adam', layers: '3' });
    expect(stored.data.metrics).toEqual({ loss: 0.5, acc: 0.9, f1: 0.8 });
    expect(stored.data.latestMetrics.loss).toEqual({ key: 'loss', value: 0.5, timestamp: 1000, step: 1 });
    expect(stored.data.tags).toMatchObject({ stage: 'dev', team: 'vision' });
  });

  it('gives logMetrics one timestamp for all its metrics', async () => {
    const run = await startRun();
    logMetrics({ a: 1, b: 2 });
    await flush();
    const { latestMetrics } = (await store.client().getRun(run.info.runId)).data;
    expect(latestMetrics.a?.timestamp).toBe(latestMetrics.b?.timestamp);
  });

  it('takes the timestamp when the call is made, not when the point is written', async () => {
    const run = await startRun();
    const before = Date.now();
    logMetric('t', 1);
    const after = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await flush();
    const [point] = await store.client().getMetricHistory(run.info.runId, 't');
    expect(point?.timestamp).toBeGreaterThanOrEqual(before);
    expect(point?.timestamp).toBeLessThanOrEqual(after);
  });

  it('deletes a tag after the writes queued before it', async () => {
    const run = await startRun();
    setTag('temp', 'x');
    deleteTag('temp');
    await flush();
    expect((await store.client().getRun(run.info.runId)).data.tags.temp).toBeUndefined();
  });

  it('renames the run through the mlflow.runName tag', async () => {
    const run = await startRun({ runName: 'before' });
    setTag('mlflow.runName', 'after');
    await endRun();
    expect((await store.client().getRun(run.info.runId)).info.runName).toBe('after');
  });

  it('writes 100,000 un-awaited metric points, every one in order, by endRun', async () => {
    const run = await startRun();
    const started = performance.now();
    for (let step = 0; step < 100_000; step += 1) logMetric('loss', 1 / (step + 1), { step, timestamp: 1_700_000_000_000 + step });
    const queued = performance.now();
    await endRun();
    const ended = performance.now();
    const text = await readFile(join(store.root(), '0', run.info.runId, 'metrics', 'loss'), 'utf8');
    const expected = Array.from({ length: 100_000 }, (_, step) => `${1_700_000_000_000 + step} ${formatPythonFloat(1 / (step + 1))} ${step}\n`).join('');
    expect(text === expected).toBe(true);
    console.info(`100,000 logMetric calls: queued in ${(queued - started).toFixed(0)} ms, on disk after endRun in ${(ended - queued).toFixed(0)} ms`);
  }, 60_000);
});

describe('argument errors', () => {
  it('throws at the call for a bad key or value, before anything is queued', async () => {
    await startRun();
    expect(() => logMetric('bad/../key', 1)).toThrow(InvalidParameterError);
    expect(() => logMetric('loss', 'high' as unknown as number)).toThrow("metric values must be numbers");
    expect(() => logMetric('loss', 1, { step: 1.5 })).toThrow('the step must be an integer');
    expect(() => logParams(null as unknown as Record<string, string>)).toThrow('logParams takes a record');
  });

  it('needs an active run, and says how to start one', () => {
    expect(() => logMetric('loss', 1)).toThrow(InvalidStateError);
    expect(() => logMetric('loss', 1)).toThrow('logMetric needs an active run, and there is none. Start one first with `await startRun()`');
  });
});

describe('write errors', () => {
  it('surface at the next flush, and the writes around them still land', async () => {
    const run = await startRun();
    logParam('lr', 0.1);
    logMetric('loss', 1);
    logParam('lr', 0.2);
    logParam('epochs', 10);
    logMetric('loss', 2, { step: 1 });
    const error = await flush().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as Error).message).toContain("Changing param values is not allowed. Param with key='lr' was already logged with value='0.1'");
    const stored = await store.client().getRun(run.info.runId);
    expect(stored.data.params).toEqual({ lr: '0.1', epochs: '10' });
    expect((await store.client().getMetricHistory(run.info.runId, 'loss')).map((m) => m.value)).toEqual([1, 2]);
    await expect(flush()).resolves.toBeUndefined();
  });

  it('surface at endRun, after the run is ended', async () => {
    const run = await startRun();
    logParam('x', 1);
    logParam('x', 2);
    await expect(endRun()).rejects.toThrow("Param with key='x'");
    expect((await store.client().getRun(run.info.runId)).info.status).toBe('FINISHED');
  });

  it('are reported together when several writes failed', async () => {
    await startRun();
    logParam('x', 1);
    logParam('y', 1);
    await flush();
    logParam('x', 2);
    logParam('y', 2);
    const error = await flush().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowError);
    expect((error as MlflowError).errorCode).toBe('INVALID_PARAMETER_VALUE');
    expect((error as Error).message).toMatch(/^2 queued writes to run '\w+' failed; the first: Changing param values/);
    expect(((error as Error).cause as AggregateError).errors).toHaveLength(2);
  });

  it('logs a param logged twice with the same value once, without error', async () => {
    const run = await startRun();
    logParam('same', 'v');
    logParam('same', 'v');
    await flush();
    expect((await store.client().getRun(run.info.runId)).data.params).toEqual({ same: 'v' });
  });
});

describe('logInput', () => {
  it('records the dataset with its context as mlflow.data.context', async () => {
    const run = await startRun();
    logInput({ name: 'iris', digest: '3a5b1c2d', sourceType: 'local', source: { uri: 'data/iris.csv' } }, { context: 'train' });
    await flush();
    expect((await store.client().getRun(run.info.runId)).inputs.datasetInputs).toEqual([
      {
        dataset: { name: 'iris', digest: '3a5b1c2d', sourceType: 'local', source: '{"uri": "data/iris.csv"}', schema: null, profile: null },
        tags: [{ key: 'mlflow.data.context', value: 'train' }],
      },
    ]);
  });
});
