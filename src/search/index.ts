/**
 * MLflow's search language, offline: parse and validate filter and order_by strings, evaluate
 * them over runs and experiments that are already loaded, sort and paginate exactly as MLflow's
 * FileStore does. Published as the `mlruns/search` subpath; nothing here touches the disk.
 *
 * @example
 * import { parseRunFilter, searchRuns } from 'mlruns/search';
 * parseRunFilter("metrics.acc > 0.9 AND params.model = 'cnn'"); // throws FilterSyntaxError if invalid
 * const { runs, nextPageToken } = searchRuns(allRuns, { filter: 'metrics.acc > 0.9', orderBy: ['metrics.acc DESC'], maxResults: 10 });
 */
import type { Experiment, Run } from '../entities/index.js';
import type { ExperimentFilter, ExperimentOrderBy, RunFilter, RunOrderBy } from './filter/ast.js';
import { parseExperimentFilterString, parseRunFilterString } from './filter/parser.js';
import { matchesExperiment, matchesRun } from './evaluate.js';
import { parseExperimentOrderByItem, parseRunOrderByItem, sortExperiments, sortRuns } from './order-by.js';
import { DEFAULT_MAX_RESULTS, checkExperimentsMaxResults, checkRunsMaxResults, paginate } from './page-token.js';

export type * from './filter/ast.js';
export { numberLiteral } from './filter/ast.js';
export { printFilter, printClause, printOrderBy } from './filter/print.js';
export { matchesRun, matchesExperiment } from './evaluate.js';
export { sortRuns, sortExperiments } from './order-by.js';
export { like, ilike } from './like.js';
export { encodePageToken, decodePageToken, paginate, DEFAULT_MAX_RESULTS, MAX_RESULTS_THRESHOLD } from './page-token.js';
export { FilterSyntaxError } from '../errors/filter-syntax-error.js';

/**
 * Parses a `search_runs` filter string into a readonly AST, with MLflow's rules and messages.
 * The empty string is the empty filter (it matches every run).
 *
 * @example
 * const filter = parseRunFilter("metrics.acc >= 0.9 and tags.`mlflow.user` = 'alice'");
 * filter.clauses[0]; // { kind: 'numericComparison', target: { kind: 'metric', key: 'acc' }, operator: '>=', ... }
 * @throws FilterSyntaxError (an InvalidParameterError): the message quotes MLflow's and shows
 * a caret under the offending character.
 */
export function parseRunFilter(filter: string): RunFilter {
  if (typeof filter !== 'string') throw new TypeError(`A filter must be a string, not ${typeof filter}`);
  return parseRunFilterString(filter);
}

/**
 * Parses a `search_experiments` filter string: attributes `name`, `experiment_id`,
 * `creation_time`, `last_update_time` and `tags.<key>`.
 *
 * @example parseExperimentFilter("name LIKE 'sweep-%' AND tags.team IS NOT NULL")
 * @throws FilterSyntaxError
 */
export function parseExperimentFilter(filter: string): ExperimentFilter {
  if (typeof filter !== 'string') throw new TypeError(`A filter must be a string, not ${typeof filter}`);
  return parseExperimentFilterString(filter);
}

/**
 * Parses order_by items (`'metrics.acc DESC'`, ``'params.`learning rate`'``) for runs, or for
 * experiments when `entity` is `'experiment'`.
 *
 * @example parseOrderBy(['metrics.acc DESC', 'start_time'])
 * @example parseOrderBy(['name ASC'], 'experiment')
 * @throws FilterSyntaxError ("Invalid order_by clause ...", "Invalid ordering key ...", ...)
 */
export function parseOrderBy(items: readonly string[], entity?: 'run'): RunOrderBy[];
export function parseOrderBy(items: readonly string[], entity: 'experiment'): ExperimentOrderBy[];
export function parseOrderBy(items: readonly string[], entity: 'run' | 'experiment' = 'run'): RunOrderBy[] | ExperimentOrderBy[] {
  return entity === 'run' ? items.map(parseRunOrderByItem) : items.map(parseExperimentOrderByItem);
}

