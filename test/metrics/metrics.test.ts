import { describe, expect, it } from 'vitest';
import { accuracy, f1, logLoss, mae, mse, precision, r2, recall, rmse, zeroOneLoss } from '../../src/index.js';

describe('classification metrics, on values worked out by hand', () => {
  const yTrue = [0, 1, 1, 0, 1, 1];
  const yPred = [0, 1, 0, 0, 1, 0]; // tp 2, fp 0, fn 2, tn 2

  it('accuracy is 4 right out of 6 and the zero-one loss the other 2', () => {
    expect(accuracy(yTrue, yPred)).toBeCloseTo(4 / 6, 12);
    expect(zeroOneLoss(yTrue, yPred)).toBeCloseTo(2 / 6, 12);
  });

  it('binary precision is 2/2, recall 2/4 and f1 2·2/(2·2+0+2) for the positive class 1', () => {
    expect(precision(yTrue, yPred)).toBe(1);
    expect(recall(yTrue, yPred)).toBe(0.5);
    expect(f1(yTrue, yPred)).toBeCloseTo(4 / 6, 12);
  });

  it('averages per class with macro (default for three classes), weighted and micro', () => {
    const t = ['a', 'b', 'c', 'c'];
    const p = ['a', 'c', 'c', 'c'];
    // a: tp1 fp0 fn0 → f1 1; b: tp0 fn1 → 0; c: tp2 fp1 → f1 0.8
    expect(f1(t, p)).toBeCloseTo((1 + 0 + 0.8) / 3, 12);
    expect(f1(t, p, { average: 'weighted' })).toBeCloseTo((1 * 1 + 0 * 1 + 0.8 * 2) / 4, 12);
    expect(precision(t, p, { average: 'micro' })).toBe(0.75);
    expect(recall(t, p, { average: 'macro' })).toBeCloseTo((1 + 0 + 1) / 3, 12);
  });

  it('scores nothing predicted positive as precision 0, as scikit-learn does', () => {
    expect(precision([1, 0], [0, 0])).toBe(0);
  });

  it('log loss is the mean of −ln(probability of the true class)', () => {
    expect(logLoss([0, 1], [[0.9, 0.1], [0.2, 0.8]])).toBeCloseTo((-Math.log(0.9) - Math.log(0.8)) / 2, 12);
    expect(logLoss([1, 0], [0.7, 0.4])).toBeCloseTo((-Math.log(0.7) - Math.log(0.6)) / 2, 12);
    expect(logLoss(['cat', 'dog'], [[0.25, 0.75], [0.5, 0.5]])).toBeCloseTo((-Math.log(0.25) - Math.log(0.5)) / 2, 12);
  });

  it('log loss clips a zero probability instead of returning infinity', () => {
    expect(logLoss([0], [[0, 1]])).toBeCloseTo(-Math.log(Number.EPSILON), 6);
  });

  it('refuses arrays of different lengths', () => {
    expect(() => accuracy([1, 2], [1])).toThrow('got 2 true values and 1 predictions');
  });
});

describe('regression metrics, on scikit-learn documentation values', () => {
  const yTrue = [3, -0.5, 2, 7];
  const yPred = [2.5, 0, 2, 8];

  it('MSE is (0.25 + 0.25 + 0 + 1) / 4 and RMSE its square root', () => {
    expect(mse(yTrue, yPred)).toBe(0.375);
    expect(rmse(yTrue, yPred)).toBeCloseTo(Math.sqrt(0.375), 12);
  });

  it('MAE is (0.5 + 0.5 + 0 + 1) / 4', () => {
    expect(mae(yTrue, yPred)).toBe(0.5);
  });

  it('R² is 1 − 1.5 / 29.1875', () => {
    expect(r2(yTrue, yPred)).toBeCloseTo(1 - 1.5 / 29.1875, 12);
    expect(r2([1, 1], [1, 1])).toBe(1);
  });
});
