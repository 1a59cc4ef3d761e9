/**
 * Page tokens and pagination, interchangeable with MLflow's FileStore
 * (`SearchUtils.create_page_token`, `parse_start_offset_from_page_token`, `paginate`).
 *
 * A token is the standard Base64 of Python's `json.dumps({"offset": N})`. Decoding follows
 * Python step by step, so a token MLflow accepts is accepted here with the same offset: Base64
 * that skips foreign characters, JSON as Python reads it, an `offset` that must be truthy and
 * `int()`-convertible (`"7"` is 7, `2.9` is 2, a negative offset counts from the end, as a
 * Python slice does).
 */
import { InvalidParameterError } from '../errors/index.js';
import { pyJsonLoads, pyRepr, type PyJson } from './py-json.js';

/**
 * MLflow's SEARCH_MAX_RESULTS_DEFAULT: the page size when none is given.
 * @example searchRuns(runs, { maxResults: DEFAULT_MAX_RESULTS })
 */
export const DEFAULT_MAX_RESULTS = 1000;
/**
 * MLflow's SEARCH_MAX_RESULTS_THRESHOLD: the largest page size a search accepts.
 * @example Math.min(wanted, MAX_RESULTS_THRESHOLD)
 */
export const MAX_RESULTS_THRESHOLD = 50_000;

/**
 * The token for a page starting at `offset`.
 * @example encodePageToken(4) // 'eyJvZmZzZXQiOiA0fQ=='
 */
export function encodePageToken(offset: number | bigint): string {
  return Buffer.from(`{"offset": ${BigInt(offset)}}`, 'utf8').toString('base64');
}

/**
 * The offset a page token stands for; 0 for an absent or empty token.
 * @example decodePageToken('eyJvZmZzZXQiOiA0fQ==') // 4n
 * @throws InvalidParameterError "Invalid page token, ..." as MLflow words it.
 */
export function decodePageToken(token: string | null | undefined): bigint {
  if (token === undefined || token === null || token === '') return 0n;
  const bytes = base64Decode(token);
  const parsed = pyJsonLoads(bytes);
  if (parsed === undefined) throw new InvalidParameterError(`Invalid page token, decoded value=${pyBytesRepr(bytes)}`);
  // Python would fail with AttributeError on a non-object; it is still a bad token.
  const offset = parsed.t === 'dict' ? parsed.entries.get('offset') : undefined;
  if (offset === undefined || isFalsy(offset)) throw new InvalidParameterError(`Invalid page token, parsed value=${pyRepr(parsed)}`);
  return pyInt(offset);
}

function isFalsy(value: PyJson): boolean {
  switch (value.t) {
    case 'null':
      return true;
    case 'bool':
      return !value.value;
    case 'int':
      return value.value === 0n;
    case 'float':
      return value.value === 0;
    case 'str':
      return value.value === '';
    case 'list':
      return value.items.length === 0;
    case 'dict':
      return value.entries.size === 0;
  }
}

/** Python's `int(value)` for the JSON values a token can hold. */
function pyInt(value: PyJson): bigint {
  const bad = (shown: string) => new InvalidParameterError(`Invalid page token, not stringable ${shown}`);
  switch (value.t) {
    case 'int':
      return value.value;
    case 'bool':
      return value.value ? 1n : 0n;
    case 'float':
      if (Number.isNaN(value.value)) throw bad('nan');
      if (!Number.isFinite(value.value)) throw bad(value.value > 0 ? 'inf' : '-inf');
      return BigInt(Math.trunc(value.value));
    case 'str': {
      const digits = value.value.replace(/\p{Nd}/gu, (d) => String(digitValue(d))).trim();
      if (!/^[+-]?\d+(_\d+)*$/.test(digits)) throw bad(value.value);
      return BigInt(digits.replace(/_/g, ''));
    }
    default:
      throw bad(pyRepr(value));
  }
}

