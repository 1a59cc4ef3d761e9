/**
 * Turning what JavaScript ML libraries take and give (arrays, typed arrays, ml-matrix matrices,
 * TensorFlow.js tensors) into the plain arrays the metric functions score.
 */
import { InvalidParameterError } from '../errors/index.js';
import type { Label } from '../metrics/index.js';
import { describe } from '../validation/index.js';

interface MatrixLike {
  to2DArray(): number[][];
}
interface TensorLike {
  arraySync(): unknown;
}

/** Nested plain arrays for a matrix, a tensor, a typed array or an array. */
export function plainArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.map((v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<unknown>) : v));
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<unknown>);
  if (typeof value === 'object' && value !== null) {
    if (typeof (value as MatrixLike).to2DArray === 'function') return (value as MatrixLike).to2DArray();
    if (typeof (value as TensorLike).arraySync === 'function') {
      const array = (value as TensorLike).arraySync();
      return Array.isArray(array) ? array : [array];
    }
  }
  throw new InvalidParameterError(`Expected an array, a typed array, a matrix or a tensor; got ${describe(value)}.`);
}

function isLabel(value: unknown): value is Label {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

/** The index of the largest value of a row. */
export function argmax(row: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}

/**
 * Targets or predictions as one label per sample, with probabilities when the values are
 * class scores: a column of values is flattened; rows of several scores become their argmax
 * (one-hot targets, softmax outputs) and are kept as probabilities.
 */
export function labelsAndScores(value: unknown): { labels: Label[]; probabilities?: number[][] } {
  const rows = plainArray(value);
  if (rows.every(isLabel)) return { labels: rows };
  if (rows.every((row) => Array.isArray(row) && row.every((v) => typeof v === 'number'))) {
    const numeric = rows as number[][];
    if (numeric.every((row) => row.length === 1)) return { labels: numeric.map((row) => row[0]!) };
    return { labels: numeric.map(argmax), probabilities: numeric };
  }
  throw new InvalidParameterError(`Expected one value per sample or rows of class scores; got ${describe(value)}.`);
}
