import { describe, expect, it } from 'vitest';
import { parseOlderThan } from '../../src/gc/index.js';

describe('parseOlderThan', () => {
  it('reads days, hours, minutes and seconds in mlflow gc’s order', () => {
    expect(parseOlderThan('30d')).toBe(30 * 86_400_000);
    expect(parseOlderThan('2d8h5m20s')).toBe(((2 * 24 + 8) * 3600 + 5 * 60 + 20) * 1000);
    expect(parseOlderThan('2m4s')).toBe(124_000);
  });

  it('takes fractions, as MLflow’s float() does', () => {
    expect(parseOlderThan('1.5h')).toBe(5_400_000);
  });

  it('refuses units out of order, unknown units and empty text, with MLflow’s message', () => {
    for (const text of ['4s2m', '30days', '1w', '', '1..2d']) {
      expect(() => parseOlderThan(text)).toThrow(`Could not parse any time information from '${text}'`);
    }
  });
});
