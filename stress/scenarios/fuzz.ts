/**
 * Scenario "fuzz": generated and mutated filter and order_by strings, each through one of the
 * parsers of the search language in turn, or through search itself over a few runs. Each
 * call must return or throw an MlflowError, and a parse must finish within `limitMs` (a slow
 * call is timed three more times and counts only if it is slow every time, so a GC pause or a
 * busy machine is not a hang). A search also evaluates LIKE patterns against values of 2,000
 * characters, which takes time in proportion to both lengths; it gets ten times the limit.
 */
import { isMlflowError } from '../../src/index.js';
import {
  parseExperimentFilter,
  parseModelVersionFilter,
  parseModelVersionOrderBy,
  parseOrderBy,
  parseRegisteredModelFilter,
  parseRegisteredModelOrderBy,
  parseRunFilter,
  searchExperiments,
  searchRuns,
} from '../../src/search/index.js';
import { makeExperiment, makeRun } from '../../test/helpers/entities.js';
import { seeded } from '../../test/helpers/random.js';
import { fuzzInput } from '../lib/fuzz-inputs.js';

export interface FuzzOptions {
  readonly inputs: number;
  readonly seed: number;
  readonly limitMs: number;
}

export interface FuzzResult {
  readonly inputs: number;
  /** Inputs that threw an MlflowError (the input was invalid). */
  readonly rejected: number;
  /** The slowest parse and the slowest search (LIKE over long values), in ms. */
  readonly slowestParseMs: number;
  readonly slowestSearchMs: number;
  readonly problems: string[];
}

const LONG = 'a'.repeat(2000);
const RUNS = [
  makeRun({ metrics: { acc: 0.9, loss: 0.1 }, params: { lr: '0.1', model: 'cnn' }, tags: { t: LONG, env: 'prod' }, datasets: [{ name: 'iris', digest: 'a1b2c3', context: 'train' }] }),
  makeRun({ runName: 'ß-run', metrics: { acc: Number.NaN }, params: { lr: '1e3' }, tags: { t: `${LONG}b` }, status: 'FAILED' }),
  makeRun({ metrics: {}, tags: { 'mlflow.runName': 'x' }, lifecycleStage: 'deleted' }),
];
const EXPERIMENTS = [makeExperiment({ name: LONG, tags: { team: 'vision' } }), makeExperiment({ name: 'Default' })];

/** Each target: its name, the call, and how many times `limitMs` it may take. */
const TARGETS: ReadonlyArray<readonly [string, (text: string) => unknown, number]> = [
  ['run filter', parseRunFilter, 1],
  ['experiment filter', parseExperimentFilter, 1],
  ['run order_by', (text) => parseOrderBy([text]), 1],
  ['experiment order_by', (text) => parseOrderBy([text], 'experiment'), 1],
  ['registered model filter', parseRegisteredModelFilter, 1],
  ['model version filter', parseModelVersionFilter, 1],
  ['registered model order_by', parseRegisteredModelOrderBy, 1],
  ['model version order_by', parseModelVersionOrderBy, 1],
  ['run search', (text) => searchRuns(RUNS, { filter: text }), 10],
  ['run search order', (text) => searchRuns(RUNS, { orderBy: [text] }), 1],
  ['experiment search', (text) => searchExperiments(EXPERIMENTS, { filter: text }), 10],
];

/** Milliseconds one call takes, and what it threw (undefined when it returned). */
function timed(call: () => unknown): { ms: number; error: unknown } {
  const start = performance.now();
  try {
    call();
    return { ms: performance.now() - start, error: undefined };
  } catch (error) {
    return { ms: performance.now() - start, error };
  }
}

export function runFuzz(options: FuzzOptions): FuzzResult {
  const random = seeded(options.seed);
  const problems = new Map<string, string>();
  let rejected = 0;
  let slowestParseMs = 0;
  let slowestSearchMs = 0;
  for (let i = 0; i < options.inputs; i += 1) {
    const text = fuzzInput(random);
    const [name, parse, allowance] = TARGETS[i % TARGETS.length]!;
    const limit = options.limitMs * allowance;
    let { ms, error } = timed(() => parse(text));
    if (ms > limit) ms = Math.min(ms, ...[1, 2, 3].map(() => timed(() => parse(text)).ms));
    if (allowance === 1) slowestParseMs = Math.max(slowestParseMs, ms);
    else slowestSearchMs = Math.max(slowestSearchMs, ms);
    const shown = JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}...` : text);
    if (ms > limit) problems.set(`${name} slow`, `${name} took ${ms.toFixed(0)} ms on ${shown} (${text.length} characters)`);
    if (error === undefined) continue;
    if (isMlflowError(error)) rejected += 1;
    else problems.set(`${name} ${(error as Error).message}`, `${name} threw ${(error as Error).name} on ${shown}: ${(error as Error).message}`);
  }
  return { inputs: options.inputs, rejected, slowestParseMs, slowestSearchMs, problems: [...problems.values()] };
}