function digitValue(digit: string): number {
  const cp = digit.codePointAt(0)!;
  let first = cp;
  while (first > 0 && cp - first < 60 && /\p{Nd}/u.test(String.fromCodePoint(first - 1))) first--;
  return (cp - first) % 10;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** CPython's non-strict `binascii.a2b_base64`: skips foreign characters, stops at full padding. */
function base64Decode(token: string): Uint8Array {
  const fail = () => new InvalidParameterError('Invalid page token, could not base64-decode');
  // base64.b64decode only takes ASCII text.
  if (/[^\x00-\x7f]/.test(token)) throw fail();
  const out: number[] = [];
  let quad = 0;
  let left = 0;
  let pads = 0;
  for (const ch of token) {
    if (ch === '=') {
      if (quad >= 2 && quad + ++pads >= 4) return Uint8Array.from(out);
      continue;
    }
    const v = ALPHABET.indexOf(ch);
    if (v === -1) continue;
    pads = 0;
    if (quad === 0) left = v;
    else if (quad === 1) out.push(((left << 2) | (v >> 4)) & 0xff), (left = v & 0x0f);
    else if (quad === 2) out.push(((left << 4) | (v >> 2)) & 0xff), (left = v & 0x03);
    else out.push(((left << 6) | v) & 0xff);
    quad = (quad + 1) % 4;
  }
  if (quad !== 0) throw fail();
  return Uint8Array.from(out);
}

/** Python's repr of a bytes object. */
function pyBytesRepr(bytes: Uint8Array): string {
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  let body = '';
  for (const b of bytes) {
    if (b === 0x5c) body += '\\\\';
    else if (b === 0x27 && quote === "'") body += "\\'";
    else if (b === 0x0a) body += '\\n';
    else if (b === 0x0d) body += '\\r';
    else if (b === 0x09) body += '\\t';
    else if (b >= 0x20 && b < 0x7f) body += String.fromCharCode(b);
    else body += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `b${quote}${body}${quote}`;
}

// ---- pagination -------------------------------------------------------------------------------

/** Python's slice bound normalisation for `items[start:stop]`. */
function sliceBound(index: bigint, length: number): number {
  const len = BigInt(length);
  const i = index < 0n ? index + len : index;
  return Number(i < 0n ? 0n : i > len ? len : i);
}

/**
 * One page of already sorted items, and the token for the next page if there is one.
 * @example
 * const first = paginate(sorted, 10);
 * const second = paginate(sorted, 10, first.nextPageToken);
 */
export function paginate<T>(items: readonly T[], maxResults: number, pageToken?: string | null): { items: T[]; nextPageToken?: string } {
  const start = decodePageToken(pageToken);
  const end = start + BigInt(maxResults);
  const page = items.slice(sliceBound(start, items.length), sliceBound(end, items.length));
  return end < BigInt(items.length) ? { items: page, nextPageToken: encodePageToken(end) } : { items: page };
}

/** FileStore `_search_runs`: at most 50,000 per page (0 is allowed and returns nothing). */
export function checkRunsMaxResults(maxResults: number): number {
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults)) {
    throw new InvalidParameterError(`Invalid value ${String(maxResults)} for parameter 'max_results' supplied. It must be an integer`);
  }
  if (maxResults > MAX_RESULTS_THRESHOLD) {
    throw new InvalidParameterError(
      `Invalid value for request parameter max_results. It must be at most ${MAX_RESULTS_THRESHOLD}, but got value ${maxResults}`,
    );
  }
  // MLflow would slice with a negative bound and hand out tokens that never end (docs/compat.md).
  if (maxResults < 0) {
    throw new InvalidParameterError(`Invalid value ${maxResults} for parameter 'max_results' supplied. It must not be negative`);
  }
  return maxResults;
}

/** FileStore `search_experiments`: an integer from 1 to 50,000. */
export function checkExperimentsMaxResults(maxResults: number | null): number {
  const shown = maxResults === null ? 'None' : String(maxResults);
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1) {
    throw new InvalidParameterError(`Invalid value ${shown} for parameter 'max_results' supplied. It must be a positive integer`);
  }
  if (maxResults > MAX_RESULTS_THRESHOLD) {
    throw new InvalidParameterError(
      `Invalid value ${shown} for parameter 'max_results' supplied. It must be at most ${MAX_RESULTS_THRESHOLD}`,
    );
  }
  return maxResults;
}
