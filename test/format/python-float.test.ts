import { describe, expect, it } from 'vitest';
import { formatPythonFloat, parsePythonFloat, parsePythonInt } from '../../src/format/python-float.js';

describe('formatPythonFloat', () => {
  it.each([
    [3, '3.0'],
    [-0, '-0.0'],
    [0, '0.0'],
    [0.1, '0.1'],
    [1 / 3, '0.3333333333333333'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [123456789012345680000, '1.2345678901234568e+20'],
    [1.5e300, '1.5e+300'],
    [5e-324, '5e-324'],
    [NaN, 'nan'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('writes %s as Python repr writes it: %s', (value, expected) => {
    expect(formatPythonFloat(value)).toBe(expected);
  });
});

describe('parsePythonFloat', () => {
  it.each([
    ['1.5', 1.5],
    ['10', 10],
    ['  -2.5e-3 ', -0.0025],
    ['1E+5', 100000],
    ['.5', 0.5],
    ['5.', 5],
    ['1_000.5', 1000.5],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['+INF', Infinity],
  ])('reads %j as Python float() does', (text, expected) => {
    expect(parsePythonFloat(text)).toBe(expected);
  });

  it.each(['nan', 'NaN', '-nan'])('reads %j as NaN', (text) => {
    expect(parsePythonFloat(text)).toBeNaN();
  });

  it.each(['', 'abc', '1e', '0x10', '1__0', '1.2.3', 'infinit'])('rejects %j as Python float() would', (text) => {
    expect(parsePythonFloat(text)).toBeUndefined();
  });
});

describe('parsePythonInt', () => {
  it('reads signed integers with surrounding space', () => {
    expect(parsePythonInt(' -42 ')).toBe(-42);
  });

  it('rejects a decimal point, as int() does for timestamps', () => {
    expect(parsePythonInt('1.5')).toBeUndefined();
  });
});
