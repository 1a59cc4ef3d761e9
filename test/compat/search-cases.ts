/**
 * Random stores and random search queries for the differential search test. Everything is
 * drawn from one seeded generator, so a failing seed replays exactly.
 */
import { MlflowClient, type ViewType } from '../../src/index.js';

export { seeded, type Random } from '../helpers/random.js';
import type { Random } from '../helpers/random.js';

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (random: Random, p: number): boolean => random() < p;

const METRIC_KEYS = ['acc', 'loss', 'val/acc', 'f1 score'];
const PARAM_KEYS = ['lr', 'model', 'depth', 'my-param'];
const TAG_KEYS = ['env', 'team', 'mlflow.note.content'];
const METRIC_VALUES = [0, 1, -1, 0.5, 0.25, 0.9, 0.91, 100, -0.0, 1e-5, 1e16, NaN, Infinity, -Infinity, 3];
const STRING_VALUES = ['a', 'A', 'abc', 'Abc', 'ABC', '10', '9', '1e3', 'yes', 'tf', 'sk-learn', 'x y', "L'Hosp", '', 'val%', 'a_c', 'ünï'];
const DATASETS = [
  { name: 'iris', digest: 'a1b2c3' },
  { name: 'Iris-v2', digest: 'd4e5f6' },
  { name: 'wine', digest: 'a1b2c3' },
];
const STATUSES = ['RUNNING', 'FINISHED', 'FAILED', 'KILLED', 'SCHEDULED'] as const;
const RUN_NAMES = ['alpha', 'Alpha', 'beta-1', 'beta_2', 'gamma ray', 'run', 'RUN'];

export interface GeneratedStore {
  readonly experimentIds: string[];
  readonly runIds: string[];
}

/** A store with two experiments of varied runs: missing keys, NaN and inf, ties, deletions. */
export async function buildRandomStore(root: string, random: Random, runsPerExperiment = 14): Promise<GeneratedStore> {
  const client = new MlflowClient(root);
  const experimentIds: string[] = [];
  const runIds: string[] = [];
  for (const [index, name] of ['search-a', 'Search b'].entries()) {
    const id = await client.createExperiment(name, { tags: chance(random, 0.7) ? { team: pick(random, STRING_VALUES) } : {} });
    experimentIds.push(id);
    for (let i = 0; i < runsPerExperiment; i += 1) {
      const startTime = 1_700_000_000_000 + Math.floor(random() * 6) * 1000 + index;
      const run = await client.createRun(id, { runName: pick(random, RUN_NAMES), startTime, tags: { 'mlflow.user': pick(random, ['alice', 'bob']) } });
      const runId = run.info.runId;
      runIds.push(runId);
      const metrics = METRIC_KEYS.filter(() => chance(random, 0.75)).flatMap((key) =>
        Array.from({ length: 1 + Math.floor(random() * 3) }, (_, step) => ({ key, value: pick(random, METRIC_VALUES), step, timestamp: 5 })),
      );
      const params = Object.fromEntries(PARAM_KEYS.filter(() => chance(random, 0.7)).map((k) => [k, pick(random, STRING_VALUES)]));
      const tags = Object.fromEntries(TAG_KEYS.filter(() => chance(random, 0.6)).map((k) => [k, pick(random, STRING_VALUES)]));
      await client.logBatch(runId, { metrics, params, tags });
      const status = pick(random, STATUSES);
      if (status !== 'RUNNING') await client.updateRun(runId, { status, endTime: chance(random, 0.8) ? startTime + Math.floor(random() * 5000) : null });
      const inputs = DATASETS.filter(() => chance(random, 0.35)).map((dataset) => ({
        dataset: { ...dataset, sourceType: 'local', source: { uri: `${dataset.name}.csv` } },
        tags: chance(random, 0.8) ? { 'mlflow.data.context': pick(random, ['train', 'test', 'Eval']) } : ({} as Record<string, string>),
      }));
      if (inputs.length > 0) await client.logInputs(runId, inputs);
      if (chance(random, 0.15)) await client.deleteRun(runId);
    }
  }
  // A deleted experiment, so view types matter for experiment search too.
  await client.deleteExperiment(await client.createExperiment('gone'));
  return { experimentIds, runIds };
}

// ---- filters -------------------------------------------------------------------------------

function quoteKey(random: Random, key: string): string {
  const bare = /^[A-Za-z_][\w.]*$/.test(key);
  const style = Math.floor(random() * (bare ? 4 : 3));
  if (style === 0) return `\`${key}\``;
  if (style === 1) return `"${key}"`;
  if (style === 2 && !bare) return `'${key}'`;
  return key;
}

function stringValue(random: Random, pool: readonly string[]): string {
  const value = pick(random, pool);
  if (value.includes("'")) return `"${value}"`;
  return chance(random, 0.8) ? `'${value}'` : `"${value}"`;
}

