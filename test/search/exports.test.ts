import { describe, expect, it } from 'vitest';
import * as search from '../../src/search/index.js';

describe('the mlruns/search entry point', () => {
  it('exports exactly the documented functions and values', () => {
    expect(Object.keys(search).sort()).toEqual([
      'DEFAULT_MAX_RESULTS',
      'FilterSyntaxError',
      'MAX_RESULTS_THRESHOLD',
      'decodePageToken',
      'encodePageToken',
      'ilike',
      'like',
      'matchesExperiment',
      'matchesRun',
      'numberLiteral',
      'paginate',
      'parseExperimentFilter',
      'parseOrderBy',
      'parseRunFilter',
      'printClause',
      'printFilter',
      'printOrderBy',
      'searchExperiments',
      'searchRuns',
      'sortExperiments',
      'sortRuns',
    ]);
  });
});
