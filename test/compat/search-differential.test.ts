/**
 * The differential search test: random stores, thousands of random valid and invalid filter
 * and order_by strings, answered by Python MLflow and by us; the ordered id lists (pages walked
 * to the end) must be identical, and invalid input must be an error on both sides.
 *
 * Replay a failure with MLRUNS_SEARCH_SEED=<seed printed below>; set MLRUNS_SEARCH_CASES for
 * more cases (CI runs the default, 2,400).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MlflowClient, isMlflowError } from '../../src/index.js';
import { runMlflow } from '../helpers/mlflow.js';
import {
  buildRandomStore,
  randomExperimentQuery,
  randomRunQuery,
  seeded,
  type ExperimentQuery,
  type RunQuery,
} from './search-cases.js';

const SEED = Number(process.env.MLRUNS_SEARCH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const STORES = 4;
const RUN_CASES_PER_STORE = Math.ceil(Number(process.env.MLRUNS_SEARCH_CASES ?? 2000) / STORES);
const EXPERIMENT_CASES_PER_STORE = 100;

type Answer = { ids: string[] } | { error: string };

async function walkPages(page: (token?: string) => Promise<{ ids: string[]; next?: string }>, maxResults: number): Promise<Answer> {
  try {
    const ids: string[] = [];
    let token: string | undefined;
    for (let pages = 0; pages < 10_000; pages += 1) {
      const result = await page(token);
      ids.push(...result.ids);
      token = result.next;
      if (!token || maxResults === 0) break;
    }
    return { ids };
  } catch (error) {
    if (!isMlflowError(error)) throw error;
    return { error: `${error.errorCode}: ${error.message}` };
  }
}

/**
 * Whether our answer agrees with MLflow's. One documented difference is allowed: we reject
 * a bad comparator or entity at parse time, where MLflow only notices when it evaluates that
 * clause against a run, so MLflow may answer [] where we raise (docs/compat.md).
 */
function agrees(ours: Answer, theirs: Answer): boolean {
  if ('error' in theirs) return 'error' in ours;
  if ('error' in ours) return theirs.ids.length === 0 && /Invalid comparator|Invalid (entity|attribute|dataset) |Invalid order_by entity|only supported for|Expected (a quoted string|numeric)|Only the 'run_id'/.test(ours.error);
  return JSON.stringify(ours.ids) === JSON.stringify(theirs.ids);
}

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describe(`search agrees with Python MLflow (seed ${SEED})`, () => {
  for (let storeIndex = 0; storeIndex < STORES; storeIndex += 1) {
    it(`returns the same runs and experiments, in the same order, on random store ${storeIndex + 1}`, { timeout: 600_000 }, async () => {
      const random = seeded(SEED + storeIndex);
      const dir = await mkdtemp(join(tmpdir(), 'mlruns-search-'));
      roots.push(dir);
      const root = join(dir, 'mlruns');
      const store = await buildRandomStore(root, random);
      const runQueries: RunQuery[] = Array.from({ length: RUN_CASES_PER_STORE }, () => randomRunQuery(random, store));
      const experimentQueries: ExperimentQuery[] = Array.from({ length: EXPERIMENT_CASES_PER_STORE }, () => randomExperimentQuery(random));
      const queriesFile = join(dir, 'queries.json');
      await writeFile(queriesFile, JSON.stringify({ runs: runQueries, experiments: experimentQueries }));
      const oracle = (await runMlflow('3', 'search_oracle.py', [root, queriesFile])) as { runs: Answer[]; experiments: Answer[] };

      const client = new MlflowClient(root);
      const mismatches: string[] = [];
      for (const [i, query] of runQueries.entries()) {
        const ours = await walkPages(async (pageToken) => {
          const { runs, nextPageToken } = await client.searchRuns(query.experimentIds, query.filter, {
            runViewType: query.viewType,
            maxResults: query.maxResults,
            orderBy: query.orderBy,
            pageToken,
          });
          return { ids: runs.map((r) => r.info.runId), next: nextPageToken };
        }, query.maxResults);
        const theirs = oracle.runs[i] as Answer;
        if (!agrees(ours, theirs)) mismatches.push(`runs ${JSON.stringify(query)}\n  mlflow: ${JSON.stringify(theirs)}\n  ours:   ${JSON.stringify(ours)}`);
      }
      for (const [i, query] of experimentQueries.entries()) {
        const ours = await walkPages(async (pageToken) => {
          const { experiments, nextPageToken } = await client.searchExperiments({
            viewType: query.viewType,
            maxResults: query.maxResults,
            filterString: query.filter,
            orderBy: query.orderBy,
            pageToken,
          });
          return { ids: experiments.map((e) => e.experimentId), next: nextPageToken };
        }, query.maxResults);
        const theirs = oracle.experiments[i] as Answer;
        if (!agrees(ours, theirs)) mismatches.push(`experiments ${JSON.stringify(query)}\n  mlflow: ${JSON.stringify(theirs)}\n  ours:   ${JSON.stringify(ours)}`);
      }
      const errors = oracle.runs.filter((a) => 'error' in a).length;
      console.log(`seed ${SEED + storeIndex}: ${runQueries.length} run queries (${errors} invalid), ${experimentQueries.length} experiment queries, ${mismatches.length} mismatches`);
      expect(mismatches.slice(0, 5).join('\n\n')).toBe('');
    });
  }
});
