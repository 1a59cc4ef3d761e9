import { afterEach, describe, expect, it } from 'vitest';
import { parseExperimentFilter, parseOrderBy, parseRunFilter, searchRuns } from '../../src/search/index.js';
import { makeRun } from '../helpers/entities.js';

const original = globalThis.RegExp;
afterEach(() => {
  globalThis.RegExp = original;
});

/** Counts `new RegExp(...)` calls made while `work` runs. */
function regExpsBuiltBy(work: () => void): number {
  let built = 0;
  globalThis.RegExp = new Proxy(original, {
    construct(target, args: [string | RegExp, string?]) {
      built += 1;
      return new target(...args);
    },
  });
  try {
    work();
  } finally {
    globalThis.RegExp = original;
  }
  return built;
}

const FILTERS = [
  "metrics.acc > 0.9 AND params.model LIKE '%(a|b)*%' AND tags.`x.*` ILIKE '_^$%'",
  "attributes.run_id IN ('\\x41\\u0042\\U00000043', '(.*)+$')",
  "attributes.run_name ILIKE '((a+)+)+b'",
  '$$(.*)$$ = 1',
  "params.p = 'a' AND params.p != '[' AND tags.t IS NOT NULL",
];

describe('the search language and user input', () => {
  it('builds no regular expression while it parses and searches, so no input can make one blow up', () => {
    const runs = [makeRun({ runName: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', params: { model: '(a|b)*' }, tags: { 'x.*': '_^$%' } })];
    const built = regExpsBuiltBy(() => {
      for (const filter of FILTERS) {
        for (const parse of [parseRunFilter, parseExperimentFilter, (text: string) => parseOrderBy([text])]) {
          try {
            parse(filter);
          } catch {
            // invalid filters are fine here; only what is built counts
          }
        }
        try {
          searchRuns(runs, { filter });
        } catch {
          // as above
        }
      }
    });
    expect(built).toBe(0);
  });
});
