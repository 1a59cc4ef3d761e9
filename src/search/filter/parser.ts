/**
 * Filter text → readonly AST, for runs and for experiments. Clause reading is shared
 * (statement.ts); this module applies each entity's rules in MLflow's order: first, clause by
 * clause, the identifier and the value (`_get_comparison`), then, clause by clause, the
 * comparator. MLflow checks comparators only while matching a run, so it lets an invalid
 * comparator through when there is nothing to match; this parser always rejects it.
 */
import { FilterSyntaxError } from '../../errors/filter-syntax-error.js';
import type {
  ExperimentClause,
  ExperimentFilter,
  NumberLiteral,
  RunClause,
  RunFilter,
} from './ast.js';
import type { Node } from './group.js';
import { IdentifierError, isQuotedValue, resolveExperimentIdentifier, resolveRunIdentifier, stripQuotes } from './identifier.js';
import { parsePythonStringList } from './py-literal.js';
import { readClauses, type RawClause } from './statement.js';
import {
  EXPERIMENT_NUMERIC_ATTRIBUTE_KEYS,
  MESSAGES,
  NUMERIC_COMPARATORS,
  PARAM_COMPARATORS,
  RUN_FILTER_ATTRIBUTES,
  RUN_NUMERIC_ATTRIBUTE_KEYS,
  STRING_ATTRIBUTE_COMPARATORS,
  type EntityType,
} from './vocabulary.js';
import { buildExperimentClause, buildRunClause, type Resolved, type Value } from './build.js';

/** The rules that differ between run and experiment filters. */
interface Dialect {
  resolve(text: string): { entity: EntityType; key: string };
  numericKeys: ReadonlySet<string>;
  listKeys: readonly string[];
  /** The message for IS [NOT] NULL on an entity that does not support it, if it does not. */
  nullCheckError(entity: EntityType, key: string): string | undefined;
}

const RUNS: Dialect = {
  resolve: (text) => resolveRunIdentifier(text, RUN_FILTER_ATTRIBUTES),
  numericKeys: RUN_NUMERIC_ATTRIBUTE_KEYS,
  listKeys: ['run_id'],
  nullCheckError: (entity, key) => (entity === 'tag' || entity === 'parameter' ? undefined : MESSAGES.runNullCheck(entity, key)),
};

const EXPERIMENTS: Dialect = {
  resolve: (text) => resolveExperimentIdentifier(text),
  numericKeys: EXPERIMENT_NUMERIC_ATTRIBUTE_KEYS,
  listKeys: ['experiment_id'],
  nullCheckError: (entity, key) => (entity === 'tag' ? undefined : MESSAGES.experimentNullCheck(key)),
};

/**
 * Parses a `search_runs` filter string.
 * @throws FilterSyntaxError (an InvalidParameterError) with MLflow's message and the offset.
 */
export function parseRunFilterString(filter: string): RunFilter {
  const resolved = resolveAll(filter, RUNS);
  const clauses: RunClause[] = resolved.map((r) => buildRunClause(r, comparatorFor(filter, r, runComparators)));
  return { kind: 'filter', clauses };
}

/** Parses a `search_experiments` filter string. */
export function parseExperimentFilterString(filter: string): ExperimentFilter {
  const resolved = resolveAll(filter, EXPERIMENTS);
  const clauses: ExperimentClause[] = resolved.map((r) =>
    buildExperimentClause(r, comparatorFor(filter, r, experimentComparators)),
  );
  return { kind: 'filter', clauses };
}

function resolveAll(filter: string, dialect: Dialect): Resolved[] {
  // MLflow: `if not filter_string: return []`; only the empty string (whitespace is an error).
  if (filter === '') return [];
  return readClauses(filter).map((raw) => resolveClause(filter, raw, dialect));
}

function resolveClause(filter: string, raw: RawClause, dialect: Dialect): Resolved {
  let identifier: { entity: EntityType; key: string };
  try {
    identifier = dialect.resolve(raw.left.text);
  } catch (error) {
    if (error instanceof IdentifierError) throw new FilterSyntaxError(error.reason, filter, raw.left.start + error.offset);
    throw error;
  }
  if (raw.right === undefined) {
    const reason = dialect.nullCheckError(identifier.entity, identifier.key);
    if (reason !== undefined) throw new FilterSyntaxError(reason, filter, raw.comparatorStart);
    return { raw, ...identifier, value: { kind: 'none' } };
  }
  const value = readValue(filter, dialect, identifier.entity, identifier.key, raw.right);
  return { raw, ...identifier, value };
}

