/**
 * Matching, sorting and paging registered models and model versions that are already loaded,
 * with the file registry's semantics (`SearchModelUtils` / `SearchModelVersionUtils.filter` and
 * `.sort`, FileStore `search_registered_models` / `search_model_versions`).
 */
import type { ModelVersion, RegisteredModel } from '../../entities/index.js';
import { InvalidParameterError } from '../../errors/index.js';
import type { Clause } from '../filter/ast.js';
import type {
  ModelVersionFilter,
  ModelVersionOrderBy,
  RegisteredModelFilter,
  RegisteredModelOrderBy,
} from '../filter/registry-ast.js';
import { compareCodePoints } from '../compare.js';
import { paginate } from '../page-token.js';
import { holds, modelValue, versionClauseValue, versionValue, withoutPrompts, type Value } from './evaluate.js';
import { parseModelVersionFilter, parseModelVersionOrderBy, parseRegisteredModelFilter, parseRegisteredModelOrderBy } from './parse.js';

/** A sort key item: ascending values compare normally; descending ones reverse, missing last. */
function compareKeys(a: readonly Value[], b: readonly Value[], ascending: readonly boolean[]): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareCodePoints(String(x), String(y));
    if (order !== 0) return ascending[i] ? order : -order;
  }
  return 0;
}

function sortBy<T>(items: readonly T[], keys: readonly { key: string; ascending: boolean }[], value: (item: T, key: string) => Value): T[] {
  const directions = keys.map((k) => k.ascending);
  const decorated = items.map((item) => ({ item, sortKey: keys.map((k) => value(item, k.key)) }));
  decorated.sort((a, b) => compareKeys(a.sortKey, b.sortKey, directions));
  return decorated.map((d) => d.item);
}

function checkMaxResults(maxResults: unknown, limit: number): number {
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1) {
    throw new InvalidParameterError(`Invalid value for max_results. It must be a positive integer, but got ${String(maxResults)}`);
  }
  if (maxResults > limit) {
    throw new InvalidParameterError(`Invalid value for request parameter max_results. It must be at most ${limit}, but got value ${maxResults}`);
  }
  return maxResults;
}

export interface RegistrySearchOptions<F, O> {
  /** A filter string or a tree from parseRegisteredModelFilter / parseModelVersionFilter. */
  readonly filter?: string | F | null;
  readonly orderBy?: readonly (string | O)[] | null;
  readonly maxResults?: number;
  readonly pageToken?: string | null;
}

/** Page sizes of search_registered_models: 100 by default, at most 1000. @example REGISTERED_MODELS_MAX_RESULTS.limit // 1000 */
export const REGISTERED_MODELS_MAX_RESULTS = { default: 100, limit: 1000 } as const;
/** Page sizes of search_model_versions: 10,000 by default, at most 200,000. @example MODEL_VERSIONS_MAX_RESULTS.default // 10000 */
export const MODEL_VERSIONS_MAX_RESULTS = { default: 10_000, limit: 200_000 } as const;

interface EntitySearch<T, F, O> {
  readonly limits: { readonly default: number; readonly limit: number };
  readonly parseFilter: (text: string) => F;
  readonly parseOrderBy: (item: string) => O;
  readonly defaultOrder: readonly string[];
  /** What a clause compares: a tag's value or an attribute. */
  readonly clauseValue: (item: T, clause: Clause) => Value;
  /** What an order_by key sorts by. */
  readonly sortValue: (item: T, key: string) => Value;
  /** Tie-breakers after `name ASC` (added when no key names `name`). */
  readonly tieBreakers: readonly { key: string; ascending: boolean }[];
}

