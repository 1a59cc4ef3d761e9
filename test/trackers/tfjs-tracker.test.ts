import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MlflowClient, TfjsTracker, loadModelWith } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';
import { irisSplit } from './iris.js';

const { XTrain, yTrain, XTest, yTest } = irisSplit();

function network(learningRate: number): tf.Sequential {
  const net = tf.sequential();
  net.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  net.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  net.compile({ optimizer: tf.train.adam(learningRate), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return net;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('TfjsTracker', () => {
  it('logs every epoch with its step, the fit settings as params, and the compiled loss on test data', async () => {
    const root = await freshStorePath();
    const tracker = new TfjsTracker({ trackingUri: root, experimentName: 'iris-nets' });
    const net = tracker.wrapFit(network(0.05), { XTest: tf.tensor2d(XTest), yTest: tf.tensor1d(yTest) });
    await net.fit(tf.tensor2d(XTrain), tf.tensor1d(yTrain), { epochs: 4, batchSize: 16, validationSplit: 0.2, shuffle: false });
    const client = new MlflowClient(root);
    const run = await client.getRun(tracker.lastRunId!);
    expect(run.data.params).toMatchObject({ epochs: '4', batchSize: '16', validationSplit: '0.2', shuffle: 'false', optimizer: 'Adam', learningRate: '0.05', loss: 'sparseCategoricalCrossentropy', layers: '2', trainableParams: '67' });
    const history = await client.getMetricHistory(run.info.runId, 'loss');
    expect(history.map((m) => m.step)).toEqual([0, 1, 2, 3]);
    expect((await client.getMetricHistory(run.info.runId, 'val_acc')).map((m) => m.step)).toEqual([0, 1, 2, 3]);
    expect(Object.keys(run.data.metrics).sort()).toEqual(['acc', 'loss', 'test_acc', 'test_loss', 'val_acc', 'val_loss']);
    expect(run.info.status).toBe('FINISHED');
  }, 60_000);

  it('computes the metrics asked for from softmax outputs, and logs the network for loading', async () => {
    const root = await freshStorePath();
    const tracker = new TfjsTracker({ trackingUri: root });
    const net = tracker.wrapFit(network(0.05), { XVal: tf.tensor2d(XTest), yVal: yTest, metrics: ['accuracy', 'log_loss'], logModel: true });
    await net.fit(tf.tensor2d(XTrain), tf.tensor1d(yTrain), { epochs: 3 });
    const client = new MlflowClient(root);
    const run = await client.getRun(tracker.lastRunId!);
    expect(Object.keys(run.data.metrics).sort()).toEqual(['acc', 'loss', 'val_accuracy', 'val_log_loss']);
    const loaded = (await loadModelWith(client, `runs:/${run.info.runId}/model`, { tf })) as tf.LayersModel;
    const input = tf.tensor2d(XTest);
    expect((loaded.predict(input) as tf.Tensor).arraySync()).toEqual((net.predict(input) as tf.Tensor).arraySync());
  }, 60_000);

  it('joins TensorFlow.js callbacks such as early stopping when given the module', async () => {
    const root = await freshStorePath();
    const tracker = new TfjsTracker({ trackingUri: root, tf });
    const net = tracker.wrapFit(network(0.05));
    await net.fit(tf.tensor2d(XTrain), tf.tensor1d(yTrain), { epochs: 3, callbacks: [tf.callbacks.earlyStopping({ monitor: 'loss', patience: 5 })] });
    const history = await new MlflowClient(root).getMetricHistory(tracker.lastRunId!, 'loss');
    expect(history).toHaveLength(3);
  }, 60_000);

  it('asks for tensors when the test data are plain arrays', async () => {
    const root = await freshStorePath();
    const tracker = new TfjsTracker({ trackingUri: root });
    const net = tracker.wrapFit(network(0.05), { XTest, yTest });
    await expect(net.fit(tf.tensor2d(XTrain), tf.tensor1d(yTrain), { epochs: 1 })).rejects.toThrow('TfjsTracker needs XTest/yTest and XVal/yVal as tensors');
  });

  it('ends the run FAILED and rethrows when fit throws', async () => {
    const root = await freshStorePath();
    const tracker = new TfjsTracker({ trackingUri: root });
    const net = tracker.wrapFit(network(0.05));
    await expect(net.fit(tf.tensor2d([[1, 2, 3]]), tf.tensor1d([0]))).rejects.toThrow();
    expect((await new MlflowClient(root).getRun(tracker.lastRunId!)).info.status).toBe('FAILED');
  });
});
