/**
 * The metric functions trackers compute after a fit, by name. A tracker calls a metric with the
 * true values, the predicted labels or values, and (for `log_loss`) the class probabilities.
 */
import { accuracy, f1, logLoss, precision, recall, zeroOneLoss, type Label } from './classification.js';
import { mae, mse, r2, rmse } from './regression.js';

export { accuracy, precision, recall, f1, logLoss, zeroOneLoss } from './classification.js';
export type { Label, Average, AverageOptions } from './classification.js';
export { mse, rmse, mae, r2 } from './regression.js';

/** What a metric sees: true values, predictions, and class probabilities when the model gives them. */
export interface MetricInputs {
  readonly yTrue: readonly Label[];
  readonly yPred: readonly Label[];
  readonly probabilities?: readonly (readonly number[])[];
  /** The classes in probability-column order, when known. */
  readonly labels?: readonly Label[];
}

export type MetricFunction = (inputs: MetricInputs) => number;

const numbers = (values: readonly Label[]) => values.map(Number);

/**
 * The shipped metrics by the names trackers log them under.
 * @example METRICS.accuracy({ yTrue: [0, 1], yPred: [0, 0] }) // 0.5
 */
export const METRICS = {
  accuracy: ({ yTrue, yPred }) => accuracy(yTrue, yPred),
  precision: ({ yTrue, yPred }) => precision(yTrue, yPred),
  recall: ({ yTrue, yPred }) => recall(yTrue, yPred),
  f1: ({ yTrue, yPred }) => f1(yTrue, yPred),
  zero_one_loss: ({ yTrue, yPred }) => zeroOneLoss(yTrue, yPred),
  log_loss: ({ yTrue, probabilities, labels }) => {
    if (probabilities === undefined) throw new TypeError('log_loss needs class probabilities, and this model does not give them');
    return logLoss(yTrue, probabilities, labels === undefined ? {} : { labels });
  },
  mse: ({ yTrue, yPred }) => mse(numbers(yTrue), numbers(yPred)),
  rmse: ({ yTrue, yPred }) => rmse(numbers(yTrue), numbers(yPred)),
  mae: ({ yTrue, yPred }) => mae(numbers(yTrue), numbers(yPred)),
  r2: ({ yTrue, yPred }) => r2(numbers(yTrue), numbers(yPred)),
} as const satisfies Readonly<Record<string, MetricFunction>>;

export type MetricName = keyof typeof METRICS;
