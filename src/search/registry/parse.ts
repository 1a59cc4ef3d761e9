/**
 * Filter and order_by text of the registry's searches → readonly trees, with MLflow's rules
 * and messages (`SearchModelUtils`, `SearchModelVersionUtils` in mlflow/utils/search_utils.py).
 * Clause splitting is the run filter's (statement.ts). Like the run parser, comparators are
 * checked here rather than while matching, and inputs MLflow crashes on (IS NULL, a
 * non-integer version_number) get a clear error.
 */
import { FilterSyntaxError } from '../../errors/filter-syntax-error.js';
import type { NumberLiteral } from '../filter/ast.js';
import type { Node } from '../filter/group.js';
import { IdentifierError, isQuotedValue, resolveExperimentIdentifier, split, stripQuotes, trimBackticks } from '../filter/identifier.js';
import { numberFrom, readList } from '../filter/parser.js';
import type {
  ModelVersionClause,
  ModelVersionFilter,
  ModelVersionOrderAttribute,
  ModelVersionOrderBy,
  RegisteredModelClause,
  RegisteredModelFilter,
  RegisteredModelOrderAttribute,
  RegisteredModelOrderBy,
} from '../filter/registry-ast.js';
import { readClauses, type RawClause } from '../filter/statement.js';
import { MESSAGES, NUMERIC_COMPARATORS, pySet } from '../filter/vocabulary.js';
import { splitItem } from '../order-by.js';

interface RegistryDialect {
  readonly what: string;
  readonly attributes: readonly string[];
  readonly numeric: readonly string[];
  readonly lists: readonly string[];
}

const MODELS: RegistryDialect = { what: 'registered models', attributes: ['name'], numeric: [], lists: ['name'] };
const VERSIONS: RegistryDialect = {
  what: 'model versions',
  attributes: ['name', 'run_id', 'source_path', 'version_number'],
  numeric: ['version_number'],
  lists: ['name', 'run_id'],
};
const NUMERIC_ATTRIBUTES = ['creation_timestamp', 'last_updated_timestamp', 'version_number'];
const TAG_COMPARATORS = ['=', '!=', 'LIKE', 'ILIKE'];
const STRING_COMPARATORS = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];
const ENTITIES = ['attribute', 'tag', 'tags'];

type Parsed =
  | { kind: 'string'; value: string }
  | { kind: 'list'; values: readonly string[] }
  | { kind: 'number'; literal: NumberLiteral };

/** `_get_model_search_identifier`: the attribute key is checked as written, then unquoted. */
function identifier(filter: string, raw: RawClause, dialect: RegistryDialect): { tag: boolean; key: string } {
  const parts = split(raw.left.text);
  if (parts.entity !== undefined && !ENTITIES.includes(parts.entity)) {
    throw new FilterSyntaxError(`Invalid entity type '${parts.entity}'. Valid entity types are ('attribute', 'tag', 'tags')`, filter, raw.left.start);
  }
  const tag = parts.entity === 'tag' || parts.entity === 'tags';
  if (!tag && !dialect.attributes.includes(parts.key)) {
    throw new FilterSyntaxError(MESSAGES.attributeKey(parts.key, dialect.attributes), filter, raw.left.start + parts.keyOffset);
  }
  return { tag, key: trimBackticks(stripQuotes(parts.key)) };
}

/** `_get_value` of the two registry search classes. */
function value(filter: string, node: Node, tag: boolean, key: string, dialect: RegistryDialect): Parsed {
  const fail = (reason: string): never => {
    throw new FilterSyntaxError(reason, filter, node.start);
  };
  if (node.type === 'string' || node.type === 'identifier') {
    return isQuotedValue(node.text) ? { kind: 'string', value: stripQuotes(node.text) } : fail(MESSAGES.unquoted(node.text));
  }
  if (tag) return fail(MESSAGES.quotedValue('tag', node.text));
  if (node.type === 'parenthesis') {
    if (!dialect.lists.includes(key)) fail(MESSAGES.listKey(dialect.lists));
    const list = readList(filter, node);
    return list.kind === 'list' ? list : fail(MESSAGES.illFormedList);
  }
  if ((node.type === 'integer' || node.type === 'float') && dialect.numeric.length > 0) {
    if (!dialect.numeric.includes(key)) fail(`Only the '${pySet(NUMERIC_ATTRIBUTES)}' attributes support comparison with numeric values.`);
    return { kind: 'number', literal: numberFrom(node.text) };
  }
  return fail(`Expected a quoted string value or a list of quoted string values for attributes. Got value ${node.text}`);
}

/** Python's `int(text)` for a quoted version number ('3' is 3); anything else is an error. */
function integerLiteral(filter: string, raw: RawClause, text: string): NumberLiteral {
  const digits = text.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(digits)) {
    throw new FilterSyntaxError(`version_number must be compared with a whole number, got '${text}' (MLflow: invalid literal for int() with base 10).`, filter, raw.right!.start);
  }
  return numberFrom(digits.replace(/_/g, '').replace(/^\+/, ''));
}

