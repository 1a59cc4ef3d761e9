/**
 * order_by items and sorting, as MLflow does them (`SearchUtils._parse_order_by_string`,
 * `SearchUtils.sort`, `SearchExperimentsUtils._get_sort_key`).
 *
 * An item must lex as one identifier, optionally followed by ASC or DESC (any case); the key may
 * be quoted with backticks or double quotes. Runs are first put in the default order (newest
 * start_time first, then run_id), then sorted stably by each item from the last to the first;
 * missing values sort last in both directions and NaN just before them. Experiments are sorted
 * by a tuple of keys with `experiment_id DESC` as the final tie-breaker, missing values last.
 */
import type { Experiment, Run } from '../entities/index.js';
import { FilterSyntaxError } from '../errors/filter-syntax-error.js';
import type { ExperimentAttribute, ExperimentOrderBy, RunAttribute, RunOrderBy } from './filter/ast.js';
import { MAX_GROUPING_TOKENS, exceedsGroupingLimit, groupTokens } from './filter/group.js';
import { resolveExperimentIdentifier, resolveRunIdentifier, IdentifierError } from './filter/identifier.js';
import { tokenize } from './filter/lexer.js';
import { ShlexError, shlexSplit } from './filter/shlex.js';
import { EXPERIMENT_ATTRIBUTES, RUN_ORDER_ATTRIBUTES } from './filter/vocabulary.js';
import { compareCodePoints } from './compare.js';
import { experimentValue, runValue } from './evaluate.js';

const unparsable = (item: string) => `Invalid order_by clause '${item}'. Could not be parsed.`;

