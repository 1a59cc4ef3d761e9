import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkFiles } from '../../src/backends/file/fs-io.js';
import { parseMetaBytes } from '../../src/backends/file/run-reader.js';
import { parseExperimentMeta } from '../../src/format/experiment-meta.js';
import { isRunFolderName } from '../../src/format/layout.js';
import { parseRunMeta } from '../../src/format/run-meta.js';
import { MlflowClient, type Run } from '../../src/index.js';

/**
 * Checks every harness scenario makes of a store after the fact: each meta.yaml is whole and
 * parses, and every listing works.
 */

/**
 * Where a meta.yaml sits, which decides the parser it must pass: an experiment's, a run's, a
 * dataset's or run input's (any YAML mapping), or none (a param or tag that happens to be
 * named meta.yaml).
 */
function metaKind(relative: string): 'experiment' | 'run' | 'other' | undefined {
  const parts = relative.split('/');
  const inside = parts[0] === '.trash' ? parts.slice(1) : parts;
  if (parts[0] === 'models') return undefined;
  if (inside.length === 2) return 'experiment';
  if (inside.length === 3 && isRunFolderName(inside[1]!)) return 'run';
  if (inside.length === 4 && inside[1] === 'datasets') return 'other';
  if (inside.length === 5 && inside[2] === 'inputs') return 'other';
  return undefined;
}

/** Folders and files of our own that hold work in progress: not part of the store's content. */
function isScratch(relative: string): boolean {
  // Temp files and locks start with `.mlruns-`; staging folders of experiments and runs being
  // created end with `.mlruns-new.trash`.
  return relative.split('/').some((part) => part.startsWith('.mlruns-') || part.endsWith('.mlruns-new.trash'));
}

/**
 * Checks every meta.yaml of a store: `problems` holds one message per file that is empty, cut
 * short or otherwise fails to parse as what its place in the store says it is.
 */
export async function checkMetaFiles(root: string): Promise<{ checked: number; problems: string[] }> {
  const problems: string[] = [];
  let checked = 0;
  for (const relative of await walkFiles(root)) {
    const kind = metaKind(relative);
    if (!relative.endsWith('/meta.yaml') || kind === undefined || isScratch(relative)) continue;
    checked += 1;
    const problem = metaProblem(join(root, relative), kind);
    if (problem !== undefined) problems.push(`${relative}: ${problem}`);
  }
  return { checked, problems };
}

function metaProblem(path: string, kind: 'experiment' | 'run' | 'other'): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    // Renamed away (a delete or restore moved the folder) between the walk and the read.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return (error as Error).message;
  }
  try {
    const parsed = parseMetaBytes(bytes);
    if (typeof parsed === 'symbol') return 'empty';
    if (parsed instanceof Error) return parsed.message;
    if (kind === 'experiment') parseExperimentMeta(parsed, false);
    if (kind === 'run') parseRunMeta(parsed);
    return undefined;
  } catch (error) {
    return `${(error as Error).message} (${bytes.length} bytes)`;
  }
}

/** Every run of the store (active and deleted), read through the listings a user would call. */
export interface StoreReading {
  readonly experiments: Awaited<ReturnType<MlflowClient['searchExperiments']>>['experiments'];
  readonly runs: Run[];
}

/**
 * Lists the store as a user would: every experiment of every view, every run of them through
 * searchRuns (the given filter, or none), and each run again through getRun. Throws whatever
 * a listing throws.
 */
export async function readWholeStore(client: MlflowClient, filter?: string): Promise<StoreReading> {
  const { experiments } = await client.searchExperiments({ viewType: 'ALL', maxResults: 50_000 });
  for (const view of ['ACTIVE_ONLY', 'DELETED_ONLY'] as const) await client.searchExperiments({ viewType: view, maxResults: 50_000 });
  const ids = experiments.map((e) => e.experimentId);
  const runs: Run[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.searchRuns(ids, filter, { runViewType: 'ALL', maxResults: 1000, pageToken });
    runs.push(...page.runs);
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined);
  for (const run of runs) await client.getRun(run.info.runId);
  return { experiments, runs };
}