const NUMBERS = ['0', '1', '-1', '0.5', '.5', '5.', '1e5', '1E-5', '-0.5e-3', '100', '0.9', '0.25', '3'];
/** Spellings MLflow's lexer does not take as numbers. */
const NOT_NUMBERS = ['1e+5', 'inf', 'nan', '0x1F'];
const LIKE_PATTERNS = ['a%', '%a', '%b%', 'A%', '_', '__', '%', 'a_c', '1%', '%-%', 'x y', 'val\\%', '%Hosp', 'ABC'];

function metricClause(random: Random): string {
  const entity = pick(random, ['metric', 'metrics', '`metrics`']);
  const key = chance(random, 0.9) ? pick(random, METRIC_KEYS) : 'missing';
  const comparator = chance(random, 0.9) ? pick(random, ['=', '!=', '>', '>=', '<', '<=']) : pick(random, ['LIKE', 'IS NULL', '<>', 'IN']);
  if (comparator === 'IS NULL') return `${entity}.${quoteKey(random, key)} IS NULL`;
  const roll = random();
  const value = roll < 0.9 ? pick(random, NUMBERS) : roll < 0.95 ? pick(random, NOT_NUMBERS) : stringValue(random, ['5', 'a']);
  return `${entity}.${quoteKey(random, key)} ${comparator} ${value}`;
}

function stringClause(random: Random, entity: string, keys: readonly string[]): string {
  const key = chance(random, 0.85) ? pick(random, keys) : 'missing';
  const ident = `${entity}.${quoteKey(random, key)}`;
  const kind = random();
  if (kind < 0.35) return `${ident} ${pick(random, ['=', '!='])} ${stringValue(random, STRING_VALUES)}`;
  if (kind < 0.65) return `${ident} ${pick(random, ['LIKE', 'ILIKE', 'like', 'ilike'])} ${stringValue(random, LIKE_PATTERNS)}`;
  if (kind < 0.8) return `${ident} IS ${chance(random, 0.5) ? 'NOT ' : ''}NULL`;
  if (kind < 0.95) return `${ident} ${pick(random, ['>', '<=', 'IN'])} ${stringValue(random, STRING_VALUES)}`;
  return `${ident} = ${pick(random, NUMBERS)}`;
}

function attributeClause(random: Random, runIds: readonly string[]): string {
  const prefix = pick(random, ['', 'attribute.', 'attributes.', 'attr.', 'run.']);
  const kind = random();
  if (kind < 0.25) {
    const key = pick(random, ['status', 'run_name', 'user_id', '`run name`', '`Run Name`', 'run_id', 'artifact_uri']);
    const pool = key === 'status' ? [...STATUSES, 'finished'] : key === 'user_id' ? ['alice', 'bob'] : RUN_NAMES;
    return `${prefix}${key} ${pick(random, ['=', '!=', 'LIKE', 'ILIKE'])} ${stringValue(random, pool)}`;
  }
  if (kind < 0.45) {
    const ids = Array.from({ length: 1 + Math.floor(random() * 3) }, () => `'${pick(random, [...runIds, 'deadbeef'])}'`);
    return `${prefix}run_id ${pick(random, ['IN', 'NOT IN', 'in'])} (${ids.join(pick(random, [',', ', ', ',  ']))})`;
  }
  if (kind < 0.92) {
    const key = pick(random, ['start_time', 'end_time', 'created', 'Created']);
    const value = pick(random, ['1700000002000', '1700000003001', '0', '1700000005000']);
    return `${prefix}${key} ${pick(random, ['=', '!=', '>', '>=', '<', '<='])} ${value}`;
  }
  return `${prefix}${pick(random, ['experiment_id', 'lifecycle_stage', 'name', 'status'])} ${pick(random, ['=', '>', 'IS NULL'])} '1'`;
}

function datasetClause(random: Random): string {
  const entity = pick(random, ['dataset', 'datasets']);
  const key = pick(random, ['name', 'digest', 'context']);
  const pool = key === 'name' ? ['iris', 'Iris-v2', 'wine', 'i%', 'I%', '%v2'] : key === 'digest' ? ['a1b2c3', 'd4e5f6', 'a%'] : ['train', 'test', 'Eval', 't%', 'e%'];
  if (chance(random, 0.25)) {
    const values = Array.from({ length: 1 + Math.floor(random() * 2) }, () => `'${pick(random, pool)}'`);
    return `${entity}.${key} ${pick(random, ['IN', 'NOT IN'])} (${values.join(', ')})`;
  }
  return `${entity}.${key} ${pick(random, ['=', '!=', 'LIKE', 'ILIKE'])} ${stringValue(random, pool)}`;
}

function brokenClause(random: Random): string {
  return pick(random, [
    'metrics.acc > 0.5 OR params.lr = \'a\'',
    '(metrics.acc > 0.5)',
    'm.acc > 1',
    'acc > 1',
    'params.lr = a',
    "params.lr = 'a",
    'metrics.acc !=',
    '1 = 1',
    'params.my-param = \'a\'',
    'params.from = \'a\'',
    "tags.env = 'a'; tags.env = 'b'",
    'dataset.profile = \'x\'',
    "attribute.status = 'FAILED' NAND metrics.acc > 1",
    'metrics.acc >= 1 AND',
    "run_id IN ()",
    "params.lr IN ('a')",
  ]);
}