/** `_validate_order_by_and_generate_token` + `_parse_order_by_string`: the key text and direction. */
export function splitItem(item: string): { key: string; ascending: boolean } {
  const fail = (reason: string, offset = 0): never => {
    throw new FilterSyntaxError(reason, item, offset);
  };
  const tokens = tokenize(item, MAX_GROUPING_TOKENS);
  if (exceedsGroupingLimit(tokens)) fail(`Error on parsing order_by clause '${item}'`);
  if (tokens.every((t) => t.type === 'whitespace') || tokens.some((t) => t.type === 'punctuation' && t.text === ';')) fail(unparsable(item));
  const nodes = groupTokens(item, tokens);
  if (nodes.length !== 1 || nodes[0]!.type !== 'identifier') fail(unparsable(item), nodes.find((n) => n.type !== 'identifier')?.start ?? 0);
  let words: string[] = [];
  try {
    words = shlexSplit(item.replace(/`/g, '"'));
  } catch (error) {
    if (error instanceof ShlexError) fail(unparsable(item));
    throw error;
  }
  if (words.length > 2) fail(unparsable(item));
  if (words.length < 2) return { key: pyStrip(item), ascending: true };
  const direction = words[1]!.toLowerCase();
  if (direction !== 'asc' && direction !== 'desc') fail(`Invalid ordering key in order_by clause '${item}'.`, item.lastIndexOf(words[1]!));
  return { key: pyStrip(words[0]!), ascending: direction === 'asc' };
}

const PY_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Python's `str.strip()`. */
function pyStrip(text: string): string {
  return text.replace(PY_SPACE, '');
}

function resolve<T>(item: string, resolver: () => T): T {
  try {
    return resolver();
  } catch (error) {
    if (error instanceof IdentifierError) throw new FilterSyntaxError(error.reason, item, error.offset);
    throw error;
  }
}

/**
 * Parses one `search_runs` order_by item such as `metrics.acc DESC`.
 * @throws FilterSyntaxError with MLflow's message.
 */
export function parseRunOrderByItem(item: string): RunOrderBy {
  const { key, ascending } = splitItem(item);
  const id = resolve(item, () => resolveRunIdentifier(key, RUN_ORDER_ATTRIBUTES));
  switch (id.entity) {
    case 'metric':
      return { kind: 'orderBy', target: { kind: 'metric', key: id.key }, ascending };
    case 'parameter':
      return { kind: 'orderBy', target: { kind: 'param', key: id.key }, ascending };
    case 'tag':
      return { kind: 'orderBy', target: { kind: 'tag', key: id.key }, ascending };
    case 'attribute':
      return { kind: 'orderBy', target: { kind: 'attribute', key: RUN_ORDER_ATTRIBUTES[id.key] as RunAttribute }, ascending };
    case 'dataset':
      // MLflow only notices this while sorting at least one run; we reject it up front.
      throw new FilterSyntaxError(`Invalid order_by entity type '${id.entity}'`, item, 0);
  }
}

/** Parses one `search_experiments` order_by item such as `last_update_time DESC`. */
export function parseExperimentOrderByItem(item: string): ExperimentOrderBy {
  const { key, ascending } = splitItem(item);
  const id = resolve(item, () => resolveExperimentIdentifier(key));
  if (id.entity !== 'attribute') throw new FilterSyntaxError(`Invalid order_by entity: ${id.entity}`, item, 0);
  return { kind: 'orderBy', target: { kind: 'attribute', key: EXPERIMENT_ATTRIBUTES[id.key] as ExperimentAttribute }, ascending };
}

// ---- sorting ----------------------------------------------------------------------------------

type SortValue = string | number | null | undefined;

/** 0 for a value, 1 for NaN, 2 for a missing value: the last two sort last either way. */
function rank(value: SortValue): number {
  if (value === null || value === undefined) return 2;
  return typeof value === 'number' && Number.isNaN(value) ? 1 : 0;
}

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return compareCodePoints(String(a), String(b));
}

/** Python's `sorted(key=_get_value_for_sort, reverse=not ascending)`: stable, None/NaN last. */
function byRunValue(value: (run: Run) => SortValue, ascending: boolean): (a: Run, b: Run) => number {
  return (a, b) => {
    const va = value(a);
    const vb = value(b);
    const ra = rank(va);
    const rb = rank(vb);
    if (ra !== rb || ra !== 0) return ra - rb;
    return ascending ? compareValues(va, vb) : compareValues(vb, va);
  };
}

/**
 * Runs in MLflow's order for the given order_by items (already parsed).
 * @example sortRuns(runs, [parseRunOrderByItem('metrics.acc DESC')])
 */
export function sortRuns(runs: readonly Run[], orderBy: readonly RunOrderBy[]): Run[] {
  const sorted = [...runs].sort((a, b) => b.info.startTime - a.info.startTime || compareCodePoints(a.info.runId, b.info.runId));
  for (const item of [...orderBy].reverse()) sorted.sort(byRunValue((run) => runValue(run, item.target), item.ascending));
  return sorted;
}

/** FileStore's order when none is given: newest first, then by id. */
export const DEFAULT_EXPERIMENT_ORDER: readonly ExperimentOrderBy[] = [
  { kind: 'orderBy', target: { kind: 'attribute', key: 'creation_time' }, ascending: false },
  { kind: 'orderBy', target: { kind: 'attribute', key: 'experiment_id' }, ascending: true },
];

/**
 * Experiments in MLflow's order (`orderBy` empty means FileStore's default order).
 * @example sortExperiments(experiments, [parseExperimentOrderByItem('name')])
 */
export function sortExperiments(experiments: readonly Experiment[], orderBy: readonly ExperimentOrderBy[]): Experiment[] {
  const keys = orderBy.length > 0 ? [...orderBy] : [...DEFAULT_EXPERIMENT_ORDER];
  if (!keys.some((k) => k.target.key === 'experiment_id')) {
    keys.push({ kind: 'orderBy', target: { kind: 'attribute', key: 'experiment_id' }, ascending: false });
  }
  return [...experiments].sort((a, b) => {
    for (const { target, ascending } of keys) {
      const va = experimentValue(a, target);
      const vb = experimentValue(b, target);
      if (va === vb) continue;
      if (va === null || va === undefined) return 1;
      if (vb === null || vb === undefined) return -1;
      const order = compareValues(va, vb);
      if (order !== 0) return ascending ? order : -order;
    }
    return 0;
  });
}
