import { describe, expect, it } from 'vitest';
import type { Metric } from '../../src/entities/index.js';
import { MetricLineError, latestMetricInBytes, latestMetricInFile, parseMetricLine, settledByteLength } from '../../src/format/metric-lines.js';
import { formatPythonFloat } from '../../src/format/python-float.js';
import { type Random, seeded } from '../helpers/random.js';

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
const latest = (text: string): Metric | undefined => latestMetricInBytes(bytesOf(text), 'k', '0');
const m = (step: number, timestamp: number, value: number): Metric => ({ key: 'k', value, timestamp, step });

describe('latestMetricInBytes', () => {
  it('takes the highest step, not the last line', () => {
    expect(latest('1 0.5 0\n2 0.25 7\n3 0.125 3\n')).toEqual(m(7, 2, 0.25));
  });

  it('breaks a tie on step by the timestamp, then by the value, keeping the first of equals', () => {
    expect(latest('5 1.0 2\n9 2.0 2\n7 3.0 2\n')).toEqual(m(2, 9, 2));
    expect(latest('9 1.0 2\n9 3.0 2\n9 2.0 2\n')).toEqual(m(2, 9, 3));
    expect(latest('9 nan 2\n9 3.0 2\n')?.value).toBeNaN();
    expect(latest('9 3.0 2\n9 nan 2\n')?.value).toBe(3);
  });

  it('reads a 5-field line with its dataset', () => {
    expect(latest('1 0.5 0\n2 0.75 1 eval 3f2a\n')).toEqual({ ...m(1, 2, 0.75), datasetName: 'eval', datasetDigest: '3f2a' });
  });

  it('reads a legacy 2-field line as step 0, and Python spellings such as +1 and 1_0', () => {
    expect(latest('5 2.5\n')).toEqual(m(0, 5, 2.5));
    expect(latest('1 +1 1_0\n')).toEqual(m(10, 1, 1));
  });

  it('keeps -0 and the special values as they are', () => {
    expect(Object.is(latest('1 -0.0 0\n')?.value, -0)).toBe(true);
    expect(latest('1 -inf 0\n')?.value).toBe(-Infinity);
    expect(latest('1 Infinity 0\n')?.value).toBe(Infinity);
  });

  it('a malformed line anywhere fails the file, even after the latest line', () => {
    expect(() => latest('1 0.5 9\nx 1.0 0\n')).toThrow(MetricLineError);
    expect(() => latest('1 0.5 9\n1 2 3 4\n')).toThrow("persisted metric data contained 4 fields");
    expect(() => latest('1 0.5 9\n\n2 0.5 10\n')).toThrow('contained 1 fields');
  });

  it('reads a CRLF file, and ends lines at a lone carriage return as Python does', () => {
    expect(latest('1 1.0 0\r\n2 2.0 1\r\n')).toEqual(m(1, 2, 2));
    expect(latest('1 1.0 0\r2 2.0 1\n')).toEqual(m(1, 2, 2));
  });

  it('has no metric for an empty file', () => {
    expect(latest('')).toBeUndefined();
  });
});

describe('settledByteLength', () => {
  const now = 1_000_000;
  const length = (text: string, modifiedMs: number) => settledByteLength(bytesOf(text), modifiedMs, now);

  it('reads a file that ends in a newline whole', () => {
    expect(length('1 1.0 0\n', now)).toBe(8);
  });

  it('leaves out a last line without a newline in a file changed in the last two seconds', () => {
    expect(length('1 1.0 0\n2 2.', now - 2000)).toBe(8);
  });

  it('reads an older file whole, last line and all', () => {
    expect(length('1 1.0 0\n2 2.0 1', now - 2001)).toBe(15);
  });

  it('reads a file with no newline at all whole, and counts bytes, not characters', () => {
    expect(length('1 1.0 0', now)).toBe(7);
    expect(length('', now)).toBe(0);
    expect(length('1 1.0 0 é d\n2 2', now)).toBe(13);
  });
});

const INTS = ['0', '1', '2', '3', '-1', '-0', '7', '10', '007', '999999999999999', '-999999999999999', '1234567890123456', '1714000000000'];
const ODD_INTS = ['12345678901234567891', '99999999999999999', '-9007199254740993', '+1', '1_0', '1__0', '_1', '1.0', '0x10', '', '-', '1e3', ' 1', '1 ', '\t2', '٣', '1\u00a0', '\ufeff1', '1\x1c'];
const VALUES = ['nan', 'inf', '-inf', '-0.0', '0.0', '1e308', '1e309', '-1e309', '1e-320', '5e-324', '5.', '.5', '-.5', '1e5', '1E+05', '1e-05', '0.1', '1.0', '2.0', '10', '007.5'];
const ODD_VALUES = [
  ...['NaN', 'nan ', '-nan', '+nan', 'Inf', 'Infinity', '-Infinity', 'infinity', '+inf', '+1', '+1.5', '1_0', '1_0.5', '0x10', '0X1p3', '0b1', '0o7', '1e', 'e5', '.', '-', '-.', '.e1'],
  ...['1.5\t', '1.5\x0b', '1\u00a0', '\u2028', '1.5\ufeff', '١', '1e5_0', '1.2.3', '--1', '1e+-5', 'nana', 'inff', '0.5\x1c', '１'],
];

