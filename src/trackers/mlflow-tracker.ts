import { MlflowClient, type TagsInput } from '../client/mlflow-client.js';
import { InvalidParameterError, InvalidStateError, ResourceAlreadyExistsError } from '../errors/index.js';
import type { MetricInputs } from '../metrics/index.js';
import { logModelToRun } from '../models/log-model.js';
import { inferSignature, type ModelSignature } from '../models/signature.js';
import { describe, type LoggableValue } from '../validation/index.js';
import { labelsAndScores, plainArray } from './data.js';
import { evaluationMetrics } from './evaluation.js';
import { ModelTracker, type WrapFitOptions } from './model-tracker.js';

export interface MlflowTrackerOptions {
  /** Name of every run (default: a random name per run, as MLflow gives). */
  readonly runName?: string;
  /** Experiment the runs go to, created when missing (default: the Default experiment). */
  readonly experimentName?: string;
  /** Tags added to every run. */
  readonly extraTags?: TagsInput;
  /** The store (default: $MLFLOW_TRACKING_URI, else ./mlruns). */
  readonly trackingUri?: string;
  /** Kept for the REST backend to come; a local store never uses or writes them. */
  readonly trackingUsername?: string;
  readonly trackingPassword?: string;
}

type Method = (...args: unknown[]) => unknown;
const ORIGINAL = Symbol('mlruns.originalFit');

/** What a framework tracker computes from a fitted model on some data. */
export interface Predictions extends Omit<MetricInputs, 'yTrue'> {
  readonly task: 'classification' | 'regression';
}

/**
 * Tracks `fit` calls as MLflow runs in a local store: one run per call, the model's
 * hyperparameters as params, metrics on held-out data after the fit, optionally the fitted
 * model; a fit that throws ends its run FAILED and the error is rethrown. Works for any model
 * with `fit` (or `train`) and `predict`; MlJsTracker and TfjsTracker add what their libraries
 * offer. The wrapped method returns a promise.
 *
 * @example
 * const tracker = new MlflowTracker({ experimentName: 'iris', extraTags: { team: 'vision' } });
 * const model = tracker.wrapFit(new MyModel({ depth: 3 }), { XTest, yTest, metrics: ['accuracy'] });
 * await model.fit(X, y); // one FINISHED run with params, test_accuracy
 */
export class MlflowTracker extends ModelTracker {
  readonly runName: string | undefined;
  readonly experimentName: string | undefined;
  readonly extraTags: TagsInput | undefined;
  readonly trackingUri: string | undefined;
  readonly #username: string | undefined;
  readonly #password: string | undefined;
  /** The client runs are written through. */
  readonly client: MlflowClient;
  #experimentId: Promise<string> | undefined;
  /** The run of the latest tracked fit (set when the run starts). */
  lastRunId: string | undefined;

  constructor(options: MlflowTrackerOptions = {}) {
    super();
    this.runName = options.runName;
    this.experimentName = options.experimentName;
    this.extraTags = options.extraTags;
    this.trackingUri = options.trackingUri;
    this.#username = options.trackingUsername;
    this.#password = options.trackingPassword;
    this.client = options.trackingUri === undefined ? new MlflowClient() : new MlflowClient(options.trackingUri);
  }

  /** True when a username and password were given (they only matter for a REST store). @example new MlflowTracker({ trackingUsername: 'a', trackingPassword: 'b' }).hasCredentials // true */
  get hasCredentials(): boolean {
    return this.#username !== undefined && this.#password !== undefined;
  }

  /** @example tracker.wrapFit(model, { XTest, yTest, metrics: ['accuracy', 'f1'], logModel: true }); */
  wrapFit<M extends object>(model: M, options: WrapFitOptions = {}): M {
    if (typeof model !== 'object' || model === null) throw new InvalidParameterError(`wrapFit takes a model object; got ${describe(model)}.`);
    const name = this.fitMethod(model);
    const current = (model as Record<string, Method>)[name]!;
    const original = ((current as Method & { [ORIGINAL]?: Method })[ORIGINAL] ?? current) as Method;
    const wrapper = (...args: unknown[]) => this.trackFit(model, original, args, options);
    Object.defineProperty(wrapper, ORIGINAL, { value: original });
    Object.defineProperty(model, name, { value: wrapper, writable: true, configurable: true, enumerable: false });
    return model;
  }

  /** The name of the method that fits the model. */
  protected fitMethod(model: object): string {
    const candidate = model as Record<string, unknown>;
    if (typeof candidate.fit === 'function') return 'fit';
    if (typeof candidate.train === 'function') return 'train';
    throw new InvalidParameterError(`wrapFit needs a model with a fit() or train() method; got ${describe(model)}.`);
  }

  /** Hyperparameters: the model's own numbers, strings and booleans, one level of nested objects as `a.b`. */
  protected hyperparameters(model: object, _args: readonly unknown[]): Record<string, LoggableValue> {
    const params: Record<string, LoggableValue> = {};
    const add = (prefix: string, record: object, depth: number) => {
      for (const [key, value] of Object.entries(record)) {
        if (['number', 'string', 'boolean'].includes(typeof value)) params[`${prefix}${key}`] = value as LoggableValue;
        else if (depth === 0 && value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) add(`${prefix}${key}.`, value, 1);
      }
    };
    add('', model, 0);
    return params;
  }

  /** The arguments the original fit is called with (TfjsTracker adds its epoch callback here). */
  protected prepareArgs(args: readonly unknown[], _runId: string): unknown[] {
    return [...args];
  }