/** A filter string: mostly valid clauses, some mistakes MLflow must reject too. */
export function randomRunFilter(random: Random, runIds: readonly string[]): string {
  if (chance(random, 0.05)) return '';
  const count = 1 + Math.floor(random() * 3);
  const clauses = Array.from({ length: count }, () => {
    const kind = random();
    if (kind < 0.25) return metricClause(random);
    if (kind < 0.45) return stringClause(random, pick(random, ['param', 'params', 'parameter', 'parameters']), PARAM_KEYS);
    if (kind < 0.65) return stringClause(random, pick(random, ['tag', 'tags']), [...TAG_KEYS, 'mlflow.runName', 'mlflow.user']);
    if (kind < 0.85) return attributeClause(random, runIds);
    if (kind < 0.96) return datasetClause(random);
    return brokenClause(random);
  });
  return clauses.join(` ${pick(random, ['AND', 'and', 'And'])} `);
}

// ---- order by ------------------------------------------------------------------------------

export function randomOrderBy(random: Random): string[] | undefined {
  if (chance(random, 0.2)) return undefined;
  const count = 1 + Math.floor(random() * 3);
  return Array.from({ length: count }, () => {
    const kind = random();
    let key: string;
    if (kind < 0.3) key = `${pick(random, ['metric', 'metrics'])}.${quoteKey(random, pick(random, [...METRIC_KEYS, 'missing']))}`;
    else if (kind < 0.5) key = `${pick(random, ['param', 'params'])}.${quoteKey(random, pick(random, PARAM_KEYS))}`;
    else if (kind < 0.65) key = `${pick(random, ['tag', 'tags'])}.${quoteKey(random, pick(random, TAG_KEYS))}`;
    else if (kind < 0.97) key = `${pick(random, ['', 'attribute.', 'attributes.'])}${pick(random, ['start_time', 'end_time', 'run_name', 'status', 'run_id', 'user_id', 'created', 'Created'])}`;
    else key = pick(random, ['dataset.name', 'attribute.lifecycle_stage', 'metrics.acc DESC NULLS LAST', 'metrics.acc  decs', ' metrics.acc', 'm.acc']);
    const direction = pick(random, ['', ' ASC', ' DESC', ' asc', ' desc', '  DESC', ' ASC', ' DESC']);
    return `${key}${direction}`;
  });
}

export interface RunQuery {
  experimentIds: string[];
  filter: string;
  orderBy: string[] | undefined;
  maxResults: number;
  viewType: ViewType;
}

export function randomRunQuery(random: Random, store: GeneratedStore): RunQuery {
  const experimentIds = chance(random, 0.7) ? store.experimentIds : [pick(random, store.experimentIds)];
  return {
    experimentIds,
    filter: randomRunFilter(random, store.runIds),
    orderBy: randomOrderBy(random),
    maxResults: pick(random, [1, 3, 7, 1000]),
    viewType: pick(random, ['ACTIVE_ONLY', 'ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as const),
  };
}

// ---- experiments ---------------------------------------------------------------------------

export interface ExperimentQuery {
  filter: string;
  orderBy: string[] | undefined;
  maxResults: number;
  viewType: ViewType;
}

export function randomExperimentQuery(random: Random): ExperimentQuery {
  const clause = (): string => {
    const kind = random();
    if (kind < 0.4) return `${pick(random, ['', 'attribute.'])}name ${pick(random, ['=', '!=', 'LIKE', 'ILIKE'])} ${stringValue(random, ['search-a', 'Search b', 'Default', 's%', 'S%', '%b', '%a%', '_efault'])}`;
    if (kind < 0.6) return `${pick(random, ['creation_time', 'last_update_time'])} ${pick(random, ['=', '!=', '>', '>=', '<', '<='])} ${pick(random, ['0', '1700000000000', '99999999999999'])}`;
    if (kind < 0.85) return stringClause(random, pick(random, ['tag', 'tags']), ['team']);
    return pick(random, ["attributes.name = 'x'", "experiment_id = '0'", "name IN ('a')", 'name IS NULL', "metrics.acc > 1"]);
  };
  const count = 1 + Math.floor(random() * 2);
  return {
    filter: chance(random, 0.1) ? '' : Array.from({ length: count }, clause).join(' AND '),
    orderBy: chance(random, 0.5)
      ? undefined
      : [`${pick(random, ['', 'attribute.'])}${pick(random, ['name', 'experiment_id', 'creation_time', 'last_update_time', 'tags.team'])}${pick(random, ['', ' ASC', ' DESC'])}`],
    maxResults: pick(random, [1, 2, 1000]),
    viewType: pick(random, ['ACTIVE_ONLY', 'ALL', 'DELETED_ONLY'] as const),
  };
}