/** A random metric file: mostly lines MLflow writes, with every odd shape mixed in. */
function metricFile(next: Random): Uint8Array {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  // Text, and now and then bytes that are not UTF-8.
  const parts: (string | number[])[] = chance(0.02) ? [[0xef, 0xbb, 0xbf]] : [];
  const lineCount = chance(0.1) ? 60 + Math.floor(next() * 60) : Math.floor(next() * 8);
  const weird = chance(0.5) ? 0.02 : 0.25;
  // Some files tie on everything but the value, or on -0 against 0, to test which line max() keeps.
  const ties = chance(0.2);
  let step = Math.floor(next() * 5) - 2;
  let timestamp = 1_714_000_000_000;
  for (let n = 0; n < lineCount; n += 1) {
    // Often in order, as a training loop logs; otherwise small pools that tie.
    if (chance(0.5)) {
      step += pick([0, 1, 1, 1, -1]);
      timestamp += pick([0, 1, 5]);
    } else {
      step = Number(pick(INTS.slice(0, 8)));
      timestamp = pick([0, 1, 2, -1]);
    }
    const int = (plain: number) => (ties ? pick(['0', '-0', '1']) : chance(weird) ? pick(chance(0.5) ? INTS : ODD_INTS) : String(plain));
    let value = chance(0.3) ? pick(VALUES) : formatPythonFloat((next() - 0.5) * 10 ** Math.floor(next() * 12 - 6));
    if (ties) value = pick(['0.0', '-0.0', '0', '-0', 'nan', '1.0', '1e0', 'inf', '-inf']);
    if (chance(weird)) value = chance(0.3) ? pick(ODD_VALUES) : chance(0.5) ? pick(VALUES) : nearMiss(next, value);
    let fields = [int(timestamp), value, int(step)];
    if (chance(weird / 2)) fields = pick([fields.slice(0, 2), [...fields, 'eval', 'a1b2'], [...fields, 'x'], fields.slice(0, 1), [...fields, 'd', 'é', 'z']]);
    const separator = chance(weird / 4) ? pick(['  ', '\t', '\x0c']) : ' ';
    let line = fields.join(separator);
    if (chance(weird / 4)) line = pick([' ', '\t', '\x1f', '\u3000', '\u00a0']) + line;
    if (chance(weird / 4)) line += pick([' ', '\t', '  ', '\x0b', '\u2029', '\u0085']);
    parts.push(line);
    if (chance(weird / 6)) parts.push(pick([[0xff], [0xc3], [0xe2, 0x82], [0xef, 0xbb, 0xbf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0]]));
    if (chance(weird / 6)) parts.push(pick([' 1 2', 'x', '\x00', 'é']));
    const last = n === lineCount - 1;
    parts.push(last && chance(0.2) ? '' : chance(weird / 5) ? pick(['\r\n', '\r', '\n\n', '\n\r', '\n \n']) : '\n');
  }
  const chunks: Uint8Array[] = [];
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
    } else {
      chunks.push(encoder.encode(text), Uint8Array.from(part));
      text = '';
    }
  }
  chunks.push(encoder.encode(text));
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : new Uint8Array(Buffer.concat(chunks));
}

const encoder = new TextEncoder();

const SLIPS = '0123456789.-+eEnaifINFtyx_ \t';

/** A value that is one or two typing slips away from a valid one: the edges of the syntax. */
function nearMiss(next: Random, text: string): string {
  for (let n = next() < 0.5 ? 1 : 2; n > 0; n -= 1) {
    const at = Math.floor(next() * (text.length + 1));
    const char = SLIPS.charAt(Math.floor(next() * SLIPS.length));
    const cut = Math.floor(next() * 3); // 0 inserts, 1 replaces, 2 deletes
    text = text.slice(0, at) + (cut === 2 ? '' : char) + text.slice(at + Math.min(cut, 1));
  }
  return text;
}

type Outcome = { metric: Metric | undefined } | { error: string };

function outcome(read: () => Metric | undefined): Outcome {
  try {
    return { metric: read() };
  } catch (error) {
    if (error instanceof MetricLineError) return { error: error.message };
    throw error;
  }
}

