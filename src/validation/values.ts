import { InvalidParameterError } from '../errors/index.js';
import { LIMITS, codePointLength, truncateCodePoints } from './limits.js';
import { describe } from './names.js';

/** Values a param or tag may be given as; all are stored as text. */
export type LoggableValue = string | number | boolean | bigint | null | undefined;

/**
 * Turns a param or tag value into the text stored on disk. `null`/`undefined` become '' (as
 * MLflow writes None). Numbers use JavaScript's String(), so `1.0` is stored as "1" where
 * Python would store "1.0": log strings when two languages share a run.
 */
export function valueToText(value: unknown, what: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  throw new InvalidParameterError(
    `The ${what} must be a string, number or boolean; got ${describe(value)}.`,
  );
}

/**
 * Applies a length limit the way MLflow does for param and batch tag values: cut to the limit
 * with a process warning when MLFLOW_TRUNCATE_LONG_VALUES is true (the default), else an error.
 */
export function limitLength(text: string, limit: number, what: string): string {
  const length = codePointLength(text);
  if (length <= limit) return text;
  if (truncateLongValues()) {
    process.emitWarning(
      `${what} '${text.slice(0, 100)}...' (${length} characters) was truncated to ${limit} ` +
        `characters to meet MLflow's length limit. Set MLFLOW_TRUNCATE_LONG_VALUES=false to get ` +
        `an error instead.`,
      { code: 'MLRUNS_VALUE_TRUNCATED' },
    );
    return truncateCodePoints(text, limit);
  }
  throw new InvalidParameterError(
    `'${what}' exceeds the maximum length of ${limit} characters (got ${length}). Shorten it, ` +
      `or log it as an artifact.`,
  );
}

function truncateLongValues(): boolean {
  const raw = process.env.MLFLOW_TRUNCATE_LONG_VALUES;
  if (raw === undefined || raw === '') return true;
  const lowered = raw.toLowerCase();
  if (lowered === 'true' || lowered === '1') return true;
  if (lowered === 'false' || lowered === '0') return false;
  throw new InvalidParameterError(
    `MLFLOW_TRUNCATE_LONG_VALUES must be one of true, false, 1, 0; got '${raw}'.`,
  );
}

/** A param value as stored: text, at most 6000 characters. */
export function paramValueText(value: unknown): string {
  return limitLength(valueToText(value, 'param value'), LIMITS.paramValue, 'Param value');
}

/**
 * Checks a metric before it is written. Values must be numbers (NaN and ±Infinity allowed);
 * timestamps and steps must be integers, because MLflow reads them back with int() and a
 * fractional one would make the whole metric file unreadable.
 */
export function validateMetricValue(key: string, value: unknown, timestamp: unknown, step: unknown): void {
  if (value === null || value === undefined) {
    throw new InvalidParameterError(`Missing value for metric '${key}'. Give a number.`);
  }
  if (typeof value !== 'number') {
    throw new InvalidParameterError(
      `Invalid value ${describe(value)} for metric '${key}': metric values must be numbers ` +
        `(64-bit floating point; NaN and Infinity are allowed).`,
    );
  }
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new InvalidParameterError(
      `Invalid timestamp ${describe(timestamp)} for metric '${key}': give a non-negative ` +
        `integer number of milliseconds since the epoch, such as Date.now().`,
    );
  }
  if (typeof step !== 'number' || !Number.isSafeInteger(step)) {
    throw new InvalidParameterError(
      `Invalid step ${describe(step)} for metric '${key}': the step must be an integer.`,
    );
  }
}
