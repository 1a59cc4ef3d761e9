import type { Label } from '../metrics/index.js';
import { MlflowTracker, taskOf, type Predictions } from './mlflow-tracker.js';
import { labelsAndScores, plainArray } from './data.js';

interface ProbabilityModel {
  predict(X: unknown): unknown;
  predictProbability(X: unknown, label: unknown): unknown;
}

/**
 * A tracker for ml.js-style estimators: `train(X, y)` (or `fit`) and `predict(X)`, with plain
 * arrays or ml-matrix matrices. Hyperparameters are the estimator's own settings read before
 * training (`nEstimators`, `maxFeatures`, `treeOptions.maxDepth`, ...). With
 * `predictProbability(X, label)` (ml-random-forest) the default metric is the log loss;
 * otherwise the zero-one loss for classifiers and the mean squared error for regressors.
 *
 * @example
 * const tracker = new MlJsTracker({ experimentName: 'iris-forests' });
 * const forest = tracker.wrapFit(new RandomForestClassifier({ nEstimators: 20 }), { XTest, yTest, metrics: ['accuracy', 'f1'], logModel: true });
 * await forest.train(XTrain, yTrain);
 */
export class MlJsTracker extends MlflowTracker {
  protected override fitMethod(model: object): string {
    return typeof (model as { train?: unknown }).train === 'function' ? 'train' : super.fitMethod(model);
  }

  protected override async predict(model: object, X: unknown, fitArgs: readonly unknown[]): Promise<Predictions> {
    const base = await super.predict(model, X, fitArgs);
    const candidate = model as Partial<ProbabilityModel>;
    if (base.probabilities !== undefined || typeof candidate.predictProbability !== 'function' || base.task !== 'classification') return base;
    const labels = trainingLabels(fitArgs[1]);
    const columns = labels.map((label) => plainArray(candidate.predictProbability!(X, label)) as number[]);
    const probabilities = base.yPred.map((_, row) => columns.map((column) => column[row]!));
    return { ...base, probabilities, labels, task: taskOf(model, base.yPred, true) };
  }
}

/** The classes seen in training, sorted (the probability columns' order). */
function trainingLabels(y: unknown): Label[] {
  const { labels } = labelsAndScores(y);
  return [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