  /** Predictions of the fitted model on X; by default `model.predict(X)`. */
  protected async predict(model: object, X: unknown, _fitArgs: readonly unknown[]): Promise<Predictions> {
    const predict = (model as { predict?: (x: unknown) => unknown }).predict;
    if (typeof predict !== 'function') throw new InvalidParameterError(`Computing metrics needs a predict() method on the model; got ${describe(model)}.`);
    const output = await predict.call(model, X);
    const { labels, probabilities } = labelsAndScores(output);
    (output as { dispose?: () => void } | null)?.dispose?.();
    return { yPred: labels, task: taskOf(model, labels, probabilities !== undefined), ...(probabilities === undefined ? {} : { probabilities }) };
  }

  /** Metrics when none are asked for: a loss. TfjsTracker uses the model's compiled loss. */
  protected async defaultMetrics(model: object, X: unknown, y: unknown, fitArgs: readonly unknown[]): Promise<Record<string, number>> {
    const predictions = await this.predict(model, X, fitArgs);
    const name = predictions.task === 'regression' ? 'mse' : predictions.probabilities !== undefined ? 'log_loss' : 'zero_one_loss';
    return evaluationMetrics([name], predictions, y);
  }

  /** The signature logged with the model: its inputs, from the fit's first argument. */
  protected signature(_model: object, args: readonly unknown[]): ModelSignature | undefined {
    const X = args[0];
    try {
      return inferSignature(typeof (X as { to2DArray?: unknown } | null)?.to2DArray === 'function' ? plainArray(X) : X);
    } catch {
      return undefined;
    }
  }

  private experimentId(): Promise<string> {
    this.#experimentId ??= this.resolveExperiment().catch((error: unknown) => {
      this.#experimentId = undefined;
      throw error;
    });
    return this.#experimentId;
  }

  private async resolveExperiment(): Promise<string> {
    const name = this.experimentName;
    if (name === undefined) return '0';
    const found = await this.client.getExperimentByName(name);
    if (found?.lifecycleStage === 'deleted') throw new InvalidStateError(`Cannot track runs into the deleted experiment '${name}'. Restore it first, or pick another name.`);
    if (found !== null) return found.experimentId;
    try {
      return await this.client.createExperiment(name);
    } catch (error) {
      if (!(error instanceof ResourceAlreadyExistsError)) throw error;
      return (await this.client.getExperimentByName(name))!.experimentId;
    }
  }

  private async trackFit(model: object, original: Method, args: unknown[], options: WrapFitOptions): Promise<unknown> {
    const tags = [...tagPairs(this.extraTags), ...tagPairs(options.tags)];
    const run = await this.client.createRun(await this.experimentId(), { runName: options.runName ?? this.runName, tags });
    const runId = run.info.runId;
    this.lastRunId = runId;
    try {
      const params = Object.entries({ ...this.hyperparameters(model, args), ...options.params });
      for (let i = 0; i < params.length; i += 100) await this.client.logBatch(runId, { params: Object.fromEntries(params.slice(i, i + 100)) });
      const result = await original.apply(model, this.prepareArgs(args, runId));
      await this.logEvaluation(model, runId, args, options);
      if (options.logModel === true) {
        const signature = this.signature(model, args);
        await logModelToRun(this.client, runId, model, 'model', {
          ...(options.flavor === undefined ? {} : { flavor: options.flavor }),
          ...(signature === undefined ? {} : { signature }),
          ...(options.registeredModelName === undefined ? {} : { registeredModelName: options.registeredModelName }),
        });
      }
      await this.client.setTerminated(runId, 'FINISHED');
      return result;
    } catch (error) {
      await this.client.setTerminated(runId, 'FAILED').catch(() => undefined);
      throw error;
    }
  }

  private async logEvaluation(model: object, runId: string, fitArgs: readonly unknown[], options: WrapFitOptions): Promise<void> {
    const sets: [string, unknown, unknown][] = [];
    if (options.XTest !== undefined && options.yTest !== undefined) sets.push(['test', options.XTest, options.yTest]);
    if (options.XVal !== undefined && options.yVal !== undefined) sets.push(['val', options.XVal, options.yVal]);
    const metrics: { key: string; value: number }[] = [];
    for (const [prefix, X, y] of sets) {
      const values = options.metrics === undefined
        ? await this.defaultMetrics(model, X, y, fitArgs)
        : evaluationMetrics(options.metrics, await this.predict(model, X, fitArgs), y);
      for (const [name, value] of Object.entries(values)) metrics.push({ key: `${prefix}_${name}`, value });
    }
    if (metrics.length > 0) await this.client.logBatch(runId, { metrics });
  }
}

/** The model's own `isClassifier` flag (ml.js), else classification for class scores or whole-number or text labels. */
export function taskOf(model: object, labels: readonly unknown[], scores: boolean): Predictions['task'] {
  const flag = (model as { isClassifier?: unknown }).isClassifier;
  if (typeof flag === 'boolean') return flag ? 'classification' : 'regression';
  return scores || labels.every((l) => typeof l !== 'number' || Number.isInteger(l)) ? 'classification' : 'regression';
}

function tagPairs(tags: TagsInput | undefined): { key: string; value: LoggableValue }[] {
  if (tags === undefined || tags === null) return [];
  if (Array.isArray(tags)) return [...(tags as { key: string; value: LoggableValue }[])];
  return Object.entries(tags as Readonly<Record<string, LoggableValue>>).map(([key, value]) => ({ key, value }));
}
