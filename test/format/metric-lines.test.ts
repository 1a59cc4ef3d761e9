import { describe, expect, it } from 'vitest';
import type { Metric } from '../../src/entities/index.js';
import { MetricLineError, latestMetricInFile, parseMetricFile, parseMetricLine, renderMetricLine } from '../../src/format/metric-lines.js';

const latestMetric = (history: readonly Metric[]): Metric | undefined => latestMetricInFile(history.map(renderMetricLine).join(''), 'k', '0');

const m = (step: number, timestamp: number, value: number): Metric => ({ key: 'k', value, timestamp, step });

describe('metric lines', () => {
  it('writes timestamp, Python-formatted value and step separated by single spaces', () => {
    expect(renderMetricLine(m(3, 1714000001234, 0.5))).toBe('1714000001234 0.5 3\n');
  });

  it('writes integral values with a trailing .0 and special values as nan and inf', () => {
    const text = [m(0, 1, 10), m(1, 2, NaN), m(2, 3, -Infinity)].map(renderMetricLine).join('');
    expect(text).toBe('1 10.0 0\n2 nan 1\n3 -inf 2\n');
  });

  it('writes the dataset name and digest of an MLflow 3 line', () => {
    expect(renderMetricLine({ ...m(1, 5, 0.9), datasetName: 'eval', datasetDigest: '3f2a' })).toBe('5 0.9 1 eval 3f2a\n');
  });

  it('parses what it writes back to the same metric', () => {
    const metric = { ...m(-3, 900, 1e-5), datasetName: 'd', datasetDigest: 'x' };
    expect(parseMetricLine(renderMetricLine(metric), 'k', '0')).toEqual(metric);
  });

  it('reads a legacy two-field line with step 0', () => {
    expect(parseMetricLine('1714000000000 2.5', 'k', '0')).toEqual(m(0, 1714000000000, 2.5));
  });

  it('reads integers written without a decimal point', () => {
    expect(parseMetricLine('7 10 2', 'k', '0').value).toBe(10);
  });

  it('reads CRLF files written on Windows', () => {
    expect(parseMetricFile('1 1.0 0\r\n2 2.0 1\r\n', 'k', '0')).toEqual([m(0, 1, 1), m(1, 2, 2)]);
  });

  it('rejects a line with four fields naming the metric and the experiment', () => {
    expect(() => parseMetricLine('1 2 3 4', 'test', '0')).toThrow(
      "Metric 'test' is malformed; persisted metric data contained 4 fields. Expected 2, 3, or 5 fields. Experiment id: 0",
    );
  });

  it('rejects a line whose timestamp is not an integer', () => {
    expect(() => parseMetricLine('1.5 2.0 0', 'k', '0')).toThrow(MetricLineError);
  });

  it('returns an empty history for an empty file', () => {
    expect(parseMetricFile('', 'k', '0')).toEqual([]);
  });
});

describe('latestMetricInFile', () => {
  it('picks the highest step, then the latest timestamp, then the largest value (spec case 36)', () => {
    const history = [m(0, 100, 1000), m(3, 40, 100), m(3, 50, 10), m(3, 50, 20), m(3, 50, 20), m(-3, 900, 900), m(-1, 800, 800)];
    expect(latestMetric([...history].reverse())).toEqual(m(3, 50, 20));
  });

  it('keeps the earlier line when a NaN ties on step and timestamp', () => {
    expect(latestMetric([m(1, 1, 5), m(1, 1, NaN)])?.value).toBe(5);
    expect(latestMetric([m(1, 1, NaN), m(1, 1, 5)])?.value).toBeNaN();
  });

  it('picks the latest timestamp among legacy lines that all have step 0', () => {
    expect(latestMetric([m(0, 5, 1), m(0, 9, 2), m(0, 7, 3)])?.value).toBe(2);
  });
});
