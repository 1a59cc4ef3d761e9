import { describe, expect, it } from 'vitest';
import { ilike, like } from '../../src/search/index.js';

describe('LIKE', () => {
  it('matches the whole value when the pattern has no wildcards', () => {
    expect(like('abc', 'abc')).toBe(true);
    expect(like('abcd', 'abc')).toBe(false);
  });

  it('lets % match any run of characters, including none', () => {
    expect(like('abc', 'a%c')).toBe(true);
    expect(like('ac', 'a%c')).toBe(true);
  });

  it('lets _ match exactly one character', () => {
    expect(like('abc', 'a_c')).toBe(true);
    expect(like('ac', 'a_c')).toBe(false);
  });

  it('counts a character outside the BMP as one character for _', () => {
    expect(like('a😀c', 'a_c')).toBe(true);
  });

  it('is case-sensitive', () => {
    expect(like('ABC', 'abc')).toBe(false);
  });

  it.each(['jamie-foo C+W bar', 'jamie-foo C+%', '%+W%', 'jamie-foo C_W bar'])(
    'treats regex metacharacters literally in %s (spec case 71)',
    (pattern) => {
      expect(like('jamie-foo C+W bar', pattern)).toBe(true);
    },
  );

  it('does not treat a dot as a wildcard', () => {
    expect(like('abc', 'a.c')).toBe(false);
  });

  it('has no escape character', () => {
    expect(like('a%', 'a\\%')).toBe(false);
    expect(like('a\\x', 'a\\%')).toBe(true);
  });

  it('does not let % or _ match a newline', () => {
    expect(like('a\nb', '%b')).toBe(false);
    expect(like('a\nb', 'a_b')).toBe(false);
    expect(like('a\nb', 'a\nb')).toBe(true);
  });

  it('matches before a final newline when the pattern does not end with %', () => {
    expect(like('x\n', 'x')).toBe(true);
    expect(like('x\n\n', 'x')).toBe(false);
  });

  it('matches a prefix when the pattern ends with %, even across a later newline', () => {
    expect(like('ab\ncd', 'ab%')).toBe(true);
  });

  it('matches the empty value only with patterns that can match nothing', () => {
    expect(like('', '%')).toBe(true);
    expect(like('', '_')).toBe(false);
  });

  it('stays fast on patterns that make backtracking regexes explode', () => {
    const value = 'a'.repeat(5000);
    const started = performance.now();
    expect(like(value, `${'%a'.repeat(50)}b`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('ILIKE', () => {
  it('ignores ASCII case', () => {
    expect(ilike('Gamma Ray', 'GAMMA%')).toBe(true);
  });

  it('folds non-ASCII letters', () => {
    expect(ilike('ÜNÏ', 'ünï')).toBe(true);
  });

  it('matches the long s and the Kelvin sign as Python re.IGNORECASE does', () => {
    expect(ilike('ſ', 'S')).toBe(true);
    expect(ilike('\u212a', 'k')).toBe(true);
  });

  it('matches final and medial sigma to each other', () => {
    expect(ilike('ς', 'Σ')).toBe(true);
    expect(ilike('σ', 'ς')).toBe(true);
  });

  it('does not expand ß to ss', () => {
    expect(ilike('ss', 'ß')).toBe(false);
  });
});