export interface SearchRunsOptions {
  /** A filter string, or a filter already parsed with `parseRunFilter`. */
  readonly filter?: string | RunFilter | null;
  /** order_by items; the default order is start_time DESC, then run_id. */
  readonly orderBy?: readonly (string | RunOrderBy)[] | null;
  /** Page size, 0 to 50,000 (default 1,000). */
  readonly maxResults?: number;
  /** The `nextPageToken` of the previous page. */
  readonly pageToken?: string | null;
}

export interface SearchExperimentsOptions {
  readonly filter?: string | ExperimentFilter | null;
  /** order_by items; the default order is creation_time DESC, then experiment_id. */
  readonly orderBy?: readonly (string | ExperimentOrderBy)[] | null;
  /** Page size, 1 to 50,000 (default 1,000); `null` is rejected as MLflow rejects None. */
  readonly maxResults?: number | null;
  readonly pageToken?: string | null;
}

/**
 * Filters, sorts and paginates runs that are already loaded, with MLflow's semantics
 * (FileStore `search_runs`). Which runs to pass (experiments, view type) is the caller's choice.
 *
 * @example
 * const { runs, nextPageToken } = searchRuns(allRuns, {
 *   filter: "metrics.acc > 0.9 AND params.model = 'cnn'",
 *   orderBy: ['metrics.acc DESC'],
 *   maxResults: 20,
 * });
 */
export function searchRuns(runs: Iterable<Run>, options: SearchRunsOptions = {}): { runs: Run[]; nextPageToken?: string } {
  const maxResults = checkRunsMaxResults(options.maxResults ?? DEFAULT_MAX_RESULTS);
  const filter = typeof options.filter === 'string' ? parseRunFilter(options.filter) : (options.filter ?? undefined);
  const orderBy = (options.orderBy ?? []).map((item) => (typeof item === 'string' ? parseRunOrderByItem(item) : item));
  const matching = filter === undefined ? [...runs] : [...runs].filter((run) => matchesRun(run, filter));
  const page = paginate(sortRuns(matching, orderBy), maxResults, options.pageToken);
  return page.nextPageToken === undefined ? { runs: page.items } : { runs: page.items, nextPageToken: page.nextPageToken };
}

/**
 * Filters, sorts and paginates experiments that are already loaded (FileStore
 * `search_experiments`); the caller picks the view type.
 *
 * @example
 * const { experiments } = searchExperiments(all, { filter: "name LIKE 'sweep-%'", orderBy: ['name'] });
 */
export function searchExperiments(
  experiments: Iterable<Experiment>,
  options: SearchExperimentsOptions = {},
): { experiments: Experiment[]; nextPageToken?: string } {
  const maxResults = checkExperimentsMaxResults(options.maxResults === undefined ? DEFAULT_MAX_RESULTS : options.maxResults);
  const filter = typeof options.filter === 'string' ? parseExperimentFilter(options.filter) : (options.filter ?? undefined);
  const orderBy = (options.orderBy ?? []).map((item) => (typeof item === 'string' ? parseExperimentOrderByItem(item) : item));
  const matching = filter === undefined ? [...experiments] : [...experiments].filter((e) => matchesExperiment(e, filter));
  const page = paginate(sortExperiments(matching, orderBy), maxResults, options.pageToken);
  return page.nextPageToken === undefined ? { experiments: page.items } : { experiments: page.items, nextPageToken: page.nextPageToken };
}
export type * from './filter/registry-ast.js';
export { parseRegisteredModelFilter, parseModelVersionFilter, parseRegisteredModelOrderBy, parseModelVersionOrderBy } from './registry/parse.js';
export { searchRegisteredModels, searchModelVersions, REGISTERED_MODELS_MAX_RESULTS, MODEL_VERSIONS_MAX_RESULTS } from './registry/search.js';
export type { RegistrySearchOptions } from './registry/search.js';