function clause(filter: string, raw: RawClause, dialect: RegistryDialect): RegisteredModelClause | ModelVersionClause {
  if (raw.right === undefined) {
    throw new FilterSyntaxError(`IS NULL / IS NOT NULL is not supported when searching ${dialect.what}; compare with a quoted value instead.`, filter, raw.comparatorStart);
  }
  const { tag, key } = identifier(filter, raw, dialect);
  const parsed = value(filter, raw.right, tag, key, dialect);
  const comparator = raw.comparator.toUpperCase();
  const numeric = !tag && dialect.numeric.includes(key);
  const allowed = tag ? TAG_COMPARATORS : numeric ? NUMERIC_COMPARATORS : STRING_COMPARATORS;
  if (!allowed.includes(comparator)) throw new FilterSyntaxError(MESSAGES.comparator(comparator, allowed), filter, raw.comparatorStart);
  const span = { start: raw.start, end: raw.end };
  const target = tag ? { kind: 'tag' as const, key } : { kind: 'attribute' as const, key };
  if (numeric) {
    const literal = parsed.kind === 'number' ? parsed.literal : parsed.kind === 'string' ? integerLiteral(filter, raw, parsed.value) : undefined;
    return { kind: 'numericComparison', target, operator: comparator, value: literal!, span } as ModelVersionClause;
  }
  if (parsed.kind === 'list') {
    if (comparator === 'LIKE' || comparator === 'ILIKE') throw new FilterSyntaxError(MESSAGES.listWithPattern(comparator), filter, raw.comparatorStart);
    return { kind: 'listComparison', target, operator: comparator, values: parsed.values, span } as ModelVersionClause;
  }
  return { kind: 'stringComparison', target, operator: comparator, value: parsed.kind === 'string' ? parsed.value : '', span } as ModelVersionClause;
}

function parseWith<C>(filter: string, dialect: RegistryDialect): { kind: 'filter'; clauses: C[] } {
  if (typeof filter !== 'string') throw new TypeError(`A filter must be a string, not ${typeof filter}`);
  const clauses = filter === '' ? [] : readClauses(filter).map((raw) => clause(filter, raw, dialect) as C);
  return { kind: 'filter', clauses };
}

/**
 * Parses a `search_registered_models` filter: `name` and `tags.<key>`.
 * @example parseRegisteredModelFilter("name LIKE 'iris%' AND tags.team = 'vision'")
 * @throws FilterSyntaxError with MLflow's message and the offset.
 */
export function parseRegisteredModelFilter(filter: string): RegisteredModelFilter {
  return parseWith<RegisteredModelClause>(filter, MODELS);
}

/**
 * Parses a `search_model_versions` filter: `name`, `run_id`, `source_path`, `version_number`
 * and `tags.<key>`.
 * @example parseModelVersionFilter("name = 'iris' AND version_number >= 2")
 * @throws FilterSyntaxError
 */
export function parseModelVersionFilter(filter: string): ModelVersionFilter {
  return parseWith<ModelVersionClause>(filter, VERSIONS);
}

const MODEL_ORDER_KEYS: Readonly<Record<string, string>> = { name: 'name', creation_timestamp: 'creation_timestamp', last_updated_timestamp: 'last_updated_timestamp' };
const VERSION_ORDER_KEYS: Readonly<Record<string, string>> = { ...MODEL_ORDER_KEYS, version_number: 'version_number' };

function orderItem<K extends string>(item: string, keys: Readonly<Record<string, string>>): { kind: 'orderBy'; target: { kind: 'attribute'; key: K }; ascending: boolean } {
  const { key, ascending } = splitItem(item);
  let resolved;
  try {
    resolved = resolveExperimentIdentifier(key.trim(), keys);
  } catch (error) {
    if (error instanceof IdentifierError) throw new FilterSyntaxError(error.reason, item, error.offset);
    throw error;
  }
  if (resolved.entity !== 'attribute') throw new FilterSyntaxError(`Invalid order_by entity: ${resolved.entity}`, item, 0);
  return { kind: 'orderBy', target: { kind: 'attribute', key: resolved.key as K }, ascending };
}

/**
 * Parses one `search_registered_models` order_by item: `name`, `creation_timestamp` or
 * `last_updated_timestamp`, optionally followed by ASC or DESC.
 * @example parseRegisteredModelOrderBy('last_updated_timestamp DESC')
 */
export function parseRegisteredModelOrderBy(item: string): RegisteredModelOrderBy {
  return orderItem<RegisteredModelOrderAttribute>(item, MODEL_ORDER_KEYS);
}

/**
 * Parses one `search_model_versions` order_by item (the registered model keys and `version_number`).
 * @example parseModelVersionOrderBy('version_number DESC')
 */
export function parseModelVersionOrderBy(item: string): ModelVersionOrderBy {
  return orderItem<ModelVersionOrderAttribute>(item, VERSION_ORDER_KEYS);
}

