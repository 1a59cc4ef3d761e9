import type { Metric } from '../entities/index.js';
import { formatPythonFloat, parsePythonFloat, parsePythonInt } from './python-float.js';

/**
 * One line of a `metrics/<key>` file: `timestamp value step`, or with MLflow 3's dataset
 * fields `timestamp value step dataset_name dataset_digest`, always ending in `\n`.
 */
export function renderMetricLine(metric: Metric): string {
  const head = `${metric.timestamp} ${formatPythonFloat(metric.value)} ${metric.step}`;
  if (metric.datasetName !== undefined && metric.datasetDigest !== undefined) {
    return `${head} ${metric.datasetName} ${metric.datasetDigest}\n`;
  }
  return `${head}\n`;
}

/** Why a metric line could not be read; the caller adds the file's path. */
export class MetricLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricLineError';
  }
}

/**
 * Parses one line as MLflow reads it: surrounding whitespace (so CRLF) is stripped, fields are
 * split on single spaces, and 2 (legacy, step 0), 3 or 5 fields are accepted.
 */
export function parseMetricLine(line: string, key: string, experimentId: string): Metric {
  const fields = pythonStrip(line).split(' ');
  if (fields.length !== 2 && fields.length !== 3 && fields.length !== 5) {
    throw new MetricLineError(
      `Metric '${key}' is malformed; persisted metric data contained ${fields.length} fields. ` +
        `Expected 2, 3, or 5 fields. Experiment id: ${experimentId}`,
    );
  }
  const [tsText = '', valueText = '', stepText, datasetName, datasetDigest] = fields;
  const timestamp = parsePythonInt(tsText);
  const value = parsePythonFloat(valueText);
  const step = stepText === undefined ? 0 : parsePythonInt(stepText);
  if (timestamp === undefined || value === undefined || step === undefined) {
    throw new MetricLineError(
      `Metric '${key}' is malformed; the line ${JSON.stringify(line)} does not hold ` +
        `an integer timestamp, a number and an integer step.`,
    );
  }
  if (datasetName !== undefined && datasetDigest !== undefined) {
    return { key, value, timestamp, step, datasetName, datasetDigest };
  }
  return { key, value, timestamp, step };
}

/**
 * Splits a metric file into lines as Python's `readlines()` does in text mode (universal
 * newlines: `\n`, `\r\n` and `\r` all end a line).
 */
function metricLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Every line of a metric file, parsed, in file order. */
export function parseMetricFile(text: string, key: string, experimentId: string): Metric[] {
  return metricLines(text).map((line) => parseCommonLine(line, key) ?? parseMetricLine(line, key, experimentId));
}

/**
 * The value MLflow shows as a run's metric: the first line that is maximal under the tuple
 * order (step, timestamp, value). Python's max() keeps the first maximal element, and every
 * comparison with NaN is false, so a later line replaces the best only when strictly greater.
 */
export function latestMetricInFile(text: string, key: string, experimentId: string): Metric | undefined {
  let best: Metric | undefined;
  for (const line of metricLines(text)) best = laterOf(best, line, key, experimentId);
  return best;
}

/**
 * One step of that max(): the line when it beats `best`, else `best`. Lines that are not the
 * best are compared without being turned into objects.
 */
function laterOf(best: Metric | undefined, line: string, key: string, experimentId: string): Metric {
  if (best !== undefined && readCommonLine(line, scratch)) {
    // Compare before allocating: most lines of a long history are not the latest.
    if (!isGreater(scratch, best)) return best;
    return { key, value: scratch.value, timestamp: scratch.timestamp, step: scratch.step };
  }
  const candidate = parseCommonLine(line, key) ?? parseMetricLine(line, key, experimentId);
  return best === undefined || isGreater(candidate, best) ? candidate : best;
}

function isGreater(a: LineFields, b: LineFields): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

interface LineFields {
  timestamp: number;
  value: number;
  step: number;
}

const scratch: LineFields = { timestamp: 0, value: 0, step: 0 };

