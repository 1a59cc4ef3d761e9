/** Regression metrics, with scikit-learn's definitions. */
import { checkPair } from './classification.js';

function residuals(yTrue: readonly number[], yPred: readonly number[], what: string): number[] {
  checkPair(yTrue, yPred, what);
  return yTrue.map((value, i) => value - yPred[i]!);
}

/**
 * Mean squared error.
 * @example mse([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.375
 */
export function mse(yTrue: readonly number[], yPred: readonly number[]): number {
  const r = residuals(yTrue, yPred, 'mse');
  return r.reduce((acc, e) => acc + e * e, 0) / r.length;
}

/**
 * Root mean squared error.
 * @example rmse([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // √0.375 ≈ 0.612372
 */
export function rmse(yTrue: readonly number[], yPred: readonly number[]): number {
  return Math.sqrt(mse(yTrue, yPred));
}

/**
 * Mean absolute error.
 * @example mae([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.5
 */
export function mae(yTrue: readonly number[], yPred: readonly number[]): number {
  const r = residuals(yTrue, yPred, 'mae');
  return r.reduce((acc, e) => acc + Math.abs(e), 0) / r.length;
}

/**
 * Coefficient of determination: 1 − SS_res / SS_tot (1 for a perfect fit; with constant true
 * values, 1 if the predictions are exact and 0 otherwise, as scikit-learn).
 * @example r2([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // ≈ 0.948608
 */
export function r2(yTrue: readonly number[], yPred: readonly number[]): number {
  const r = residuals(yTrue, yPred, 'r2');
  const mean = yTrue.reduce((a, b) => a + b, 0) / yTrue.length;
  const ssRes = r.reduce((acc, e) => acc + e * e, 0);
  const ssTot = yTrue.reduce((acc, v) => acc + (v - mean) ** 2, 0);
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}
