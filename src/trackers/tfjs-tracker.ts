import { InvalidParameterError } from '../errors/index.js';
import type { LoggableValue } from '../validation/index.js';
import { describe } from '../validation/index.js';
import { MlflowTracker, type MlflowTrackerOptions, type Predictions } from './mlflow-tracker.js';

interface ScalarLike {
  dataSync(): ArrayLike<number>;
  dispose(): void;
}
interface LayersModelLike {
  fit(x: unknown, y: unknown, config?: Record<string, unknown>): Promise<unknown>;
  evaluate(x: unknown, y: unknown, config?: Record<string, unknown>): ScalarLike | ScalarLike[];
  readonly metricsNames?: string[];
  readonly layers: unknown[];
  readonly loss?: unknown;
  readonly optimizer?: { getClassName?(): string; learningRate?: number };
  countParams?(): number;
}
interface CallbackClass {
  new (args: { onEpochEnd: (epoch: number, logs?: Record<string, number>) => Promise<void> }): unknown;
}

export interface TfjsTrackerOptions extends MlflowTrackerOptions {
  /**
   * The TensorFlow.js module. Needed only when fit() is given callback objects made by
   * TensorFlow.js (such as `tf.callbacks.earlyStopping()`), to add ours beside them.
   */
  readonly tf?: { CustomCallback: CallbackClass };
}

const FIT_SETTINGS = ['epochs', 'batchSize', 'validationSplit', 'shuffle', 'initialEpoch', 'stepsPerEpoch'] as const;

/**
 * A tracker for TensorFlow.js layers models: each `await model.fit(x, y, config)` is a run;
 * the fit settings (epochs, batchSize, ...), the optimizer, its learning rate, the loss and the
 * parameter count are params; every epoch's logs (`loss`, `acc`, `val_loss`, ...) are logged
 * with the epoch as their step by a training callback; afterwards the compiled loss and metrics
 * are evaluated on test or validation data (or the metrics asked for are computed).
 *
 * @example
 * const tracker = new TfjsTracker({ experimentName: 'iris-nets' });
 * tracker.wrapFit(net, { XTest, yTest, logModel: true });
 * await net.fit(xs, ys, { epochs: 20, validationSplit: 0.2 });
 */
export class TfjsTracker extends MlflowTracker {
  readonly #tf: TfjsTrackerOptions['tf'];

  constructor(options: TfjsTrackerOptions = {}) {
    super(options);
    this.#tf = options.tf;
  }

  protected override fitMethod(model: object): string {
    if (!Array.isArray((model as LayersModelLike).layers)) throw new InvalidParameterError('TfjsTracker wraps TensorFlow.js layers models (tf.sequential(), tf.model()).');
    return 'fit';
  }

  protected override hyperparameters(model: object, args: readonly unknown[]): Record<string, LoggableValue> {
    const net = model as LayersModelLike;
    const config = (args[2] ?? {}) as Record<string, unknown>;
    const params: Record<string, LoggableValue> = { epochs: 1, batchSize: 32 };
    for (const key of FIT_SETTINGS) if (['number', 'boolean', 'string'].includes(typeof config[key])) params[key] = config[key] as LoggableValue;
    const optimizer = net.optimizer;
    if (optimizer?.getClassName !== undefined) params.optimizer = optimizer.getClassName();
    if (typeof optimizer?.learningRate === 'number') params.learningRate = optimizer.learningRate;
    if (typeof net.loss === 'string') params.loss = net.loss;
    params.layers = net.layers.length;
    if (typeof net.countParams === 'function') params.trainableParams = net.countParams();
    return params;
  }

  protected override prepareArgs(args: readonly unknown[], runId: string): unknown[] {
    const [x, y, config = {}] = args as [unknown, unknown, Record<string, unknown> | undefined];
    const onEpochEnd = async (epoch: number, logs: Record<string, number> = {}) => {
      const metrics = Object.entries(logs).filter(([, value]) => typeof value === 'number').map(([key, value]) => ({ key, value, step: epoch }));
      if (metrics.length > 0) await this.client.logBatch(runId, { metrics });
    };
    return [x, y, { ...config, callbacks: this.withCallback(config.callbacks, onEpochEnd) }];
  }

  private withCallback(given: unknown, onEpochEnd: (epoch: number, logs?: Record<string, number>) => Promise<void>): unknown[] {
    const list = given === undefined || given === null ? [] : Array.isArray(given) ? [...given] : [given];
    const madeByTf = list.filter((c) => typeof (c as { setModel?: unknown }).setModel === 'function');
    if (madeByTf.length === 0) return [...list, { onEpochEnd }];
    if (this.#tf === undefined) {
      throw new InvalidParameterError('fit() was given TensorFlow.js callback objects; pass the module as new TfjsTracker({ tf }) so the epoch logger can join them.');
    }
    const wrap = (c: unknown) => (madeByTf.includes(c) ? c : new this.#tf!.CustomCallback(c as never));
    return [...list.map(wrap), new this.#tf.CustomCallback({ onEpochEnd })];
  }

  protected override async predict(model: object, X: unknown, fitArgs: readonly unknown[]): Promise<Predictions> {
    return super.predict(model, requireTensor(X), fitArgs);
  }

  protected override async defaultMetrics(model: object, X: unknown, y: unknown): Promise<Record<string, number>> {
    requireTensor(X);
    requireTensor(y);
    const net = model as LayersModelLike;
    const result = net.evaluate(X, y);
    const scalars = Array.isArray(result) ? result : [result];
    const names = net.metricsNames ?? ['loss'];
    const values = Object.fromEntries(scalars.map((scalar, i) => [names[i] ?? `metric_${i}`, scalar.dataSync()[0]!]));
    for (const scalar of scalars) scalar.dispose();
    return values;
  }
}

/** TensorFlow.js evaluates and predicts on tensors only; say so before it fails obscurely. */
function requireTensor(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { shape?: unknown }).shape)) {
    throw new InvalidParameterError(`TfjsTracker needs XTest/yTest and XVal/yVal as tensors (tf.tensor2d(...)); got ${describe(value)}.`);
  }
  return value;
}
