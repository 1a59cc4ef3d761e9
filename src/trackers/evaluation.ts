import { InvalidParameterError } from '../errors/index.js';
import { METRICS, type MetricFunction, type MetricName } from '../metrics/index.js';
import { labelsAndScores } from './data.js';
import type { Predictions } from './mlflow-tracker.js';

/** Computes the asked-for metrics of predictions against the true values `y`. */
export function evaluationMetrics(
  metrics: readonly MetricName[] | Readonly<Record<string, MetricFunction>>,
  predictions: Predictions,
  y: unknown,
): Record<string, number> {
  const functions: [string, MetricFunction][] = Array.isArray(metrics)
    ? (metrics as readonly string[]).map((name) => {
        if (!Object.hasOwn(METRICS, name)) {
          throw new InvalidParameterError(`Unknown metric '${name}'. Use one of ${Object.keys(METRICS).join(', ')}, or pass { name: (inputs) => number }.`);
        }
        return [name, METRICS[name as MetricName] as MetricFunction];
      })
    : Object.entries(metrics as Readonly<Record<string, MetricFunction>>);
  const yTrue = labelsAndScores(y).labels;
  const inputs = { ...predictions, yTrue };
  return Object.fromEntries(functions.map(([name, fn]) => [name, fn(inputs)]));
}
