/**
 * The words of MLflow's search language for runs and for experiments: entity names and their
 * aliases, attribute keys, which comparators each kind of key allows, and MLflow's messages
 * (`mlflow/utils/search_utils.py`, `SearchUtils` and `SearchExperimentsUtils`, MLflow 3.x).
 */
import type { DatasetField } from './ast.js';
import { pyRepr } from './py-literal.js';

/** MLflow's internal entity names. */
export type EntityType = 'metric' | 'parameter' | 'tag' | 'attribute' | 'dataset';

export const RUN_ENTITY_ALIASES: Readonly<Record<string, EntityType>> = {
  metric: 'metric',
  metrics: 'metric',
  parameter: 'parameter',
  parameters: 'parameter',
  param: 'parameter',
  params: 'parameter',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

/** Run attribute keys accepted in filters, with the field each one reads. */
export const RUN_FILTER_ATTRIBUTES: Readonly<Record<string, string>> = {
  run_id: 'run_id',
  run_name: 'run_name',
  'run name': 'run_name',
  'Run name': 'run_name',
  'Run Name': 'run_name',
  user_id: 'user_id',
  status: 'status',
  artifact_uri: 'artifact_uri',
  start_time: 'start_time',
  created: 'start_time',
  Created: 'start_time',
  end_time: 'end_time',
};

/** Run attribute keys accepted in order_by (no `run name` aliases there). */
export const RUN_ORDER_ATTRIBUTES: Readonly<Record<string, string>> = {
  run_id: 'run_id',
  run_name: 'run_name',
  user_id: 'user_id',
  status: 'status',
  artifact_uri: 'artifact_uri',
  start_time: 'start_time',
  created: 'start_time',
  Created: 'start_time',
  end_time: 'end_time',
};

/** Keys whose values are numbers (as written, before alias resolution). */
export const RUN_NUMERIC_ATTRIBUTE_KEYS: ReadonlySet<string> = new Set(['start_time', 'end_time', 'created', 'Created']);

export const EXPERIMENT_ATTRIBUTES: Readonly<Record<string, string>> = {
  name: 'name',
  experiment_id: 'experiment_id',
  creation_time: 'creation_time',
  last_update_time: 'last_update_time',
};
export const EXPERIMENT_NUMERIC_ATTRIBUTE_KEYS: ReadonlySet<string> = new Set(['creation_time', 'last_update_time']);
export const EXPERIMENT_ENTITY_TYPES: readonly string[] = ['attribute', 'tag', 'tags'];

export const DATASET_FIELDS: readonly DatasetField[] = ['name', 'digest', 'context'];

export const NUMERIC_COMPARATORS: readonly string[] = ['=', '!=', '>', '>=', '<', '<='];
export const PARAM_COMPARATORS: readonly string[] = ['=', '!=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL'];
export const STRING_ATTRIBUTE_COMPARATORS: readonly string[] = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];

/** Python's repr of a set of strings (MLflow interpolates sets into its messages). */
export function pySet(values: Iterable<string>): string {
  return `{${[...values].map((v) => `'${v}'`).join(', ')}}`;
}

/** Python's repr of a list of strings. */
export function pyList(values: Iterable<string>): string {
  return `[${[...values].map((v) => `'${v}'`).join(', ')}]`;
}

export const MESSAGES = {
  invalidClauses: (texts: readonly string[]) =>
    `Invalid clause(s) in filter string: ${texts.map((t) => `'${t}'`).join(', ')}`,
  multipleStatements: (filter: string) =>
    `Search filter contained multiple expression ${pyRepr(filter)}. Provide AND-ed expression list.`,
  unparsable: (filter: string) => `Invalid filter '${filter}'. Could not be parsed.`,
  /** sqlparse itself failed (here: too many tokens, see MAX_GROUPING_TOKENS). */
  parseFailure: (filter: string) => `Error on parsing filter '${filter}'`,
  expectedIdentifier: (text: string) => `Invalid comparison clause. Expected 'Identifier' found '${text}'`,
  runEntity: (entity: string) =>
    `Invalid entity type '${entity}'. Valid values are ${pyList(['metric', 'parameter', 'tag', 'attribute', 'dataset'])}`,
  experimentEntity: (entity: string) =>
    `Invalid entity type '${entity}'. Valid entity types are ('attribute', 'tag', 'tags')`,
  attributeKey: (key: string, valid: Iterable<string>) =>
    `Invalid attribute key '${key}' specified. Valid keys are '${pySet(valid)}'`,
  datasetKey: (key: string) => `Invalid dataset key '${key}' specified. Valid keys are '${pySet(DATASET_FIELDS)}'`,
  metricValue: (text: string) => `Expected numeric value type for metric. Found ${text}`,
  numericAttributeValue: (key: string, text: string) =>
    `Expected numeric value type for numeric attribute: ${key}. Found ${text}`,
  quotedValue: (what: string, text: string) =>
    `Expected a quoted string value for ${what} (e.g. 'my-value'). Got value ${text}`,
  attributeValue: (text: string) => `Expected a quoted string value for attributes. Got value ${text}`,
  datasetValue: (text: string) => `Expected a quoted string value for dataset attributes. Got value ${text}`,
  unquoted: (text: string) =>
    `Parameter value is either not quoted or unidentified quote types used for string value ${text}. ` +
    'Use either single or double quotes.',
  listKey: (keys: readonly string[]) =>
    `Only ${pyList(keys)} attributes support comparison with a list of quoted string values.`,
  illFormedList: 'While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.',
  emptyList: 'While parsing a list in the query, expected a non-empty list of string values, but got empty list',
  nonStringList: (repr: string) =>
    `While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: ${repr}`,
  runNullCheck: (type: string, key: string) =>
    `IS NULL / IS NOT NULL is only supported for tags and params, not for '${type}' '${key}'`,
  experimentNullCheck: (key: string) => `IS NULL / IS NOT NULL is only supported for tags, not for attribute '${key}'`,
  comparator: (comparator: string, allowed: readonly string[]) =>
    `Invalid comparator '${comparator}' not one of '${pySet(allowed)}'`,
  listWithPattern: (comparator: string) =>
    `Invalid comparator '${comparator}' for a list of values: LIKE and ILIKE need one quoted string ` +
    '(MLflow fails with a TypeError here)',
} as const;
