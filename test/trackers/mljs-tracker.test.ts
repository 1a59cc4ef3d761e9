import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Matrix } from 'ml-matrix';
import LogisticRegression from 'ml-logistic-regression';
import { RandomForestClassifier } from 'ml-random-forest';
import { describe, expect, it } from 'vitest';
import { MlflowClient, MlJsTracker, loadModelWith } from '../../src/index.js';
import { walkFiles } from '../../src/backends/file/fs-io.js';
import { freshStorePath } from '../helpers/tmp.js';
import { irisSplit } from './iris.js';

const { XTrain, yTrain, XTest, yTest } = irisSplit();

describe('a grid of random forests tracked by MlJsTracker', () => {
  it('makes one run per fit, finds the best by searchRuns, and serves it as models:/iris@champion', async () => {
    const root = await freshStorePath();
    const tracker = new MlJsTracker({ trackingUri: root, experimentName: 'iris-forests', extraTags: { team: 'vision' } });
    const fitted = new Map<string, RandomForestClassifier>();
    for (const nEstimators of [2, 10]) {
      for (const maxFeatures of [1, 4]) {
        const forest = tracker.wrapFit(new RandomForestClassifier({ nEstimators, maxFeatures, seed: 3, noOOB: true }), {
          XTest, yTest, metrics: ['accuracy', 'f1'], logModel: true, tags: { grid: 'v1' },
        });
        await forest.train(XTrain, yTrain);
        fitted.set(tracker.lastRunId!, forest);
      }
    }
    const client = new MlflowClient(root);
    const experiment = (await client.getExperimentByName('iris-forests'))!;
    const { runs } = await client.searchRuns([experiment.experimentId], "tags.grid = 'v1'", { orderBy: ['metrics.test_accuracy DESC', 'params.nEstimators'] });
    expect(runs).toHaveLength(4);
    expect(runs.every((r) => r.info.status === 'FINISHED' && r.data.tags.team === 'vision')).toBe(true);
    const best = runs[0]!;
    expect(best.data.metrics.test_accuracy).toBeGreaterThan(0.9);
    expect(Object.keys(best.data.params)).toEqual(expect.arrayContaining(['nEstimators', 'maxFeatures', 'seed', 'replacement']));

    const registry = client.registry;
    const version = await (await import('../../src/index.js')).registerModelWith(client, `runs:/${best.info.runId}/model`, 'iris');
    await registry.transitionModelVersionStage('iris', version.version, 'Production', true);
    await registry.setRegisteredModelAlias('iris', 'champion', version.version);
    const champion = (await loadModelWith(client, 'models:/iris@champion', { modelClass: RandomForestClassifier })) as RandomForestClassifier;
    expect(champion.predict(XTest)).toEqual(fitted.get(best.info.runId)!.predict(XTest));
  }, 60_000);
});

describe('what one tracked fit records', () => {
  it('logs the default loss (log loss from predictProbability) on the test data', async () => {
    const root = await freshStorePath();
    const tracker = new MlJsTracker({ trackingUri: root, runName: 'forest' });
    const forest = tracker.wrapFit(new RandomForestClassifier({ nEstimators: 5, seed: 1, noOOB: true }), { XTest, yTest });
    await forest.train(XTrain, yTrain);
    const run = await new MlflowClient(root).getRun(tracker.lastRunId!);
    expect(run.info.runName).toBe('forest');
    expect(Object.keys(run.data.metrics)).toEqual(['test_log_loss']);
    expect(run.data.metrics.test_log_loss).toBeGreaterThan(0);
  });

  it('tracks ml-logistic-regression trained on matrices, with its settings as params', async () => {
    const root = await freshStorePath();
    const tracker = new MlJsTracker({ trackingUri: root });
    const model = tracker.wrapFit(new LogisticRegression({ numSteps: 200, learningRate: 5e-3 }), {
      XTest: new Matrix(XTest), yTest: Matrix.columnVector(yTest), metrics: ['accuracy'],
    });
    await model.train(new Matrix(XTrain), Matrix.columnVector(yTrain));
    const run = await new MlflowClient(root).getRun(tracker.lastRunId!);
    expect(run.data.params).toMatchObject({ numSteps: '200', learningRate: '0.005' });
    expect(run.data.metrics.test_accuracy).toBeGreaterThan(0.5);
  });

  it('ends the run FAILED and rethrows when training throws', async () => {
    const root = await freshStorePath();
    const tracker = new MlJsTracker({ trackingUri: root });
    const forest = tracker.wrapFit(new RandomForestClassifier({ nEstimators: 2 }));
    await expect(forest.train([], [])).rejects.toThrow();
    expect((await new MlflowClient(root).getRun(tracker.lastRunId!)).info.status).toBe('FAILED');
  });

  it('never writes the tracking username or password into a local store', async () => {
    const root = await freshStorePath();
    const tracker = new MlJsTracker({ trackingUri: root, trackingUsername: 'alice-user-7f3a', trackingPassword: 'hunter2-7f3a' });
    const forest = tracker.wrapFit(new RandomForestClassifier({ nEstimators: 3, seed: 2, noOOB: true }), { XTest, yTest, logModel: true });
    await forest.train(XTrain, yTrain);
    expect(tracker.hasCredentials).toBe(true);
    expect(JSON.stringify(tracker)).not.toContain('7f3a');
    for (const file of await walkFiles(root)) {
      expect(await readFile(join(root, file), 'utf8'), file).not.toMatch(/7f3a/);
    }
  });

  it('wraps a model once however often wrapFit is called, with the latest options', async () => {
    const root = await freshStorePath();
    const tracker = new MlJsTracker({ trackingUri: root });
    const forest = new RandomForestClassifier({ nEstimators: 3, seed: 2, noOOB: true });
    tracker.wrapFit(forest, { tags: { pass: '1' } });
    tracker.wrapFit(forest, { tags: { pass: '2' } });
    await forest.train(XTrain, yTrain);
    const { runs } = await new MlflowClient(root).searchRuns(['0']);
    expect(runs.map((r) => r.data.tags.pass)).toEqual(['2']);
  });
});