/**
 * The fast path for the line shape MLflow itself writes (`<int> <repr float> <int>`, single
 * spaces); false for anything else, which then goes through the full parser. A search parses
 * hundreds of thousands of these lines, so this avoids regular expressions and allocation.
 */
function readCommonLine(line: string, into: LineFields): boolean {
  const first = line.indexOf(' ');
  const second = line.indexOf(' ', first + 1);
  if (first <= 0 || second <= first + 1 || line.indexOf(' ', second + 1) !== -1) return false;
  const timestamp = plainInt(line, 0, first);
  const step = plainInt(line, second + 1, line.length);
  const value = plainFloat(line.slice(first + 1, second));
  if (timestamp === undefined || step === undefined || value === undefined) return false;
  into.timestamp = timestamp;
  into.value = value;
  into.step = step;
  return true;
}

function parseCommonLine(line: string, key: string): Metric | undefined {
  const fields: LineFields = { timestamp: 0, value: 0, step: 0 };
  return readCommonLine(line, fields) ? { key, value: fields.value, timestamp: fields.timestamp, step: fields.step } : undefined;
}

/** Digits with an optional leading '-', at most 15 of them (always exact in a double). */
function plainInt(text: string, start: number, end: number): number | undefined {
  const negative = text.charCodeAt(start) === 45;
  let i = negative ? start + 1 : start;
  if (i >= end || end - i > 15) return undefined;
  let value = 0;
  for (; i < end; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/**
 * A value as Python repr writes it. Number() reads the same decimal and exponent forms; the
 * forms where Number() and float() disagree (hex/binary/octal prefixes, `Infinity`, `_`,
 * surrounding text) are left to the full parser.
 */
function plainFloat(text: string): number | undefined {
  if (text === 'nan') return NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  const c0 = text.charCodeAt(0);
  if (!((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 46)) return undefined;
  const c1 = text.charCodeAt(1) | 0x20;
  if (c1 === 0x78 || c1 === 0x62 || c1 === 0x6f) return undefined; // 0x, 0b, 0o
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}

/**
 * The value syntax the byte path checks on every line without converting the value: what
 * Python's repr writes (`-1.5`, `1e-05`, `nan`, `inf`, `-inf`) and the plain decimal forms of
 * a hand-written file (`5`, `5.`, `.5`, `1E+5`). Every such text is one plainFloat() reads, to
 * float()'s value, so the byte path converts with it; anything else (`+1`, `1_0`, `0x10`,
 * `Infinity`, whitespace) goes down the string path. The string path does not step through
 * this machine: it converts every value anyway, and Number() rejects the rest faster than a
 * loop over the characters of a sliced string can (parseMetricFile() was 30% slower with it).
 *
 * Each state lists its moves: the characters of a key make the move, `digit` standing for 0-9.
 */
const FLOAT_SYNTAX: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  start: { digit: 'integer', '-': 'sign', '.': 'point', n: 'n', i: 'i' },
  sign: { digit: 'integer', '.': 'point', i: 'i' },
  integer: { digit: 'integer', '.': 'fraction', eE: 'exponentMark' },
  point: { digit: 'fraction' },
  fraction: { digit: 'fraction', eE: 'exponentMark' },
  exponentMark: { digit: 'exponent', '-': 'exponentSign', '+': 'exponentSign' },
  exponentSign: { digit: 'exponent' },
  exponent: { digit: 'exponent' },
  n: { a: 'na' },
  na: { n: 'nan' },
  nan: {},
  i: { n: 'in' },
  in: { f: 'inf' },
  inf: {},
};
const FLOAT_STATES = ['dead', ...Object.keys(FLOAT_SYNTAX)];
const FLOAT_DEAD = 0;
const FLOAT_START = FLOAT_STATES.indexOf('start');
/** 1 for the states where a value may end. */
const FLOAT_ENDS = Uint8Array.from(FLOAT_STATES, (state) => (['integer', 'fraction', 'exponent', 'nan', 'inf'].includes(state) ? 1 : 0));
/** The next state, at [state * 256 + byte]; 0 (dead) where the syntax has no move. */
const FLOAT_MOVES = new Uint8Array(FLOAT_STATES.length * 256);
for (const [state, moves] of Object.entries(FLOAT_SYNTAX)) {
  for (const [on, to] of Object.entries(moves)) {
    for (const char of on === 'digit' ? '0123456789' : on) {
      FLOAT_MOVES[FLOAT_STATES.indexOf(state) * 256 + char.charCodeAt(0)] = FLOAT_STATES.indexOf(to);
    }
  }
}

/**
 * latestMetricInFile() of the file's bytes decoded as UTF-8 (as `Buffer#toString` decodes
 * them), to the same metric or the same MetricLineError, mostly without decoding: a search
 * reads the latest value of every metric of thousands of runs, and decoding, splitting into
 * line strings and calling Number() on every line took a quarter of its time.
 *
 * Lines in the shape MLflow writes (readCommonLine()'s, with the value in FLOAT_SYNTAX) are read
 * from the bytes, and their value is converted only when it decides something. In a history logged in step order each line beats
 * the one before on its step alone, so only the last value is ever converted; the syntax of
 * every value is still checked, since a malformed line anywhere fails the file. Any other line
 * is decoded alone and read by the string path: UTF-8 never uses byte 10 inside a character,
 * so it decodes alone as it does within the file. A carriage return is the exception, as
 * universal newlines then end lines where no byte 10 is, and sends the whole file down the
 * string path.
 */
export function latestMetricInBytes(bytes: Uint8Array, key: string, experimentId: string): Metric | undefined {
  const line: ByteLine = { timestamp: 0, step: 0, valueStart: 0, valueEnd: 0, digits: 0 };
  const best: ByteBest = { found: false, timestamp: 0, step: 0, value: 0, valueStart: -1, valueEnd: -1, metric: undefined };
  for (let start = 0; start < bytes.length; ) {
    const end = scanCommonLine(bytes, start, line);
    if (end !== -1) {
      if (best.found && line.step === best.step && line.timestamp === best.timestamp) {
        // A tie on step and timestamp: only now do the two values matter.
        const value = floatAt(bytes, line.valueStart, line.valueEnd);
        if (value > bestValue(bytes, best)) takeLine(best, line, value);
      } else if (!best.found || line.step > best.step || (line.step === best.step && line.timestamp > best.timestamp)) {
        takeLine(best, line, undefined);
      }
      start = end + 1;
      continue;
    }
    const newline = bytes.indexOf(10, start);
    const lineEnd = newline === -1 ? bytes.length : newline;
    const text = decodeUtf8(bytes, start, lineEnd);
    if (text.includes('\r')) return latestMetricInFile(decodeUtf8(bytes, 0, bytes.length), key, experimentId);
    takeMetric(best, laterOf(best.found ? bestMetric(bytes, best, key) : undefined, text, key, experimentId));
    start = lineEnd + 1;
  }
  return best.found ? bestMetric(bytes, best, key) : undefined;
}

/** A fast-shape line read from bytes: its value is still text at bytes[valueStart, valueEnd). */
interface ByteLine {
  timestamp: number;
  step: number;
  valueStart: number;
  valueEnd: number;
  /** The integer scanInt() read last. */
  digits: number;
}

/**
 * The best line so far in latestMetricInBytes(): its value is still text while valueStart is
 * not -1, and `metric` is set when it came from the string path (it may hold dataset fields).
 */
interface ByteBest {
  found: boolean;
  timestamp: number;
  step: number;
  value: number;
  valueStart: number;
  valueEnd: number;
  metric: Metric | undefined;
}

function takeLine(best: ByteBest, line: ByteLine, value: number | undefined): void {
  best.found = true;
  best.timestamp = line.timestamp;
  best.step = line.step;
  best.metric = undefined;
  if (value === undefined) {
    best.valueStart = line.valueStart;
    best.valueEnd = line.valueEnd;
  } else {
    best.value = value;
    best.valueStart = -1;
  }
}

function takeMetric(best: ByteBest, metric: Metric): void {
  best.found = true;
  best.timestamp = metric.timestamp;
  best.step = metric.step;
  best.value = metric.value;
  best.valueStart = -1;
  best.metric = metric;
}

function bestValue(bytes: Uint8Array, best: ByteBest): number {
  if (best.valueStart !== -1) {
    best.value = floatAt(bytes, best.valueStart, best.valueEnd);
    best.valueStart = -1;
  }
  return best.value;
}

function bestMetric(bytes: Uint8Array, best: ByteBest, key: string): Metric {
  best.metric ??= { key, value: bestValue(bytes, best), timestamp: best.timestamp, step: best.step };
  return best.metric;
}

/**
 * Reads the line at bytes[start] when readCommonLine() would take it to the same fields and
 * its value is in FLOAT_SYNTAX (so it is ASCII, and its characters are its bytes); returns
 * where the line ends (its byte 10 or the end of the bytes), or -1 for any other line.
 */
function scanCommonLine(bytes: Uint8Array, start: number, into: ByteLine): number {
  let i = scanInt(bytes, start, into);
  if (i === -1 || bytes[i] !== 32) return -1;
  into.timestamp = into.digits;
  into.valueStart = i + 1;
  let state = FLOAT_START;
  for (i += 1; i < bytes.length && bytes[i] !== 32; i += 1) {
    state = FLOAT_MOVES[state * 256 + (bytes[i] ?? 0)] ?? FLOAT_DEAD;
    if (state === FLOAT_DEAD) return -1;
  }
  if (FLOAT_ENDS[state] !== 1 || i === bytes.length) return -1;
  into.valueEnd = i;
  i = scanInt(bytes, i + 1, into);
  if (i === -1 || (i !== bytes.length && bytes[i] !== 10)) return -1;
  into.step = into.digits;
  return i;
}

/** plainInt() on the digits at bytes[start]: returns where they end, or -1. */
function scanInt(bytes: Uint8Array, start: number, into: ByteLine): number {
  const negative = bytes[start] === 45;
  const digitsStart = negative ? start + 1 : start;
  let value = 0;
  let i = digitsStart;
  for (; i < bytes.length; i += 1) {
    const digit = (bytes[i] ?? 0) - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  if (i === digitsStart || i - digitsStart > 15) return -1;
  into.digits = negative ? -value : value;
  return i;
}

/** The value whose text, in FLOAT_SYNTAX and so ASCII, is at bytes[start, end). */
function floatAt(bytes: Uint8Array, start: number, end: number): number {
  let text = '';
  for (let i = start; i < end; i += 1) text += String.fromCharCode(bytes[i] ?? 0);
  return plainFloat(text)!;
}

/**
 * Decodes as `Buffer#toString('utf8')` does, which is how metric files were always read: a
 * byte-order mark stays (TextDecoder drops one by default, which would also drop one that
 * starts a line decoded alone), and each invalid sequence becomes U+FFFD.
 */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  return utf8.decode(bytes.subarray(start, end));
}

/** How long after its last change a metric file can still be in the middle of an append. */
const APPEND_MS = 2000;

/**
 * How many of a metric file's bytes to read, leaving out a last line still being appended.
 * Linux copies a large append into the file page by page, so a reader can catch a line cut
 * short; every line MLflow and this library write ends in a newline, so a last line without
 * one, in a file changed less than two seconds before `nowMs`, is left for the next read. An
 * older file is read whole (a hand-written one may lack the final newline), and so is one with
 * no newline at all: a file is created with its first lines whole, so a cut line always
 * follows a whole one. Counting bytes rather than characters is safe, as UTF-8 never uses
 * byte 10 inside a character.
 */
export function settledByteLength(bytes: Uint8Array, modifiedMs: number, nowMs: number): number {
  if (bytes.at(-1) === 10 || nowMs - modifiedMs > APPEND_MS) return bytes.length;
  const lastNewline = bytes.lastIndexOf(10);
  return lastNewline === -1 ? bytes.length : lastNewline + 1;
}

/** Characters Python's str.strip() removes with no argument (Unicode whitespace). */
const PY_WHITESPACE = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/gu;

/** Python's `str.strip()`: also strips the separator controls \x1c-\x1f that JS's trim() keeps. */
export function pythonStrip(text: string): string {
  return text.replace(PY_WHITESPACE, '');
}
