import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/errors/index.js';
import { isPathUnique, validateExperimentName, validateKey, validateRunId } from '../../src/validation/index.js';
import { newExperimentId, newRunId, randomRunName } from '../../src/format/ids.js';
import { RUN_NAME_NOUNS, RUN_NAME_PREDICATES } from '../../src/format/run-name-words.js';

describe('key validation', () => {
  it.each(['acc', 'val/acc', 'this is/a weird/but valid key', 'a.b', '.hidden', 'ключ', '精度', 'time:ms', 'x-y_z'])(
    'accepts %j',
    (key) => {
      expect(() => validateKey(key, 'metric')).not.toThrow();
    },
  );

  it.each(['', 'a//b', 'a/./b', 'a/', '/a', '../a', 'a/../b', '..x', '.', 'a\\b', 'nul\0byte', 'tab\t', 'new\nline', 'q"uote', 'semi;colon'])(
    'rejects %j before anything touches the disk',
    (key) => {
      expect(() => validateKey(key, 'param')).toThrow(InvalidParameterError);
    },
  );

  it('rejects a metric key longer than 250 characters', () => {
    expect(() => validateKey('k'.repeat(251), 'metric')).toThrow(/exceeds the maximum length of 250/);
  });

  it('names the allowed characters in its message', () => {
    expect(() => validateKey('a;b', 'tag')).toThrow(/may only contain letters, digits, underscores/);
  });

  it('agrees with posixpath.normpath on path-unique names', () => {
    expect(isPathUnique('a/b/c')).toBe(true);
    expect(isPathUnique('a/b/')).toBe(false);
  });
});

describe('names and ids', () => {
  it('rejects an empty or over-long experiment name', () => {
    expect(() => validateExperimentName('')).toThrow(/Invalid experiment name/);
    expect(() => validateExperimentName('x'.repeat(501))).toThrow(/'name' exceeds the maximum length/);
  });

  it('makes run ids of 32 lowercase hex characters that pass run id validation', () => {
    const id = newRunId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(() => validateRunId(id)).not.toThrow();
  });

  it('makes 18-digit experiment ids that never start with 0', () => {
    for (let i = 0; i < 200; i += 1) expect(newExperimentId()).toMatch(/^[1-9]\d{17}$/);
  });

  it('makes run names from MLflow words, at most 20 characters long', () => {
    for (let i = 0; i < 200; i += 1) {
      const name = randomRunName();
      const [predicate, noun, number] = name.split('-');
      expect(name.length).toBeLessThanOrEqual(20);
      expect(RUN_NAME_PREDICATES).toContain(predicate);
      if (name.length < 20) {
        expect(RUN_NAME_NOUNS).toContain(noun);
        expect(Number(number)).toBeLessThanOrEqual(1000);
      }
    }
  });

  it('rejects run ids that could name another folder', () => {
    expect(() => validateRunId('../x')).toThrow(InvalidParameterError);
    expect(() => validateRunId('')).toThrow(InvalidParameterError);
  });
});