/** MLflow's `_get_value`: what the right-hand side must look like for each entity. */
function readValue(filter: string, dialect: Dialect, entity: EntityType, key: string, node: Node): Value {
  const fail = (reason: string): never => {
    throw new FilterSyntaxError(reason, filter, node.start);
  };
  const isNumber = node.type === 'integer' || node.type === 'float';
  const isText = node.type === 'string' || node.type === 'identifier';
  const text = (): Value => (isQuotedValue(node.text) ? { kind: 'string', value: stripQuotes(node.text) } : fail(MESSAGES.unquoted(node.text)));
  switch (entity) {
    case 'metric':
      return isNumber ? { kind: 'number', literal: numberFrom(node.text) } : fail(MESSAGES.metricValue(node.text));
    case 'parameter':
    case 'tag':
      return isText ? text() : fail(MESSAGES.quotedValue(entity, node.text));
    case 'attribute':
      if (dialect.numericKeys.has(key)) {
        return isNumber ? { kind: 'number', literal: numberFrom(node.text) } : fail(MESSAGES.numericAttributeValue(key, node.text));
      }
      if (isText) return text();
      if (node.type !== 'parenthesis') return fail(MESSAGES.attributeValue(node.text));
      if (!dialect.listKeys.includes(key)) return fail(MESSAGES.listKey(dialect.listKeys));
      return readList(filter, node);
    case 'dataset':
      if (isText) return text();
      return node.type === 'parenthesis' ? readList(filter, node) : fail(MESSAGES.datasetValue(node.text));
  }
}

/** An IN list's values, or MLflow's message for an empty, ill-formed or non-string list. */
export function readList(filter: string, node: Node): Value {
  const result = parsePythonStringList(node.text);
  if (result.ok) return { kind: 'list', values: result.values };
  const reason =
    result.problem === 'empty' ? MESSAGES.emptyList : result.problem === 'not-strings' ? MESSAGES.nonStringList(result.repr) : MESSAGES.illFormedList;
  throw new FilterSyntaxError(reason, filter, node.start);
}

/** A number token's text with any non-ASCII decimal digits (Python's `\d`) made ASCII. */
export function numberFrom(text: string): NumberLiteral {
  const ascii = text.replace(/\p{Nd}/gu, (d) => String(digitValue(d)));
  return { kind: 'number', text: ascii, value: Number(ascii) };
}

/** Unicode decimal digits come in runs of ten starting at zero. */
function digitValue(digit: string): number {
  const cp = digit.codePointAt(0)!;
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  let first = cp;
  while (first > 0 && cp - first < 60 && /\p{Nd}/u.test(String.fromCodePoint(first - 1))) first--;
  return (cp - first) % 10;
}

type ComparatorRules = (entity: EntityType, key: string) => readonly string[];

const runComparators: ComparatorRules = (entity, key) => {
  switch (entity) {
    case 'metric':
      return NUMERIC_COMPARATORS;
    case 'parameter':
    case 'tag':
      return PARAM_COMPARATORS;
    case 'attribute':
      return RUN_NUMERIC_ATTRIBUTE_KEYS.has(key) ? NUMERIC_COMPARATORS : STRING_ATTRIBUTE_COMPARATORS;
    case 'dataset':
      return STRING_ATTRIBUTE_COMPARATORS;
  }
};

const experimentComparators: ComparatorRules = (entity, key) => {
  if (entity === 'tag') return PARAM_COMPARATORS;
  return EXPERIMENT_NUMERIC_ATTRIBUTE_KEYS.has(key) ? NUMERIC_COMPARATORS : STRING_ATTRIBUTE_COMPARATORS;
};

/** The evaluation-time comparator check of MLflow (`is_metric`, `is_param`, ...), done eagerly. */
function comparatorFor(filter: string, r: Resolved, rules: ComparatorRules): string {
  const comparator = r.raw.comparator.toUpperCase();
  const allowed = rules(r.entity, r.key);
  if (!allowed.includes(comparator)) {
    throw new FilterSyntaxError(MESSAGES.comparator(comparator, allowed), filter, r.raw.comparatorStart);
  }
  if (r.value.kind === 'list' && (comparator === 'LIKE' || comparator === 'ILIKE')) {
    throw new FilterSyntaxError(MESSAGES.listWithPattern(comparator), filter, r.raw.comparatorStart);
  }
  return comparator;
}

