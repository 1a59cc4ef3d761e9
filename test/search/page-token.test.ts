import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/errors/index.js';
import { decodePageToken, encodePageToken, paginate, searchExperiments, searchRuns } from '../../src/search/index.js';
import { makeRun } from '../helpers/entities.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('page tokens (spec 6.8)', () => {
  it("encodes an offset as Base64 of Python's json.dumps", () => {
    expect(encodePageToken(4)).toBe('eyJvZmZzZXQiOiA0fQ==');
  });

  it('decodes its own tokens', () => {
    expect(decodePageToken(encodePageToken(1234))).toBe(1234n);
  });

  it.each([undefined, null, ''])('reads %j as offset 0', (token) => {
    expect(decodePageToken(token)).toBe(0n);
  });

  it('accepts an offset written as a string', () => {
    expect(decodePageToken(b64('{"offset": "7"}'))).toBe(7n);
  });

  it('truncates a fractional offset, as int() does', () => {
    expect(decodePageToken(b64('{"offset": 2.9}'))).toBe(2n);
  });

  it('accepts a negative offset', () => {
    expect(decodePageToken(b64('{"offset": -2}'))).toBe(-2n);
  });

  it('accepts true as offset 1', () => {
    expect(decodePageToken(b64('{"offset": true}'))).toBe(1n);
  });

  it('skips characters outside the Base64 alphabet, as Python does', () => {
    expect(decodePageToken('eyJvZmZ!zZXQiOiA0fQ==')).toBe(4n);
  });

  it('keeps huge offsets exact', () => {
    expect(decodePageToken(b64('{"offset": 123456789012345678901234567890}'))).toBe(123456789012345678901234567890n);
  });
});

describe('invalid page tokens (spec case 70)', () => {
  it.each([
    ['{}', 'Invalid page token, parsed value={}'],
    ['{"offset": 0}', "Invalid page token, parsed value={'offset': 0}"],
    ['{"offset": "a"}', 'Invalid page token, not stringable a'],
    ['{"offsoot": 7}', "Invalid page token, parsed value={'offsoot': 7}"],
    ['{"offset": NaN}', 'Invalid page token, not stringable nan'],
    ['[1]', 'Invalid page token, parsed value=[1]'],
    ['nope', "Invalid page token, decoded value=b'nope'"],
  ])('rejects the token for %s', (json, message) => {
    expect(() => decodePageToken(b64(json))).toThrow(message);
  });

  it.each(['evilhax', 'eyJvZmZzZXQiOiA0fQ', 'a', '😀'])('rejects %j as not Base64', (token) => {
    expect(() => decodePageToken(token)).toThrow('Invalid page token, could not base64-decode');
  });

  it('raises an InvalidParameterError', () => {
    expect(() => decodePageToken('invalid_token')).toThrow(InvalidParameterError);
  });
});

describe('paginate (spec case 69)', () => {
  const items = [0, 1, 2];
  const token = (offset: number) => encodePageToken(offset);

  it.each([
    [undefined, 1, [0], 1],
    [undefined, 3, [0, 1, 2], undefined],
    [1, 2, [1, 2], undefined],
    [2, 0, [], 2],
    [3, 1, [], undefined],
  ])('from offset %j with page size %i returns %j and a token for %j', (offset, maxResults, expected, next) => {
    const page = paginate(items, maxResults, offset === undefined ? undefined : token(offset));
    expect(page.items).toEqual(expected);
    expect(page.nextPageToken).toBe(next === undefined ? undefined : token(next));
  });

  it('counts a negative offset from the end, as a Python slice does', () => {
    expect(paginate([0, 1, 2, 3], 1, b64('{"offset": -2}')).items).toEqual([2]);
  });
});

describe('max_results', () => {
  it('accepts 0 for runs and returns a token pointing at the same offset (spec 6.5)', () => {
    const page = searchRuns([makeRun()], { maxResults: 0 });
    expect(page.runs).toEqual([]);
    expect(page.nextPageToken).toBe(encodePageToken(0));
  });

  it('rejects more than 50,000 runs per page (spec case 55)', () => {
    expect(() => searchRuns([], { maxResults: 1e10 })).toThrow(
      'Invalid value for request parameter max_results. It must be at most 50000, but got value 10000000000',
    );
  });

  it('rejects a negative page size for runs', () => {
    expect(() => searchRuns([], { maxResults: -1 })).toThrow(InvalidParameterError);
  });

  it.each([null, 0, -3, 1.5])('rejects %j experiments per page (spec case 12)', (maxResults) => {
    expect(() => searchExperiments([], { maxResults })).toThrow('It must be a positive integer');
  });

  it('rejects more than 50,000 experiments per page (spec case 12)', () => {
    expect(() => searchExperiments([], { maxResults: 1_000_000 })).toThrow(
      "Invalid value 1000000 for parameter 'max_results' supplied. It must be at most 50000",
    );
  });
});
