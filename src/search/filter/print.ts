/**
 * AST → filter text that MLflow (and `parseRunFilter`) read back as the same tree. The output is
 * canonical: plural entity names (`metrics.`, `params.`, `tags.`, `datasets.`), `attribute.` for
 * attributes (valid for runs and experiments), bare keys where MLflow's lexer allows them and
 * backticks otherwise, single-quoted values, `AND` between clauses. Some keys and values cannot
 * be written in MLflow's language at all (a value containing both quote characters, a key that
 * both starts and ends with a backtick); printing them throws rather than produce a filter that
 * means something else.
 */
import { InvalidParameterError } from '../../errors/index.js';
import type { Clause, Filter, NumberLiteral, OrderBy, Ref } from './ast.js';

/** Words that the lexer reads as keywords even right after a dot (`params.from` fails). */
const KEYWORDS_AFTER_DOT = new Set(['case', 'in', 'values', 'using', 'from', 'as']);
const NUMBER_TEXT = /^-?(\d+(\.\d*)?|\.\d+)([eE]-?\d+)?$/;

function inexpressible(what: string, value: string): never {
  throw new InvalidParameterError(`The ${what} ${JSON.stringify(value)} cannot be written in MLflow's filter language.`);
}

/** A key after `entity.`: bare, or quoted in a way MLflow strips back to exactly `key`. */
function filterKey(key: string): string {
  if (/^[A-Za-z][A-Za-z0-9_]*$/.test(key) && !KEYWORDS_AFTER_DOT.has(key.toLowerCase())) return key;
  if (!key.includes('`')) return `\`${key}\``;
  // MLflow strips quotes and then backticks, so a backtick-wrapped key would lose its backticks.
  const wrapped = key.length >= 2 && key.startsWith('`') && key.endsWith('`');
  if (!wrapped && !key.endsWith('\\')) {
    if (!key.includes('"')) return `"${key}"`;
    if (!key.includes("'")) return `'${key}'`;
  }
  return inexpressible('key', key);
}

/** A quoted value; a trailing backslash would escape the closing quote in MLflow's lexer. */
function stringValue(value: string): string {
  if (!value.endsWith('\\')) {
    if (!value.includes("'")) return `'${value}'`;
    if (!value.includes('"')) return `"${value}"`;
  }
  return inexpressible('value', value);
}

/**
 * A Python string literal for an IN list (MLflow evaluates the list with `ast.literal_eval`).
 * Backslashes and quotes are written as `\x` escapes so that MLflow's lexer, which has its own
 * idea of `\'`, sees no backslash next to a quote.
 */
function pythonLiteral(value: string): string {
  const body = value.replace(/[\\'\n\r\0]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `'${body}'`;
}

function numberText(literal: NumberLiteral): string {
  return NUMBER_TEXT.test(literal.text) ? literal.text : inexpressible('number', literal.text);
}

function prefix(target: Ref): string {
  switch (target.kind) {
    case 'metric':
      return `metrics.${filterKey(target.key)}`;
    case 'param':
      return `params.${filterKey(target.key)}`;
    case 'tag':
      return `tags.${filterKey(target.key)}`;
    case 'attribute':
      return `attribute.${target.key}`;
    case 'dataset':
      return `datasets.${target.key}`;
  }
}

/** One clause. @example printClause(parseRunFilter("metric.acc>0.9").clauses[0]) // 'metrics.acc > 0.9' */
export function printClause(clause: Clause): string {
  const left = prefix(clause.target);
  switch (clause.kind) {
    case 'numericComparison':
      return `${left} ${clause.operator} ${numberText(clause.value)}`;
    case 'stringComparison':
      return `${left} ${clause.operator} ${stringValue(clause.value)}`;
    case 'listComparison':
      if (clause.values.length === 0) return inexpressible('list', '()');
      return `${left} ${clause.operator} (${clause.values.map(pythonLiteral).join(', ')})`;
    case 'nullCheck':
      return `${left} ${clause.operator}`;
  }
}

/**
 * The canonical text of a filter; parsing it gives back an equal tree (spans aside).
 * @example printFilter(parseRunFilter("params.`lr`='0.1' and metric.acc>=.9"))
 * // "params.lr = '0.1' AND metrics.acc >= .9"
 */
export function printFilter(filter: Filter): string {
  return filter.clauses.map(printClause).join(' AND ');
}

const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

/**
 * An order_by key. MLflow turns backticks into double quotes and splits the item with Python's
 * `shlex`, so a quoted key is written in backticks with `"` and `\` escaped for shlex.
 */
function orderKey(key: string): string {
  if (/^[A-Za-z][A-Za-z0-9_]*$/.test(key) && !KEYWORDS_AFTER_DOT.has(key.toLowerCase())) return key;
  const quoted = key.length >= 2 && ((key.startsWith('"') && key.endsWith('"')) || (key.startsWith("'") && key.endsWith("'")));
  if (key.includes('`') || quoted || PY_SPACE.test(key)) return inexpressible('order_by key', key);
  return `\`${key.replace(/["\\]/g, '\\$&')}\``;
}

/**
 * One order_by item, always with its direction.
 * @example printOrderBy({ kind: 'orderBy', target: { kind: 'metric', key: 'val acc' }, ascending: false })
 * // 'metrics.`val acc` DESC'
 */
export function printOrderBy(item: OrderBy): string {
  const target = item.target;
  const direction = item.ascending ? 'ASC' : 'DESC';
  switch (target.kind) {
    case 'metric':
      return `metrics.${orderKey(target.key)} ${direction}`;
    case 'param':
      return `params.${orderKey(target.key)} ${direction}`;
    case 'tag':
      return `tags.${orderKey(target.key)} ${direction}`;
    case 'attribute':
      return `attribute.${target.key} ${direction}`;
    case 'dataset':
      return inexpressible('order_by target', `dataset.${target.key}`);
  }
}
