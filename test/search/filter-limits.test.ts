import { describe, expect, it } from 'vitest';
import { FilterSyntaxError, parseOrderBy, parseRunFilter } from '../../src/search/index.js';

/** `count` copies of one clause joined by AND: 10 tokens per clause, as sqlparse counts them. */
const clauses = (count: number): string => Array(count).fill('metrics.acc > 0.5').join(' AND ');

function elapsedMs(work: () => unknown): number {
  const start = performance.now();
  try {
    work();
  } catch {
    // only the time matters here
  }
  return performance.now() - start;
}

describe("sqlparse's limit of 10,000 tokens per statement", () => {
  it('accepts a filter of 9,997 tokens (1,000 clauses), as MLflow does', () => {
    expect(parseRunFilter(clauses(1000)).clauses).toHaveLength(1000);
  });

  it('refuses a filter of 10,007 tokens with MLflow\'s "Error on parsing filter"', () => {
    const filter = clauses(1001);
    expect(() => parseRunFilter(filter)).toThrow(FilterSyntaxError);
    expect(() => parseRunFilter(filter)).toThrow(`Error on parsing filter '${filter}'`);
  });

  it('refuses an order_by item of more than 10,000 tokens with MLflow\'s "Error on parsing order_by clause"', () => {
    const item = `metrics.${'a.'.repeat(5000)}b`;
    expect(() => parseOrderBy([item])).toThrow(`Error on parsing order_by clause '${item}'`);
  });

  it('refuses a filter of a million tokens without reading all of it', () => {
    expect(elapsedMs(() => parseRunFilter('a '.repeat(500_000)))).toBeLessThan(1000);
  });

  it('does not search the rest of a long filter again for each unclosed comment', () => {
    const filter = `${'/*'.repeat(4000)}${'x'.repeat(2_000_000)}`;
    expect(() => parseRunFilter(filter)).toThrow(FilterSyntaxError);
    expect(elapsedMs(() => parseRunFilter(filter))).toBeLessThan(1000);
  });
});
