import type { Metric } from '../entities/index.js';
import { formatPythonFloat, parsePythonFloat, parsePythonInt } from './python-float.js';

/**
 * One line of a `metrics/<key>` file: `timestamp value step`, or with MLflow 3's dataset
 * fields `timestamp value step dataset_name dataset_digest`, always ending in `\n`.
 */
export function renderMetricLine(metric: Metric): string {
  const head = `${metric.timestamp} ${formatPythonFloat(metric.value)} ${metric.step}`;
  if (metric.datasetName !== undefined && metric.datasetDigest !== undefined) {
    return `${head} ${metric.datasetName} ${metric.datasetDigest}\n`;
  }
  return `${head}\n`;
}

/** Why a metric line could not be read; the caller adds the file's path. */
export class MetricLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricLineError';
  }
}

/**
 * Parses one line as MLflow reads it: surrounding whitespace (so CRLF) is stripped, fields are
 * split on single spaces, and 2 (legacy, step 0), 3 or 5 fields are accepted.
 */
export function parseMetricLine(line: string, key: string, experimentId: string): Metric {
  const fields = pythonStrip(line).split(' ');
  if (fields.length !== 2 && fields.length !== 3 && fields.length !== 5) {
    throw new MetricLineError(
      `Metric '${key}' is malformed; persisted metric data contained ${fields.length} fields. ` +
        `Expected 2, 3, or 5 fields. Experiment id: ${experimentId}`,
    );
  }
  const [tsText = '', valueText = '', stepText, datasetName, datasetDigest] = fields;
  const timestamp = parsePythonInt(tsText);
  const value = parsePythonFloat(valueText);
  const step = stepText === undefined ? 0 : parsePythonInt(stepText);
  if (timestamp === undefined || value === undefined || step === undefined) {
    throw new MetricLineError(
      `Metric '${key}' is malformed; the line ${JSON.stringify(line)} does not hold ` +
        `an integer timestamp, a number and an integer step.`,
    );
  }
  if (datasetName !== undefined && datasetDigest !== undefined) {
    return { key, value, timestamp, step, datasetName, datasetDigest };
  }
  return { key, value, timestamp, step };
}

/**
 * Splits a metric file into lines as Python's `readlines()` does in text mode (universal
 * newlines: `\n`, `\r\n` and `\r` all end a line) and parses each one.
 */
export function parseMetricFile(text: string, key: string, experimentId: string): Metric[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => parseMetricLine(line, key, experimentId));
}

/**
 * The value MLflow shows as a run's metric: the first line that is maximal under the tuple
 * order (step, timestamp, value). Python's max() keeps the first maximal element, and every
 * comparison with NaN is false, so a later line replaces the best only when strictly greater.
 */
export function latestMetric(history: readonly Metric[]): Metric | undefined {
  let best: Metric | undefined;
  for (const candidate of history) {
    if (best === undefined || isGreater(candidate, best)) best = candidate;
  }
  return best;
}

function isGreater(a: Metric, b: Metric): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

/** Characters Python's str.strip() removes with no argument (Unicode whitespace). */
const PY_WHITESPACE = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/gu;

/** Python's `str.strip()`: also strips the separator controls \x1c-\x1f that JS's trim() keeps. */
export function pythonStrip(text: string): string {
  return text.replace(PY_WHITESPACE, '');
}
