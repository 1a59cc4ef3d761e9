/**
 * Matching, sorting and paging registered models and model versions that are already loaded,
 * with the file registry's semantics (`SearchModelUtils` / `SearchModelVersionUtils.filter` and
 * `.sort`, FileStore `search_registered_models` / `search_model_versions`).
 */
import type { ModelVersion, RegisteredModel } from '../../entities/index.js';
import { InvalidParameterError } from '../../errors/index.js';
import type { Clause, NumericOperator } from '../filter/ast.js';
import type {
  ModelVersionFilter,
  ModelVersionOrderBy,
  RegisteredModelFilter,
  RegisteredModelOrderBy,
} from '../filter/registry-ast.js';
import { compareCodePoints } from '../compare.js';
import { like, ilike } from '../like.js';
import { paginate } from '../page-token.js';
import { parseModelVersionFilter, parseModelVersionOrderBy, parseRegisteredModelFilter, parseRegisteredModelOrderBy } from './parse.js';

/** The tag that marks prompts; MLflow hides prompts from model searches unless a filter names it. */
export const IS_PROMPT_TAG = 'mlflow.prompt.is_prompt';

type Value = string | number | null | undefined;

function own(record: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function numeric(lhs: number, operator: NumericOperator, rhs: number): boolean {
  switch (operator) {
    case '=': return lhs === rhs;
    case '!=': return lhs !== rhs;
    case '>': return lhs > rhs;
    case '>=': return lhs >= rhs;
    case '<': return lhs < rhs;
    case '<=': return lhs <= rhs;
  }
}

/** One clause against the value its target names (tags: the tag's value or undefined). */
function holds(clause: Clause, lhs: Value): boolean {
  if (clause.target.kind === 'tag' && clause.target.key === IS_PROMPT_TAG && lhs === undefined && clause.kind === 'stringComparison') {
    // A model without the tag is not a prompt: it matches `!= 'true'` and `= 'false'`.
    return (clause.operator === '=' && clause.value === 'false') || (clause.operator === '!=' && clause.value === 'true');
  }
  if (lhs === undefined || lhs === null) return false;
  switch (clause.kind) {
    case 'numericComparison':
      // MLflow compares with int(value): `version_number > 2.5` means `> 2`.
      return typeof lhs === 'number' && numeric(lhs, clause.operator, Math.trunc(clause.value.value));
    case 'stringComparison': {
      const text = String(lhs);
      if (clause.operator === 'LIKE') return like(text, clause.value);
      if (clause.operator === 'ILIKE') return ilike(text, clause.value);
      return clause.operator === '=' ? text === clause.value : text !== clause.value;
    }
    case 'listComparison': {
      const found = clause.values.includes(String(lhs));
      // `=` / `!=` with a list compare a string with a tuple in Python: never equal.
      return clause.operator === 'IN' ? found : clause.operator === 'NOT IN' ? !found : clause.operator === '!=';
    }
    case 'nullCheck':
      return false;
  }
}

function modelValue(model: RegisteredModel, clause: Clause): Value {
  return clause.target.kind === 'tag' ? own(model.tags, clause.target.key) : model.name;
}

function versionValue(version: ModelVersion, key: string): Value {
  switch (key) {
    case 'name': return version.name;
    case 'run_id': return version.runId;
    case 'source_path': return version.source;
    case 'version_number': return Number(version.version);
    case 'creation_timestamp': return version.creationTimestamp;
    case 'last_updated_timestamp': return version.lastUpdatedTimestamp;
    default: return undefined;
  }
}

function versionClauseValue(version: ModelVersion, clause: Clause): Value {
  return clause.target.kind === 'tag' ? own(version.tags, clause.target.key) : versionValue(version, clause.target.key);
}

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

/** The clause MLflow appends unless the filter mentions the prompt tag: prompts are not models. */
function withoutPrompts<F extends { readonly clauses: readonly unknown[] }>(filter: F, text: string): F {
  if (text.includes(IS_PROMPT_TAG)) return filter;
  const clause = { kind: 'stringComparison', target: { kind: 'tag', key: IS_PROMPT_TAG }, operator: '!=', value: 'true' };
  return { ...filter, clauses: [...filter.clauses, clause] };
}

export interface RegistrySearchOptions<F, O> {
  /** A filter string or a tree from parseRegisteredModelFilter / parseModelVersionFilter. */
  readonly filter?: string | F | null;
  readonly orderBy?: readonly (string | O)[] | null;
  readonly maxResults?: number;
  readonly pageToken?: string | null;
}

export const REGISTERED_MODELS_MAX_RESULTS = { default: 100, limit: 1000 } as const;
export const MODEL_VERSIONS_MAX_RESULTS = { default: 10_000, limit: 200_000 } as const;

/**
 * Filters, sorts (default: by name) and pages registered models as MLflow's file registry does;
 * prompts are left out unless the filter names `mlflow.prompt.is_prompt`.
 * @example searchRegisteredModels(all, { filter: "name LIKE 'iris%'", orderBy: ['last_updated_timestamp DESC'], maxResults: 10 })
 */
export function searchRegisteredModels(
  models: Iterable<RegisteredModel>,
  options: RegistrySearchOptions<RegisteredModelFilter, RegisteredModelOrderBy> = {},
): { registeredModels: RegisteredModel[]; nextPageToken?: string } {
  const maxResults = checkMaxResults(options.maxResults ?? REGISTERED_MODELS_MAX_RESULTS.default, REGISTERED_MODELS_MAX_RESULTS.limit);
  const text = typeof options.filter === 'string' ? options.filter : '';
  const parsed = typeof options.filter === 'string' ? parseRegisteredModelFilter(options.filter) : (options.filter ?? { kind: 'filter', clauses: [] });
  const filter = withoutPrompts(parsed, text);
  const orderBy = (options.orderBy ?? []).map((item) => (typeof item === 'string' ? parseRegisteredModelOrderBy(item) : item));
  const keys = orderBy.map((o) => ({ key: o.target.key as string, ascending: o.ascending }));
  if (!keys.some((k) => k.key === 'name')) keys.push({ key: 'name', ascending: true });
  const matching = [...models].filter((m) => filter.clauses.every((c) => holds(c as Clause, modelValue(m, c as Clause))));
  const sorted = sortBy(matching, keys, (m, key) => (key === 'name' ? m.name : key === 'creation_timestamp' ? m.creationTimestamp : m.lastUpdatedTimestamp));
  const page = paginate(sorted, maxResults, options.pageToken);
  return page.nextPageToken === undefined ? { registeredModels: page.items } : { registeredModels: page.items, nextPageToken: page.nextPageToken };
}

const DEFAULT_VERSION_ORDER = ['last_updated_timestamp DESC', 'name ASC', 'version_number DESC'];

/**
 * Filters, sorts (default: last updated first, then name, then highest version) and pages
 * model versions as MLflow's file registry does. Soft-deleted versions never appear.
 * @example searchModelVersions(all, { filter: "name = 'iris' AND tags.validated = 'yes'" })
 */
export function searchModelVersions(
  versions: Iterable<ModelVersion>,
  options: RegistrySearchOptions<ModelVersionFilter, ModelVersionOrderBy> = {},
): { modelVersions: ModelVersion[]; nextPageToken?: string } {
  const maxResults = checkMaxResults(options.maxResults ?? MODEL_VERSIONS_MAX_RESULTS.default, MODEL_VERSIONS_MAX_RESULTS.limit);
  const text = typeof options.filter === 'string' ? options.filter : '';
  const parsed = typeof options.filter === 'string' ? parseModelVersionFilter(options.filter) : (options.filter ?? { kind: 'filter', clauses: [] });
  const filter = withoutPrompts(parsed, text);
  const given = options.orderBy ?? [];
  const orderBy = (given.length > 0 ? given : DEFAULT_VERSION_ORDER).map((item) => (typeof item === 'string' ? parseModelVersionOrderBy(item) : item));
  const keys = orderBy.map((o) => ({ key: o.target.key as string, ascending: o.ascending }));
  if (!keys.some((k) => k.key === 'name')) keys.push({ key: 'name', ascending: true });
  // MLflow's tie-breaker check looks for `version_number` after renaming it, so it always adds it.
  keys.push({ key: 'version_number', ascending: false });
  const visible = [...versions].filter((v) => (v.currentStage as string) !== 'Deleted_Internal');
  const matching = visible.filter((v) => filter.clauses.every((c) => holds(c as Clause, versionClauseValue(v, c as Clause))));
  const sorted = sortBy(matching, keys, versionValue);
  const page = paginate(sorted, maxResults, options.pageToken);
  return page.nextPageToken === undefined ? { modelVersions: page.items } : { modelVersions: page.items, nextPageToken: page.nextPageToken };
}
