import { describe, expect, it } from 'vitest';
import { toBatches, type DataOp } from '../../src/fluent/batches.js';

const metric = (step: number): DataOp => ({ kind: 'metric', metric: { key: 'loss', value: step, timestamp: 0, step } });
const param = (key: string, value: string): DataOp => ({ kind: 'param', param: { key, value } });
const tag = (key: string): DataOp => ({ kind: 'tag', tag: { key, value: 'v' } });

describe('coalescing queued writes into logBatch calls', () => {
  it('packs 2500 metric points into batches of 1000, in order', () => {
    const { entries } = toBatches(Array.from({ length: 2500 }, (_, i) => metric(i)));
    expect(entries.map((b) => b.metrics.length)).toEqual([1000, 1000, 500]);
    expect(entries.flatMap((b) => b.metrics.map((m) => m.step))).toEqual(Array.from({ length: 2500 }, (_, i) => i));
  });

  it('keeps at most 100 tags in one batch, starting the next when a kind is full', () => {
    const { entries } = toBatches([...Array.from({ length: 150 }, (_, i) => tag(`t${i}`)), ...Array.from({ length: 950 }, (_, i) => metric(i))]);
    expect(entries.map((b) => [b.tags.length, b.metrics.length])).toEqual([[100, 0], [50, 950]]);
  });

  it('keeps at most 1000 metrics and tags together in one batch', () => {
    const { entries } = toBatches([...Array.from({ length: 50 }, (_, i) => tag(`t${i}`)), ...Array.from({ length: 1000 }, (_, i) => metric(i))]);
    expect(entries.map((b) => [b.tags.length, b.metrics.length])).toEqual([[50, 950], [0, 50]]);
  });

  it('puts params in batches of their own, never the same key twice in one', () => {
    const { params, entries } = toBatches([param('a', '1'), metric(0), param('a', '2'), param('b', '1')]);
    expect(params).toEqual([[{ key: 'a', value: '1' }, { key: 'b', value: '1' }], [{ key: 'a', value: '2' }]]);
    expect(entries).toHaveLength(1);
  });

  it('drops a param repeated with the same value', () => {
    expect(toBatches([param('a', '1'), param('a', '1')]).params).toEqual([[{ key: 'a', value: '1' }]]);
  });

  it('splits params into groups of 100', () => {
    expect(toBatches(Array.from({ length: 250 }, (_, i) => param(`p${i}`, 'v'))).params.map((g) => g.length)).toEqual([100, 100, 50]);
  });
});
