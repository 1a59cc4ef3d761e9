import { describe, expect, it } from 'vitest';
import * as search from '../../src/search/index.js';

describe('the mlruns/search entry point', () => {
  it('exports exactly the documented functions and values', () => {
    expect(Object.keys(search).sort()).toEqual([
      'DEFAULT_MAX_RESULTS',
      'FilterSyntaxError',
      'MAX_RESULTS_THRESHOLD',
      'MODEL_VERSIONS_MAX_RESULTS',
      'REGISTERED_MODELS_MAX_RESULTS',
      'decodePageToken',
      'encodePageToken',
      'ilike',
      'like',
      'matchesExperiment',
      'matchesRun',
      'numberLiteral',
      'paginate',
      'parseExperimentFilter',
      'parseModelVersionFilter',
      'parseModelVersionOrderBy',
      'parseOrderBy',
      'parseRegisteredModelFilter',
      'parseRegisteredModelOrderBy',
      'parseRunFilter',
      'printClause',
      'printFilter',
      'printOrderBy',
      'searchExperiments',
      'searchModelVersions',
      'searchRegisteredModels',
      'searchRuns',
      'sortExperiments',
      'sortRuns',
    ]);
  });
});
