import type { MetricFunction, MetricName } from '../metrics/index.js';
import type { ModelFlavor } from '../models/flavor.js';
import type { TagsInput } from '../client/mlflow-client.js';
import type { LoggableValue } from '../validation/index.js';

/** Per-model choices of a tracked fit. */
export interface WrapFitOptions {
  /** Held-out data the metrics are computed on after each fit (logged as `test_<metric>`). */
  readonly XTest?: unknown;
  readonly yTest?: unknown;
  /** Validation data the metrics are computed on after each fit (logged as `val_<metric>`). */
  readonly XVal?: unknown;
  readonly yVal?: unknown;
  /** Shipped metrics by name, or your own functions by the name to log them under. Default: a loss. */
  readonly metrics?: readonly MetricName[] | Readonly<Record<string, MetricFunction>>;
  /** Log the fitted model (artifact path `model`) after each fit. */
  readonly logModel?: boolean;
  /** Register each logged model as a new version of this registered model. */
  readonly registeredModelName?: string;
  /** Flavor to log the model with; by default the framework's own. */
  readonly flavor?: ModelFlavor;
  /** Tags for every run of this model (added to the tracker's extraTags). */
  readonly tags?: TagsInput;
  /** Params to log besides the hyperparameters read from the model. */
  readonly params?: Readonly<Record<string, LoggableValue>>;
  /** Run name for this model's runs (default: the tracker's runName, else a random name). */
  readonly runName?: string;
}

/**
 * The tracking design mlruns started from: `wrapFit(model)` gives back the same model whose
 * fitting method now records each call as a run, so training code stays as it was
 * (`await model.fit(X, y)`). Subclasses decide where runs go and what a fit records.
 *
 * @example
 * class ConsoleTracker extends ModelTracker {
 *   wrapFit<M extends object>(model: M): M { console.log('tracking', model); return model; }
 * }
 */
export abstract class ModelTracker {
  /** Makes the model's fitting method record each call; returns the same model. */
  abstract wrapFit<M extends object>(model: M, options?: WrapFitOptions): M;
}