/** Equal to the bit: field order, -0 and NaN included. */
function sameOutcome(a: Outcome, b: Outcome): boolean {
  if ('error' in a || 'error' in b) return 'error' in a && 'error' in b && a.error === b.error;
  if (a.metric === undefined || b.metric === undefined) return a.metric === b.metric;
  const aEntries = Object.entries(a.metric);
  const bEntries = Object.entries(b.metric);
  return aEntries.length === bEntries.length && aEntries.every(([name, value], i) => bEntries[i]?.[0] === name && Object.is(value, bEntries[i]?.[1]));
}

/**
 * MLflow's reading spelled out with no fast path: every line through the full parser, then
 * Python's max(). Comparing with latestMetricInFile() shows the byte path reads what the string
 * path reads; this shows both read what float() reads.
 */
function slowLatest(text: string): Metric | undefined {
  const lines = text === '' ? [] : text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  let best: Metric | undefined;
  for (const line of lines) {
    const metric = parseMetricLine(line, 'k', '0');
    if (best === undefined) best = metric;
    else if (metric.step !== best.step) best = metric.step > best.step ? metric : best;
    else if (metric.timestamp !== best.timestamp) best = metric.timestamp > best.timestamp ? metric : best;
    else if (metric.value > best.value) best = metric;
  }
  return best;
}

const seed = Number(process.env.METRIC_BYTES_SEED) || Math.floor(Math.random() * 2 ** 32);

describe('latestMetricInBytes against latestMetricInFile', () => {
  it(`reads 20,000 random files to the same metric or error (seed ${seed}; rerun with METRIC_BYTES_SEED=${seed})`, () => {
    const next = seeded(seed);
    const failures: string[] = [];
    const seen = { error: 0, metric: 0, empty: 0 };
    for (let n = 0; n < 20_000 && failures.length < 5; n += 1) {
      const bytes = metricFile(next);
      const expected = outcome(() => latestMetricInFile(Buffer.from(bytes).toString('utf8'), 'k', '0'));
      // A search passes the Buffer that readFileSync() returns, whose indexOf() is not the typed array's.
      const actual = outcome(() => latestMetricInBytes(n % 2 === 0 ? bytes : Buffer.from(bytes), 'k', '0'));
      const slow = outcome(() => slowLatest(Buffer.from(bytes).toString('utf8')));
      seen['error' in expected ? 'error' : expected.metric === undefined ? 'empty' : 'metric'] += 1;
      if (!sameOutcome(expected, actual) || !sameOutcome(expected, slow)) {
        const file = JSON.stringify(Buffer.from(bytes).toString('latin1'));
        failures.push(`file ${file}: from text ${show(expected)}, from bytes ${show(actual)}, every line parsed ${show(slow)}`);
      }
    }
    expect(failures, `seed ${seed}`).toEqual([]);
    // The generator must exercise both outcomes, or the comparison proves little.
    expect(seen.error).toBeGreaterThan(2000);
    expect(seen.metric).toBeGreaterThan(7000);
  });

  it('reads every value one typing slip away from a valid one as float() does', () => {
    const failures: string[] = [];
    const texts = new Set<string>();
    for (const value of [...VALUES, '12', '1.5', '1e-05', '-1.5e+300']) {
      for (let at = 0; at <= value.length; at += 1) {
        texts.add(value.slice(0, at) + value.slice(at + 1));
        for (const char of SLIPS) texts.add(value.slice(0, at) + char + value.slice(at)).add(value.slice(0, at) + char + value.slice(at + 1));
      }
    }
    for (const value of texts) {
      const text = `1 ${value} 2\n7 ${value} 2\n`;
      const expected = outcome(() => latestMetricInFile(text, 'k', '0'));
      const actual = outcome(() => latestMetricInBytes(bytesOf(text), 'k', '0'));
      const slow = outcome(() => slowLatest(text));
      if (!sameOutcome(expected, actual) || !sameOutcome(expected, slow)) failures.push(`${JSON.stringify(value)}: ${show(expected)} ${show(actual)} ${show(slow)}`);
    }
    expect(texts.size).toBeGreaterThan(5000);
    expect(failures).toEqual([]);
  });

  it('reads a file held in a slice of a larger buffer', () => {
    const whole = bytesOf('9 9.0 9\n1 1.0 1\n2 2.0 2\n7 7.0 7\n');
    expect(latestMetricInBytes(whole.subarray(8, 24), 'k', '0')).toEqual(m(2, 2, 2));
  });
});

function show(result: Outcome): string {
  if ('error' in result) return `error ${JSON.stringify(result.error)}`;
  if (result.metric === undefined) return 'no metric';
  return JSON.stringify(Object.entries(result.metric).map(([name, value]) => [name, Object.is(value, -0) ? '-0' : String(value)]));
}
