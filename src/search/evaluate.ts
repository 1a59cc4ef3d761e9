/**
 * Does a run (or an experiment) satisfy a parsed filter? The semantics are MLflow's
 * (`SearchUtils._does_run_match_clause`, `SearchExperimentsUtils._does_experiment_match_clause`):
 * a missing metric, param, tag or end time makes every comparison false, `!=` and `NOT IN`
 * included; NaN compares false except with `!=`; a dataset clause holds if any dataset input of
 * the run satisfies it; IN-list items are kept as written, whatever their case.
 */
import type { Experiment, Run } from '../entities/index.js';
import type {
  Clause,
  DatasetField,
  ExperimentClause,
  ExperimentFilter,
  ListOperator,
  NumberLiteral,
  NumericOperator,
  Ref,
  RunClause,
  RunFilter,
  StringOperator,
} from './filter/ast.js';
import { compareWithLiteral } from './compare.js';
import { compileLike, type LikePattern } from './like.js';

/** The tag of a dataset input that holds its context (`train`, `eval`, ...). */
const DATASET_CONTEXT_TAG = 'mlflow.data.context';

type Lookup = string | number | null | undefined;

/** Reads what a clause's or order_by item's target refers to; `undefined` when the run has no such value. */
export function runValue(run: Run, target: Exclude<Ref, { kind: 'dataset' }>): Lookup {
  switch (target.kind) {
    case 'metric':
      return own(run.data.metrics, target.key);
    case 'param':
      return own(run.data.params, target.key);
    case 'tag':
      return own(run.data.tags, target.key);
    case 'attribute':
      return runAttribute(run, target.key);
  }
}

export function runAttribute(run: Run, key: string): Lookup {
  const info = run.info;
  switch (key) {
    case 'run_id':
      return info.runId;
    case 'run_name':
      return info.runName;
    case 'user_id':
      return info.userId;
    case 'status':
      return info.status;
    case 'artifact_uri':
      return info.artifactUri;
    case 'start_time':
      return info.startTime;
    case 'end_time':
      return info.endTime;
    default:
      return undefined;
  }
}

export function experimentValue(experiment: Experiment, target: Ref): Lookup {
  if (target.kind === 'tag') return own(experiment.tags, target.key);
  switch (target.key) {
    case 'name':
      return experiment.name;
    case 'experiment_id':
      return experiment.experimentId;
    case 'creation_time':
      return experiment.creationTime;
    case 'last_update_time':
      return experiment.lastUpdateTime;
    default:
      return undefined;
  }
}

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

// ---- comparisons ------------------------------------------------------------------------------

function numeric(lhs: number, operator: NumericOperator, literal: NumberLiteral, exactIntegers: boolean): boolean {
  const order = compareWithLiteral(lhs, literal, exactIntegers);
  switch (operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0; // NaN: true, as in Python
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
  }
}

/** Compiled LIKE patterns, keyed by clause, so a search compiles each pattern once. */
const patterns = new WeakMap<object, LikePattern>();

function text(lhs: string, operator: StringOperator, value: string, clause: object): boolean {
  switch (operator) {
    case '=':
      return lhs === value;
    case '!=':
      return lhs !== value;
    case 'LIKE':
    case 'ILIKE': {
      let pattern = patterns.get(clause);
      if (pattern === undefined) patterns.set(clause, (pattern = compileLike(value, operator === 'ILIKE')));
      return pattern.test(lhs);
    }
  }
}

function list(lhs: string, operator: ListOperator, values: readonly string[]): boolean {
  switch (operator) {
    case 'IN':
      return values.includes(lhs);
    case 'NOT IN':
      return !values.includes(lhs);
    case '=':
      return false; // Python compares a str with a tuple: never equal
    case '!=':
      return true;
  }
}

/** Applies a clause to a value that is present (the caller has handled missing values). */
function compare(clause: Clause, lhs: string | number, exactIntegers: boolean): boolean {
  switch (clause.kind) {
    case 'numericComparison':
      return typeof lhs === 'number' && numeric(lhs, clause.operator, clause.value, exactIntegers);
    case 'stringComparison':
      return typeof lhs === 'string' && text(lhs, clause.operator, clause.value, clause);
    case 'listComparison':
      return typeof lhs === 'string' && list(lhs, clause.operator, clause.values);
    case 'nullCheck':
      return clause.operator === 'IS NOT NULL';
  }
}

// ---- runs and experiments -------------------------------------------------------------------

function matchesRunClause(run: Run, clause: RunClause): boolean {
  const target = clause.target;
  if (target.kind === 'dataset') return matchesDatasetClause(run, clause, target.key);
  const lhs = runValue(run, target);
  if (clause.kind === 'nullCheck') return (lhs === undefined) === (clause.operator === 'IS NULL');
  if (lhs === undefined || lhs === null) return false;
  return compare(clause, lhs, target.kind === 'attribute');
}

function matchesDatasetClause(run: Run, clause: RunClause, key: DatasetField): boolean {
  return run.inputs.datasetInputs.some((input) => {
    if (key !== 'context') return compare(clause, input.dataset[key], false);
    return input.tags.some((tag) => tag.key === DATASET_CONTEXT_TAG && compare(clause, tag.value, false));
  });
}

function matchesExperimentClause(experiment: Experiment, clause: ExperimentClause): boolean {
  const lhs = experimentValue(experiment, clause.target);
  if (clause.kind === 'nullCheck') return (lhs === undefined) === (clause.operator === 'IS NULL');
  if (lhs === undefined) return false;
  // A null creation or update time: Python compares None == x (false) and None != x (true) and
  // raises TypeError for <, >; we answer false there (docs/compat.md).
  if (lhs === null) return clause.kind === 'numericComparison' && clause.operator === '!=';
  return compare(clause, lhs, false);
}

/**
 * True if `run` satisfies every clause of `filter`.
 * @example matchesRun(run, parseRunFilter("metrics.acc > 0.9 AND params.model = 'cnn'"))
 */
export function matchesRun(run: Run, filter: RunFilter): boolean {
  return filter.clauses.every((clause) => matchesRunClause(run, clause));
}

/**
 * True if `experiment` satisfies every clause of `filter`.
 * @example matchesExperiment(experiment, parseExperimentFilter("name LIKE 'sweep-%'"))
 */
export function matchesExperiment(experiment: Experiment, filter: ExperimentFilter): boolean {
  return filter.clauses.every((clause) => matchesExperimentClause(experiment, clause));
}

