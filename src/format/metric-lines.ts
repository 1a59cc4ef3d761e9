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
 * newlines: `\n`, `\r\n` and `\r` all end a line).
 */
function metricLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Every line of a metric file, parsed, in file order. */
export function parseMetricFile(text: string, key: string, experimentId: string): Metric[] {
  return metricLines(text).map((line) => parseCommonLine(line, key) ?? parseMetricLine(line, key, experimentId));
}

/**
 * The value MLflow shows as a run's metric: the first line that is maximal under the tuple
 * order (step, timestamp, value). Python's max() keeps the first maximal element, and every
 * comparison with NaN is false, so a later line replaces the best only when strictly greater.
 * Lines that are not the best are compared without being turned into objects.
 */
export function latestMetricInFile(text: string, key: string, experimentId: string): Metric | undefined {
  let best: Metric | undefined;
  for (const line of metricLines(text)) {
    if (best !== undefined && readCommonLine(line, scratch)) {
      // Compare before allocating: most lines of a long history are not the latest.
      if (!isGreater(scratch, best)) continue;
      best = { key, value: scratch.value, timestamp: scratch.timestamp, step: scratch.step };
      continue;
    }
    const candidate = parseCommonLine(line, key) ?? parseMetricLine(line, key, experimentId);
    if (best === undefined || isGreater(candidate, best)) best = candidate;
  }
  return best;
}

function isGreater(a: LineFields, b: LineFields): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

interface LineFields {
  timestamp: number;
  value: number;
  step: number;
}

const scratch: LineFields = { timestamp: 0, value: 0, step: 0 };

/**
 * The fast path for the line shape MLflow itself writes (`<int> <repr float> <int>`, single
 * spaces); false for anything else, which then goes through the full parser. A search parses
 * hundreds of thousands of these lines, so this avoids regular expressions and allocation.
 */
function readCommonLine(line: string, into: LineFields): boolean {
  const first = line.indexOf(' ');
  const second = line.indexOf(' ', first + 1);
  if (first <= 0 || second <= first + 1 || line.indexOf(' ', second + 1) !== -1) return false;
  const timestamp = plainInt(line, 0, first);
  const step = plainInt(line, second + 1, line.length);
  const value = plainFloat(line.slice(first + 1, second));
  if (timestamp === undefined || step === undefined || value === undefined) return false;
  into.timestamp = timestamp;
  into.value = value;
  into.step = step;
  return true;
}

function parseCommonLine(line: string, key: string): Metric | undefined {
  const fields: LineFields = { timestamp: 0, value: 0, step: 0 };
  return readCommonLine(line, fields) ? { key, value: fields.value, timestamp: fields.timestamp, step: fields.step } : undefined;
}

/** Digits with an optional leading '-', at most 15 of them (always exact in a double). */
function plainInt(text: string, start: number, end: number): number | undefined {
  const negative = text.charCodeAt(start) === 45;
  let i = negative ? start + 1 : start;
  if (i >= end || end - i > 15) return undefined;
  let value = 0;
  for (; i < end; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/**
 * A value as Python repr writes it. Number() reads the same decimal and exponent forms; the
 * forms where Number() and float() disagree (hex/binary/octal prefixes, `Infinity`, `_`,
 * surrounding text) are left to the full parser.
 */
function plainFloat(text: string): number | undefined {
  if (text === 'nan') return NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  const c0 = text.charCodeAt(0);
  if (!((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 46)) return undefined;
  const c1 = text.charCodeAt(1) | 0x20;
  if (c1 === 0x78 || c1 === 0x62 || c1 === 0x6f) return undefined; // 0x, 0b, 0o
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}

/** Characters Python's str.strip() removes with no argument (Unicode whitespace). */
const PY_WHITESPACE = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/gu;

/** Python's `str.strip()`: also strips the separator controls \x1c-\x1f that JS's trim() keeps. */
export function pythonStrip(text: string): string {
  return text.replace(PY_WHITESPACE, '');
}
