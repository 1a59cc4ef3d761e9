/**
 * The demo: trains logistic regression over a sweep of learning rates and tracks it into
 * ./mlruns (or $MLFLOW_TRACKING_URI): one parent run, a nested child run per learning rate
 * with its params, the loss at every epoch, the final accuracies and tags. Then it prints
 * the best child runs, found with an MLflow filter and order_by.
 *
 * Open the result with `mlflow ui --backend-store-uri ./mlruns` (with MLFLOW_ALLOW_FILE_STORE=true
 * on MLflow 3.13+), or read it back with this library.
 */
import { MlflowClient } from 'mlruns';
import { LogisticRegression, makeBlobs, trainTestSplit } from './logistic-regression.js';

const LEARNING_RATES = [0.003, 0.01, 0.03, 0.1, 0.3, 1.0];
const EPOCHS = 60;
const SAMPLES = 600;
const DIMENSIONS = 8;
const SEED = 42;

async function main(): Promise<void> {
  const client = new MlflowClient();
  const experimentName = 'logistic-regression-sweep';
  const experimentId =
    (await client.getExperimentByName(experimentName))?.experimentId ??
    (await client.createExperiment(experimentName, { tags: { 'mlflow.note.content': 'Learning-rate sweep from the mlruns demo.' } }));

  const data = makeBlobs(SAMPLES, DIMENSIONS, 1.2, SEED);
  const { train, test } = trainTestSplit(data, 0.25, SEED + 1);

  const parent = await client.createRun(experimentId, { runName: `sweep-${new Date().toISOString().slice(0, 19)}`, tags: { kind: 'sweep' } });
  const parentId = parent.info.runId;
  await client.logBatch(parentId, { params: { epochs: EPOCHS, samples: SAMPLES, dimensions: DIMENSIONS, seed: SEED, learning_rates: LEARNING_RATES.join(',') } });

  let bestAccuracy = -Infinity;
  for (const learningRate of LEARNING_RATES) {
    const child = await client.createRun(experimentId, {
      runName: `lr-${learningRate}`,
      tags: { 'mlflow.parentRunId': parentId, kind: 'trial', model: 'logistic-regression' },
    });
    const runId = child.info.runId;
    try {
      await client.logBatch(runId, { params: { learning_rate: learningRate, epochs: EPOCHS, l2: 0.001, optimizer: 'gradient-descent' } });
      const model = new LogisticRegression(DIMENSIONS, learningRate, 0.001);
      const points = [];
      for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
        model.step(train);
        const timestamp = Date.now();
        points.push({ key: 'train_loss', value: model.loss(train), step: epoch, timestamp });
        points.push({ key: 'test_loss', value: model.loss(test), step: epoch, timestamp });
      }
      await client.logBatch(runId, { metrics: points });
      const trainAccuracy = model.accuracy(train);
      const testAccuracy = model.accuracy(test);
      bestAccuracy = Math.max(bestAccuracy, testAccuracy);
      await client.logBatch(runId, {
        metrics: [
          { key: 'train_accuracy', value: trainAccuracy, step: EPOCHS },
          { key: 'test_accuracy', value: testAccuracy, step: EPOCHS },
        ],
        tags: { converged: String(model.loss(train) < 0.5) },
      });
      await client.setTerminated(runId, 'FINISHED');
    } catch (error) {
      await client.setTerminated(runId, 'FAILED');
      throw error;
    }
  }
  await client.logMetric(parentId, 'best_test_accuracy', bestAccuracy);
  await client.setTerminated(parentId, 'FINISHED');

  const { runs } = await client.searchRuns([experimentId], `tags.mlflow.parentRunId = '${parentId}' AND metrics.test_accuracy > 0.5`, {
    orderBy: ['metrics.test_accuracy DESC', 'metrics.test_loss ASC'],
    maxResults: 3,
  });
  console.log(`Tracked ${LEARNING_RATES.length} child runs under parent run ${parentId} in ${client.root}`);
  console.log('Best child runs (by test accuracy, then test loss):');
  for (const run of runs) {
    const { params, metrics } = run.data;
    console.log(
      `  ${run.info.runName.padEnd(10)} lr=${String(params.learning_rate).padEnd(6)} ` +
        `test_accuracy=${metrics.test_accuracy?.toFixed(4)} test_loss=${metrics.test_loss?.toFixed(4)} run_id=${run.info.runId}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
