/**
 * The last step of parsing: a clause whose identifier, value and comparator have been checked
 * becomes an AST node, with aliases resolved to the field they read.
 */
import type {
  DatasetField,
  ExperimentAttribute,
  ExperimentClause,
  ListOperator,
  NullOperator,
  NumberLiteral,
  NumericOperator,
  RunAttribute,
  RunClause,
  Span,
  StringOperator,
} from './ast.js';
import type { RawClause } from './statement.js';
import { EXPERIMENT_ATTRIBUTES, RUN_FILTER_ATTRIBUTES, type EntityType } from './vocabulary.js';

export type Value =
  | { readonly kind: 'number'; readonly literal: NumberLiteral }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'list'; readonly values: readonly string[] }
  | { readonly kind: 'none' };

/** A clause whose identifier and value MLflow accepted. */
export interface Resolved {
  readonly raw: RawClause;
  readonly entity: EntityType;
  /** The key as written (quotes stripped, aliases not yet resolved). */
  readonly key: string;
  readonly value: Value;
}

type Target = RunClause['target'] | ExperimentClause['target'];

/** Combines target, comparator and value into the clause shape the value calls for. */
function clauseOf(target: Target, comparator: string, value: Value, span: Span): RunClause | ExperimentClause {
  switch (value.kind) {
    case 'number':
      return { kind: 'numericComparison', target, operator: comparator as NumericOperator, value: value.literal, span } as RunClause;
    case 'string':
      return { kind: 'stringComparison', target, operator: comparator as StringOperator, value: value.value, span } as RunClause;
    case 'list':
      return { kind: 'listComparison', target, operator: comparator as ListOperator, values: value.values, span } as RunClause;
    case 'none':
      return { kind: 'nullCheck', target, operator: comparator as NullOperator, span } as RunClause;
  }
}

export function buildRunClause(r: Resolved, comparator: string): RunClause {
  const span = { start: r.raw.start, end: r.raw.end };
  switch (r.entity) {
    case 'metric':
      return clauseOf({ kind: 'metric', key: r.key }, comparator, r.value, span) as RunClause;
    case 'parameter':
      return clauseOf({ kind: 'param', key: r.key }, comparator, r.value, span) as RunClause;
    case 'tag':
      return clauseOf({ kind: 'tag', key: r.key }, comparator, r.value, span) as RunClause;
    case 'attribute': {
      const key = RUN_FILTER_ATTRIBUTES[r.key] as RunAttribute;
      return clauseOf({ kind: 'attribute', key }, comparator, r.value, span) as RunClause;
    }
    case 'dataset':
      return clauseOf({ kind: 'dataset', key: r.key as DatasetField }, comparator, r.value, span) as RunClause;
  }
}

export function buildExperimentClause(r: Resolved, comparator: string): ExperimentClause {
  const span = { start: r.raw.start, end: r.raw.end };
  const target: Target =
    r.entity === 'tag' ? { kind: 'tag', key: r.key } : { kind: 'attribute', key: EXPERIMENT_ATTRIBUTES[r.key] as ExperimentAttribute };
  return clauseOf(target, comparator, r.value, span) as ExperimentClause;
}
