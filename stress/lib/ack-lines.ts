import type { Metric } from '../../src/index.js';

/**
 * Counting metric lines against what writers acknowledged. A line is identified by its value
 * and step; each acknowledged line must be in the store exactly once.
 */
export interface LineCount {
  readonly acknowledged: number;
  /** Acknowledged lines not in the store. */
  readonly lost: number;
  /** Acknowledged lines in the store more than once (each extra copy counts). */
  readonly duplicated: number;
  /** Lines in the store that nobody acknowledged. */
  readonly unexpected: number;
}

export const NO_LINES: LineCount = { acknowledged: 0, lost: 0, duplicated: 0, unexpected: 0 };

const lineId = (value: number, step: number): string => `${value}@${step}`;

/** Compares a metric's history with the acknowledged (value, step) pairs. */
export function countLines(history: readonly Metric[], acknowledged: ReadonlyArray<readonly [value: number, step: number]>): LineCount {
  const stored = new Map<string, number>();
  for (const metric of history) stored.set(lineId(metric.value, metric.step), (stored.get(lineId(metric.value, metric.step)) ?? 0) + 1);
  let lost = 0;
  let duplicated = 0;
  for (const [value, step] of acknowledged) {
    const id = lineId(value, step);
    const copies = stored.get(id) ?? 0;
    if (copies === 0) lost += 1;
    else duplicated += copies - 1;
    stored.delete(id);
  }
  let unexpected = 0;
  for (const copies of stored.values()) unexpected += copies;
  return { acknowledged: acknowledged.length, lost, duplicated, unexpected };
}

export function addCounts(a: LineCount, b: LineCount): LineCount {
  return {
    acknowledged: a.acknowledged + b.acknowledged,
    lost: a.lost + b.lost,
    duplicated: a.duplicated + b.duplicated,
    unexpected: a.unexpected + b.unexpected,
  };
}
