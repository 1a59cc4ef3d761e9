/**
 * Field-by-field comparison of two store dumps, reported as readable sentences so that a
 * failing compatibility test says exactly which experiment, run and field differ.
 */
import type { DumpExperiment, DumpRun, StoreDump } from '../helpers/mlflow.js';
import type { IdMap } from '../helpers/scenario.js';
import { show } from './our-dump.js';

/** Labels ids with their scenario symbols: `values (2f2c…)`. */
export function namer(ids: IdMap): (id: string) => string {
  const symbols = new Map(Object.entries(ids).map(([symbol, id]) => [id, symbol]));
  return (id) => (symbols.has(id) ? `${symbols.get(id)} (${id})` : id);
}

/** Equality for dump leaves: NaN equals NaN, -0 differs from 0, as MLflow's files do. */
export function sameValue(a: unknown, b: unknown): boolean {
  return typeof a === 'number' && typeof b === 'number' ? Object.is(a, b) : a === b;
}

function deepDiff(path: string, left: unknown, right: unknown, out: string[], sides: [string, string]): void {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObject(left) && isObject(right) && Array.isArray(left) === Array.isArray(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of [...keys].sort()) {
      const sub = Array.isArray(left) ? `${path}[${key}]` : `${path}[${JSON.stringify(key)}]`;
      if (!(key in right)) out.push(`${sub}: only ${sides[0]} has it: ${show(left[key])}`);
      else if (!(key in left)) out.push(`${sub}: only ${sides[1]} has it: ${show(right[key])}`);
      else deepDiff(sub, left[key], right[key], out, sides);
    }
    return;
  }
  if (!sameValue(left, right)) out.push(`${path}: ${sides[0]} ${show(left)}, ${sides[1]} ${show(right)}`);
}

function byId<T>(items: readonly T[], id: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [id(item), item]));
}

/**
 * Every difference between what `expected` (MLflow) and `actual` (our reader) return for the
 * same store. Experiments are matched by id and runs by run id; `[]` means identical.
 */
export function diffDumps(expected: StoreDump, actual: StoreDump, ids: IdMap, sides: [string, string]): string[] {
  const name = namer(ids);
  const out: string[] = [];
  const left = byId(expected.experiments, (e) => e.experimentId);
  const right = byId(actual.experiments, (e) => e.experimentId);
  for (const id of new Set([...left.keys(), ...right.keys()])) {
    const where = `experiment ${name(id)}`;
    const a = left.get(id);
    const b = right.get(id);
    if (a === undefined || b === undefined) {
      out.push(`${where}: listed only by ${a === undefined ? sides[1] : sides[0]}`);
      continue;
    }
    diffExperiment(where, a, b, out, sides, name);
  }
  return out;
}

function diffExperiment(where: string, a: DumpExperiment, b: DumpExperiment, out: string[], sides: [string, string], name: (id: string) => string): void {
  const { runs: runsA, ...fieldsA } = a;
  const { runs: runsB, ...fieldsB } = b;
  deepDiff(where, fieldsA, fieldsB, out, sides);
  const left = byId(runsA, (r) => r.info.runId);
  const right = byId(runsB, (r) => r.info.runId);
  for (const id of new Set([...left.keys(), ...right.keys()])) {
    const runA: DumpRun | undefined = left.get(id);
    const runB: DumpRun | undefined = right.get(id);
    if (runA === undefined || runB === undefined) {
      out.push(`${where} run ${name(id)}: listed only by ${runA === undefined ? sides[1] : sides[0]}`);
      continue;
    }
    deepDiff(`${where} run ${name(id)}`, runA, runB, out, sides);
  }
}

/** A failure message that lists the first differences, or '' when there are none. */
export function report(differences: readonly string[], limit = 60): string {
  if (differences.length === 0) return '';
  const shown = differences.slice(0, limit).map((d) => `  - ${d}`);
  const more = differences.length > limit ? [`  ... and ${differences.length - limit} more`] : [];
  return [`${differences.length} difference(s):`, ...shown, ...more].join('\n');
}
