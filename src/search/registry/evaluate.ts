/**
 * Does a registered model or model version satisfy a registry clause? MLflow's semantics
 * (`SearchModelUtils._does_registered_model_match_clauses`, `SearchModelVersionUtils.
 * _does_model_version_match_clauses`): a missing tag or attribute makes every comparison false,
 * except that a missing prompt tag means "not a prompt".
 */
import type { ModelVersion, RegisteredModel } from '../../entities/index.js';
import type { Clause, NumericOperator } from '../filter/ast.js';
import { like, ilike } from '../like.js';

/** The tag that marks prompts; MLflow hides prompts from model searches unless a filter names it. */
export const IS_PROMPT_TAG = 'mlflow.prompt.is_prompt';

export type Value = string | number | null | undefined;

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
export function holds(clause: Clause, lhs: Value): boolean {
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

export function modelValue(model: RegisteredModel, clause: Clause): Value {
  return clause.target.kind === 'tag' ? own(model.tags, clause.target.key) : model.name;
}

export function versionValue(version: ModelVersion, key: string): Value {
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

export function versionClauseValue(version: ModelVersion, clause: Clause): Value {
  return clause.target.kind === 'tag' ? own(version.tags, clause.target.key) : versionValue(version, clause.target.key);
}

/** The clause MLflow appends unless the filter mentions the prompt tag: prompts are not models. */
export function withoutPrompts<F extends { readonly clauses: readonly unknown[] }>(filter: F, text: string): F {
  if (text.includes(IS_PROMPT_TAG)) return filter;
  const clause = { kind: 'stringComparison', target: { kind: 'tag', key: IS_PROMPT_TAG }, operator: '!=', value: 'true' };
  return { ...filter, clauses: [...filter.clauses, clause] };
}

