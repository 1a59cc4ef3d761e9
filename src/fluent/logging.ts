import { InvalidParameterError } from '../errors/index.js';
import { toDatasetInput, type DatasetSpec } from '../validation/datasets.js';
import { LIMITS, describe, limitLength, paramValueText, validateKey, validateMetricValue, valueToText, type LoggableValue } from '../validation/index.js';
import { combineErrors } from './run-writer.js';
import { requireActiveRun, state } from './state.js';

/**
 * Logging calls of the fluent API. Each checks its arguments at once (a bad key or value
 * throws right here), queues the write on the active run and returns without waiting: call
 * them in a training loop without `await`. The writes reach disk in order, coalesced into
 * logBatch calls; `await flush()` or `await endRun()` waits for them and throws a write that
 * failed (for example a param logged again with another value).
 */

/** When a metric point was taken; `timestamp` defaults to now, `step` to 0. */
export interface MetricOptions {
  readonly step?: number;
  readonly timestamp?: number;
}

function checkRecord(value: unknown, call: string): asserts value is Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidParameterError(`${call} takes a record of key → value; got ${describe(value)}.`);
  }
}

/** @example logParam('learning_rate', 0.01); */
export function logParam(key: string, value: LoggableValue): void {
  const { writer } = requireActiveRun('logParam');
  validateKey(key, 'param');
  writer.push({ kind: 'param', param: { key, value: paramValueText(value) } });
}

/** @example logParams({ learning_rate: 0.01, optimizer: 'adam' }); */
export function logParams(params: Readonly<Record<string, LoggableValue>>): void {
  checkRecord(params, 'logParams');
  for (const [key, value] of Object.entries(params)) logParam(key, value);
}

/**
 * Queues one metric point; the timestamp is taken now, when the call is made.
 * @example for (let step = 0; step < 100; step++) logMetric('loss', lossAt(step), { step });
 */
export function logMetric(key: string, value: number, options: MetricOptions = {}): void {
  const { writer } = requireActiveRun('logMetric');
  validateKey(key, 'metric');
  const timestamp = options.timestamp ?? Date.now();
  const step = options.step ?? 0;
  validateMetricValue(key, value, timestamp, step);
  writer.push({ kind: 'metric', metric: { key, value, timestamp, step } });
}

/** @example logMetrics({ loss: 0.25, accuracy: 0.91 }, { step: 10 }); */
export function logMetrics(metrics: Readonly<Record<string, number>>, options: MetricOptions = {}): void {
  checkRecord(metrics, 'logMetrics');
  const timestamp = options.timestamp ?? Date.now();
  for (const [key, value] of Object.entries(metrics)) logMetric(key, value, { ...options, timestamp });
}

/** Sets a tag on the active run; `mlflow.runName` renames it. @example setTag('stage', 'tuning'); */
export function setTag(key: string, value: LoggableValue): void {
  const { writer } = requireActiveRun('setTag');
  validateKey(key, 'tag');
  writer.push({ kind: 'tag', tag: { key, value: limitLength(valueToText(value, 'tag value'), LIMITS.tagValue, 'Tag value') } });
}

/** @example setTags({ team: 'vision', release: 'candidate' }); */
export function setTags(tags: Readonly<Record<string, LoggableValue>>): void {
  checkRecord(tags, 'setTags');
  for (const [key, value] of Object.entries(tags)) setTag(key, value);
}

/** Deletes a tag of the active run (after the writes queued before). @example deleteTag('stage'); */
export function deleteTag(key: string): void {
  const { writer } = requireActiveRun('deleteTag');
  validateKey(key, 'tag');
  writer.push({ kind: 'task', run: (client, runId) => client.deleteTag(runId, key) });
}

/**
 * Records a dataset the active run used (spec 2.4, 2.5); `context` becomes the input tag
 * `mlflow.data.context`, as in `mlflow.log_input(dataset, context=...)`.
 *
 * @example logInput({ name: 'iris', digest: '3a5b1c2d', sourceType: 'local', source: { uri: 'data/iris.csv' } }, { context: 'train' });
 */
export function logInput(dataset: DatasetSpec, options: { readonly context?: string; readonly tags?: Readonly<Record<string, string>> } = {}): void {
  const { writer } = requireActiveRun('logInput');
  const tags = { ...options.tags, ...(options.context === undefined ? {} : { 'mlflow.data.context': options.context }) };
  const input = toDatasetInput({ dataset, tags });
  writer.push({ kind: 'task', run: (client, runId) => client.logInputs(runId, [input]) });
}

/**
 * Waits until every queued write of every run is on disk, then throws what failed since the
 * last flush: the failed write's MlflowError, or one naming how many failed, with all of them
 * in its `cause`.
 *
 * @example
 * logMetric('loss', 0.1);
 * await flush(); // the point is in mlruns/<exp>/<run>/metrics/loss now
 */
export async function flush(): Promise<void> {
  const failures: unknown[] = [];
  for (const writer of [...state.writers]) await writer.flush().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw combineErrors(failures, 'flushes');
}
