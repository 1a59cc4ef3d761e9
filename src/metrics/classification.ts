/**
 * Classification metrics, with scikit-learn's definitions. Labels may be numbers, strings or
 * booleans; `yTrue` and `yPred` must have the same length.
 */
import { InvalidParameterError } from '../errors/index.js';

export type Label = number | string | boolean;
/** How per-class scores are combined: one positive class (`binary`), unweighted mean (`macro`), support-weighted mean (`weighted`), or global counts (`micro`). */
export type Average = 'binary' | 'macro' | 'weighted' | 'micro';

export interface AverageOptions {
  /** Default: `binary` when every label is 0/1 (or false/true), else `macro`. */
  readonly average?: Average;
  /** The positive class for `binary` (default 1, or true). */
  readonly positiveLabel?: Label;
}

export function checkPair(yTrue: readonly unknown[], yPred: readonly unknown[], what: string): void {
  if (!Array.isArray(yTrue) || !Array.isArray(yPred)) throw new InvalidParameterError(`${what} takes two arrays (true values, predictions).`);
  if (yTrue.length !== yPred.length) throw new InvalidParameterError(`${what}: got ${yTrue.length} true values and ${yPred.length} predictions; they must match.`);
  if (yTrue.length === 0) throw new InvalidParameterError(`${what}: there are no values to score.`);
}

/**
 * The fraction of predictions equal to the true label.
 * @example accuracy([0, 1, 1, 0], [0, 1, 0, 0]) // 0.75
 */
export function accuracy(yTrue: readonly Label[], yPred: readonly Label[]): number {
  checkPair(yTrue, yPred, 'accuracy');
  return yTrue.filter((label, i) => label === yPred[i]).length / yTrue.length;
}

/**
 * The fraction of wrong predictions (1 − accuracy).
 * @example zeroOneLoss([0, 1, 1, 0], [0, 1, 0, 0]) // 0.25
 */
export function zeroOneLoss(yTrue: readonly Label[], yPred: readonly Label[]): number {
  return 1 - accuracy(yTrue, yPred);
}

interface Counts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly support: number;
}

function countsFor(yTrue: readonly Label[], yPred: readonly Label[], label: Label): Counts {
  let tp = 0, fp = 0, fn = 0, support = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const actual = yTrue[i] === label;
    const predicted = yPred[i] === label;
    if (actual) support++;
    if (actual && predicted) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
  }
  return { tp, fp, fn, support };
}

function labelsOf(...lists: (readonly Label[])[]): Label[] {
  return [...new Set(lists.flat())].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den);

type Score = (c: Counts) => number;

function averaged(yTrue: readonly Label[], yPred: readonly Label[], score: Score, options: AverageOptions, what: string): number {
  checkPair(yTrue, yPred, what);
  const labels = labelsOf(yTrue, yPred);
  const binaryLabels = labels.every((l) => l === 0 || l === 1 || l === true || l === false);
  const average = options.average ?? (binaryLabels ? 'binary' : 'macro');
  if (average === 'binary') {
    const positive = options.positiveLabel ?? (labels.includes(true) || labels.includes(false) ? true : 1);
    return score(countsFor(yTrue, yPred, positive));
  }
  const perClass = labels.map((label) => countsFor(yTrue, yPred, label));
  if (average === 'micro') {
    const sum = (key: keyof Counts) => perClass.reduce((acc, c) => acc + c[key], 0);
    return score({ tp: sum('tp'), fp: sum('fp'), fn: sum('fn'), support: sum('support') });
  }
  if (average === 'weighted') return perClass.reduce((acc, c) => acc + score(c) * c.support, 0) / yTrue.length;
  return perClass.reduce((acc, c) => acc + score(c), 0) / perClass.length;
}

const precisionOf: Score = (c) => ratio(c.tp, c.tp + c.fp);
const recallOf: Score = (c) => ratio(c.tp, c.tp + c.fn);
const f1Of: Score = (c) => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);

/**
 * tp / (tp + fp); 0 when nothing was predicted positive (scikit-learn's zero_division=0).
 * @example precision([0, 1, 1, 0], [1, 1, 0, 0]) // 0.5
 */
export function precision(yTrue: readonly Label[], yPred: readonly Label[], options: AverageOptions = {}): number {
  return averaged(yTrue, yPred, precisionOf, options, 'precision');
}

/**
 * tp / (tp + fn).
 * @example recall([0, 1, 1, 0], [1, 1, 0, 0]) // 0.5
 */
export function recall(yTrue: readonly Label[], yPred: readonly Label[], options: AverageOptions = {}): number {
  return averaged(yTrue, yPred, recallOf, options, 'recall');
}

/**
 * The harmonic mean of precision and recall: 2tp / (2tp + fp + fn).
 * @example f1([0, 1, 2, 2], [0, 2, 2, 2]) // macro average: (1 + 0 + 0.8) / 3 = 0.6
 */
export function f1(yTrue: readonly Label[], yPred: readonly Label[], options: AverageOptions = {}): number {
  return averaged(yTrue, yPred, f1Of, options, 'f1');
}

/**
 * Cross-entropy of predicted probabilities, averaged over samples, as scikit-learn's log_loss:
 * `probabilities` is one row per sample with a column per class (classes in sorted order, or,
 * for labels 0..k−1, the label is the column), or for two classes the probability of the
 * positive class. Probabilities are clipped to [ε, 1 − ε] (ε = 2⁻⁵²) and rows renormalised.
 * @example logLoss([0, 1], [[0.9, 0.1], [0.2, 0.8]]) // (−ln 0.9 − ln 0.8) / 2 ≈ 0.164252
 */
export function logLoss(yTrue: readonly Label[], probabilities: readonly (number | readonly number[])[], options: { labels?: readonly Label[] } = {}): number {
  checkPair(yTrue, probabilities, 'logLoss');
  const rows = probabilities.map((p) => (typeof p === 'number' ? [1 - p, p] : p));
  const width = rows[0]!.length;
  const labels = options.labels ?? labelsOf(yTrue);
  const indexOf = (label: Label): number => {
    if (options.labels === undefined && typeof label === 'number' && Number.isInteger(label) && label >= 0 && label < width && labels.length <= width) return label;
    const at = labels.indexOf(label);
    if (at < 0 || at >= width) throw new InvalidParameterError(`logLoss: the label ${String(label)} has no probability column (${width} columns).`);
    return at;
  };
  const eps = Number.EPSILON;
  let total = 0;
  rows.forEach((row, i) => {
    if (row.length !== width) throw new InvalidParameterError(`logLoss: row ${i} has ${row.length} probabilities, the first row ${width}.`);
    const clipped = row.map((p) => Math.min(Math.max(p, eps), 1 - eps));
    const sum = clipped.reduce((a, b) => a + b, 0);
    total -= Math.log(clipped[indexOf(yTrue[i]!)]! / sum);
  });
  return total / rows.length;
}