/** FileStore's search: the prompt filter, filter, order_by with tie-breakers, offset pages. */
function search<T, F extends { readonly clauses: readonly unknown[] }, O extends { readonly target: { readonly key: string }; readonly ascending: boolean }>(
  items: Iterable<T>,
  options: RegistrySearchOptions<F, O>,
  spec: EntitySearch<T, F, O>,
): { items: T[]; nextPageToken?: string } {
  const maxResults = checkMaxResults(options.maxResults ?? spec.limits.default, spec.limits.limit);
  const text = typeof options.filter === 'string' ? options.filter : '';
  const parsed = typeof options.filter === 'string' ? spec.parseFilter(options.filter) : (options.filter ?? ({ kind: 'filter', clauses: [] } as unknown as F));
  const filter = withoutPrompts(parsed, text);
  const given = options.orderBy ?? [];
  const orderBy = (given.length > 0 ? given : spec.defaultOrder).map((item) => (typeof item === 'string' ? spec.parseOrderBy(item) : item));
  const keys = orderBy.map((o) => ({ key: o.target.key, ascending: o.ascending }));
  if (!keys.some((k) => k.key === 'name')) keys.push({ key: 'name', ascending: true });
  keys.push(...spec.tieBreakers);
  const matching = [...items].filter((item) => filter.clauses.every((c) => holds(c as Clause, spec.clauseValue(item, c as Clause))));
  return paginate(sortBy(matching, keys, spec.sortValue), maxResults, options.pageToken);
}

const MODELS: EntitySearch<RegisteredModel, RegisteredModelFilter, RegisteredModelOrderBy> = {
  limits: REGISTERED_MODELS_MAX_RESULTS,
  parseFilter: parseRegisteredModelFilter,
  parseOrderBy: parseRegisteredModelOrderBy,
  defaultOrder: [],
  clauseValue: modelValue,
  sortValue: (m, key) => (key === 'name' ? m.name : key === 'creation_timestamp' ? m.creationTimestamp : m.lastUpdatedTimestamp),
  tieBreakers: [],
};

const VERSIONS: EntitySearch<ModelVersion, ModelVersionFilter, ModelVersionOrderBy> = {
  limits: MODEL_VERSIONS_MAX_RESULTS,
  parseFilter: parseModelVersionFilter,
  parseOrderBy: parseModelVersionOrderBy,
  defaultOrder: ['last_updated_timestamp DESC', 'name ASC', 'version_number DESC'],
  clauseValue: versionClauseValue,
  sortValue: versionValue,
  // MLflow's tie-breaker check looks for `version_number` after renaming it, so it always adds it.
  tieBreakers: [{ key: 'version_number', ascending: false }],
};

/**
 * Filters, sorts (default: by name) and pages registered models as MLflow's file registry does;
 * prompts are left out unless the filter names `mlflow.prompt.is_prompt`.
 * @example searchRegisteredModels(all, { filter: "name LIKE 'iris%'", orderBy: ['last_updated_timestamp DESC'], maxResults: 10 })
 */
export function searchRegisteredModels(
  models: Iterable<RegisteredModel>,
  options: RegistrySearchOptions<RegisteredModelFilter, RegisteredModelOrderBy> = {},
): { registeredModels: RegisteredModel[]; nextPageToken?: string } {
  const page = search(models, options, MODELS);
  return page.nextPageToken === undefined ? { registeredModels: page.items } : { registeredModels: page.items, nextPageToken: page.nextPageToken };
}

/**
 * Filters, sorts (default: last updated first, then name, then highest version) and pages
 * model versions as MLflow's file registry does. Soft-deleted versions never appear.
 * @example searchModelVersions(all, { filter: "name = 'iris' AND tags.validated = 'yes'" })
 */
export function searchModelVersions(
  versions: Iterable<ModelVersion>,
  options: RegistrySearchOptions<ModelVersionFilter, ModelVersionOrderBy> = {},
): { modelVersions: ModelVersion[]; nextPageToken?: string } {
  const visible = [...versions].filter((v) => (v.currentStage as string) !== 'Deleted_Internal');
  const page = search(visible, options, VERSIONS);
  return page.nextPageToken === undefined ? { modelVersions: page.items } : { modelVersions: page.items, nextPageToken: page.nextPageToken };
}
