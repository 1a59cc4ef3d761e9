/**
 * The filter language as a readonly tree. A parsed filter is a list of clauses that are all
 * AND-ed; every node has a literal `kind` so consumers (the evaluator, the printer) switch on it
 * exhaustively. Clause shapes encode what MLflow allows: a metric can only be compared with a
 * number, `IS NULL` only applies to params and tags, lists only to `run_id`, `experiment_id` and
 * dataset fields. Aliases are resolved (`created` is `start_time`, `run name` is `run_name`,
 * `metrics` is `metric`), so two spellings of one filter give equal trees.
 */

import type { ModelVersionClause, RegisteredModelClause, RegistryAttribute } from './registry-ast.js';

// ---- What a clause looks at -------------------------------------------------------------------

export interface MetricRef {
  readonly kind: 'metric';
  readonly key: string;
}
export interface ParamRef {
  readonly kind: 'param';
  readonly key: string;
}
export interface TagRef {
  readonly kind: 'tag';
  readonly key: string;
}
export type RunStringAttribute = 'run_id' | 'run_name' | 'user_id' | 'status' | 'artifact_uri';
export type RunNumericAttribute = 'start_time' | 'end_time';
export type RunAttribute = RunStringAttribute | RunNumericAttribute;
export type ExperimentStringAttribute = 'name' | 'experiment_id';
export type ExperimentNumericAttribute = 'creation_time' | 'last_update_time';
export type ExperimentAttribute = ExperimentStringAttribute | ExperimentNumericAttribute;

/** A run or experiment field; `K` narrows which ones a clause shape accepts. */
export interface AttributeRef<K extends string = RunAttribute | ExperimentAttribute | RegistryAttribute> {
  readonly kind: 'attribute';
  readonly key: K;
}
export type DatasetField = 'name' | 'digest' | 'context';
/** A field of a run's dataset inputs; `context` is the input's `mlflow.data.context` tag. */
export interface DatasetRef {
  readonly kind: 'dataset';
  readonly key: DatasetField;
}

export type Ref = MetricRef | ParamRef | TagRef | AttributeRef | DatasetRef;

// ---- Values ----------------------------------------------------------------------------------

/** A numeric literal as written (digits normalised to ASCII), and its double value. */
export interface NumberLiteral {
  readonly kind: 'number';
  /** Matches `-?(\d+(\.\d*)?|\.\d+)([eE]-?\d+)?`; integer-looking text is compared exactly. */
  readonly text: string;
  readonly value: number;
}

// ---- Clauses ---------------------------------------------------------------------------------

export type NumericOperator = '=' | '!=' | '>' | '>=' | '<' | '<=';
export type StringOperator = '=' | '!=' | 'LIKE' | 'ILIKE';
/** `=` and `!=` against a list are accepted by MLflow and compare a string with a tuple. */
export type ListOperator = 'IN' | 'NOT IN' | '=' | '!=';
export type NullOperator = 'IS NULL' | 'IS NOT NULL';

/** Where a clause came from in the filter string (absent on trees built in code). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface NumericComparison<T extends Ref = Ref> {
  readonly kind: 'numericComparison';
  readonly target: T;
  readonly operator: NumericOperator;
  readonly value: NumberLiteral;
  readonly span?: Span;
}
export interface StringComparison<T extends Ref = Ref> {
  readonly kind: 'stringComparison';
  readonly target: T;
  readonly operator: StringOperator;
  readonly value: string;
  readonly span?: Span;
}
export interface ListComparison<T extends Ref = Ref> {
  readonly kind: 'listComparison';
  readonly target: T;
  readonly operator: ListOperator;
  /** Never empty. */
  readonly values: readonly string[];
  readonly span?: Span;
}
export interface NullCheck<T extends Ref = Ref> {
  readonly kind: 'nullCheck';
  readonly target: T;
  readonly operator: NullOperator;
  readonly span?: Span;
}

export type RunClause =
  | NumericComparison<MetricRef | AttributeRef<RunNumericAttribute>>
  | StringComparison<ParamRef | TagRef | AttributeRef<RunStringAttribute> | DatasetRef>
  | ListComparison<AttributeRef<'run_id'> | DatasetRef>
  | NullCheck<ParamRef | TagRef>;

export type ExperimentClause =
  | NumericComparison<AttributeRef<ExperimentNumericAttribute>>
  | StringComparison<TagRef | AttributeRef<ExperimentStringAttribute>>
  | ListComparison<AttributeRef<'experiment_id'>>
  | NullCheck<TagRef>;

export type Clause = RunClause | ExperimentClause | RegisteredModelClause | ModelVersionClause;

/** A whole filter: its clauses, all of which must hold. An empty filter matches everything. */
export interface Filter<C extends Clause = Clause> {
  readonly kind: 'filter';
  readonly clauses: readonly C[];
}
export type RunFilter = Filter<RunClause>;
export type ExperimentFilter = Filter<ExperimentClause>;

// ---- order_by --------------------------------------------------------------------------------

export interface OrderBy<T extends Ref = Ref> {
  readonly kind: 'orderBy';
  readonly target: T;
  readonly ascending: boolean;
}
export type RunOrderBy = OrderBy<MetricRef | ParamRef | TagRef | AttributeRef<RunAttribute>>;
export type ExperimentOrderBy = OrderBy<AttributeRef<ExperimentAttribute>>;

// ---- Building trees in code ------------------------------------------------------------------

/**
 * A number literal for `value`, spelled so that MLflow reads it back as the same double.
 *
 * @example numberLiteral(0.5) // { kind: 'number', text: '0.5', value: 0.5 }
 */
export function numberLiteral(value: number): NumberLiteral {
  if (!Number.isFinite(value)) {
    throw new RangeError(`MLflow filters cannot express the number ${value}`);
  }
  // MLflow's lexer does not read `1e+21`; `1e21` means the same.
  const text = Object.is(value, -0) ? '-0' : String(value).replace('e+', 'e');
  return { kind: 'number', text, value };
}
