/**
 * A small, real model for the demo: binary logistic regression trained with full-batch
 * gradient descent on a generated, seeded data set (two Gaussian blobs in d dimensions).
 */

/** A seeded pseudo-random generator (mulberry32), so every demo run sees the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export interface DataSet {
  readonly X: number[][];
  readonly y: number[];
}

/** Two classes whose centres are `separation` apart along every axis, with unit noise. */
export function makeBlobs(samples: number, dimensions: number, separation: number, seed: number): DataSet {
  const random = seededRandom(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const label = i % 2;
    const centre = label === 1 ? separation / 2 : -separation / 2;
    X.push(Array.from({ length: dimensions }, () => centre + gaussian(random)));
    y.push(label);
  }
  return { X, y };
}

/** Splits off the last `fraction` of a shuffled copy as the test set. */
export function trainTestSplit(data: DataSet, fraction: number, seed: number): { train: DataSet; test: DataSet } {
  const random = seededRandom(seed);
  const order = data.y.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const cut = Math.round(order.length * (1 - fraction));
  const pick = (indices: number[]): DataSet => ({
    X: indices.map((i) => data.X[i] as number[]),
    y: indices.map((i) => data.y[i] as number),
  });
  return { train: pick(order.slice(0, cut)), test: pick(order.slice(cut)) };
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export class LogisticRegression {
  weights: number[];
  bias = 0;

  constructor(dimensions: number, readonly learningRate: number, readonly l2 = 0) {
    this.weights = new Array<number>(dimensions).fill(0);
  }

  probability(x: readonly number[]): number {
    let z = this.bias;
    for (let j = 0; j < x.length; j += 1) z += (this.weights[j] ?? 0) * (x[j] ?? 0);
    return sigmoid(z);
  }

  /** Mean binary cross-entropy (plus the L2 penalty) over a data set. */
  loss(data: DataSet): number {
    const eps = 1e-12;
    let total = 0;
    data.X.forEach((x, i) => {
      const p = this.probability(x);
      const label = data.y[i] ?? 0;
      total -= label * Math.log(p + eps) + (1 - label) * Math.log(1 - p + eps);
    });
    const penalty = (this.l2 / 2) * this.weights.reduce((s, w) => s + w * w, 0);
    return total / data.X.length + penalty;
  }

  /** One full-batch gradient step. */
  step(data: DataSet): void {
    const gradient = new Array<number>(this.weights.length).fill(0);
    let gradientBias = 0;
    data.X.forEach((x, i) => {
      const error = this.probability(x) - (data.y[i] ?? 0);
      for (let j = 0; j < x.length; j += 1) gradient[j] = (gradient[j] ?? 0) + error * (x[j] ?? 0);
      gradientBias += error;
    });
    const n = data.X.length;
    this.weights = this.weights.map((w, j) => w - this.learningRate * ((gradient[j] ?? 0) / n + this.l2 * w));
    this.bias -= this.learningRate * (gradientBias / n);
  }

  accuracy(data: DataSet): number {
    let correct = 0;
    data.X.forEach((x, i) => {
      if ((this.probability(x) >= 0.5 ? 1 : 0) === data.y[i]) correct += 1;
    });
    return correct / data.X.length;
  }
}
