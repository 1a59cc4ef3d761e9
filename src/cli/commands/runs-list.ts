import { Command, Option } from 'commander';
import type { Run } from '../../entities/index.js';
import type { Cli } from '../context.js';
import { handler } from '../handler.js';
import { DEFAULT_INFO, allKeys, runColumn, varyingKeys, type RunColumn } from '../output/columns.js';
import { progressBar } from '../output/progress.js';
import { renderTable } from '../output/table.js';
import { runDuration, toCsv } from '../output/values.js';
import { VIEWS, collect, findExperiment, positiveInt } from './arguments.js';

interface ListOptions {
  experiment?: string[];
  filter?: string;
  orderBy?: string[];
  max?: number;
  columns?: string[];
  view: string;
}

/**
 * Runs listed without --max: a table is for reading (MLflow's UI shows 100 a page too, and
 * the table renderer slows down with many rows); JSON and CSV are for scripts.
 */
const DEFAULT_MAX = { table: 100, json: 1000, csv: 1000 } as const;

/** At most this many varying columns are shown in a table without --columns. */
const MAX_AUTO_COLUMNS = 12;
const PAGE = 1000;

/** The matching runs, at most `max`, walking pages; `more` when the store holds further matches. */
async function fetchRuns(cli: Cli, experimentIds: string[], options: ListOptions): Promise<{ runs: Run[]; more: boolean }> {
  const max = options.max ?? DEFAULT_MAX[cli.format];
  const runs: Run[] = [];
  const progress = await progressBar(cli, 'Reading runs');
  let pageToken: string | undefined;
  try {
    do {
      const page = await cli.client.searchRuns(experimentIds, options.filter, {
        runViewType: VIEWS[options.view],
        orderBy: options.orderBy,
        maxResults: Math.min(PAGE, max - runs.length),
        pageToken,
      });
      runs.push(...page.runs);
      pageToken = page.nextPageToken;
      if (max > PAGE) progress.update(runs.length, max);
    } while (pageToken !== undefined && runs.length < max);
  } finally {
    progress.stop();
  }
  return { runs, more: pageToken !== undefined };
}

/** The experiments to search: those named with -e, else every active one. */
async function experimentIds(cli: Cli, refs: string[] | undefined): Promise<string[]> {
  if (refs !== undefined && refs.length > 0) return Promise.all(refs.map(async (ref) => (await findExperiment(cli, ref)).experimentId));
  return (await cli.client.searchExperiments({ maxResults: 50_000 })).experiments.map((e) => e.experimentId);
}

/** Column names: --columns as given, else the info columns and the params and metrics that matter. */
function columnNames(cli: Cli, runs: readonly Run[], options: ListOptions): { names: string[]; hidden: string[] } {
  if (options.columns !== undefined) return { names: options.columns.flatMap((c) => c.split(',')).map((c) => c.trim()).filter((c) => c !== ''), hidden: [] };
  if (cli.format !== 'table') {
    return { names: [...DEFAULT_INFO, 'end_time', ...allKeys(runs, 'params').map((k) => `params.${k}`), ...allKeys(runs, 'metrics').map((k) => `metrics.${k}`)], hidden: [] };
  }
  const varying = [...varyingKeys(runs, 'params').map((k) => `params.${k}`), ...varyingKeys(runs, 'metrics').map((k) => `metrics.${k}`)];
  return { names: [...DEFAULT_INFO, ...varying.slice(0, MAX_AUTO_COLUMNS)], hidden: varying.slice(MAX_AUTO_COLUMNS) };
}

type Group = 'params' | 'metrics' | 'tags';

/** The keys of each group that --columns names, for JSON; undefined (every key) without --columns. */
function jsonKeys(columns: readonly RunColumn[] | undefined): Record<Group, string[]> | undefined {
  if (columns === undefined) return undefined;
  const keysOf = (group: Group): string[] => columns.filter((c) => c.name.startsWith(`${group}.`)).map((c) => c.name.slice(group.length + 1));
  return { params: keysOf('params'), metrics: keysOf('metrics'), tags: keysOf('tags') };
}

/** One run as JSON: its info, and its params, metrics and tags (only the named ones with --columns). */
function runJson(run: Run, keys: Record<Group, string[]> | undefined): unknown {
  const pick = (group: Group): Record<string, unknown> => {
    const values: Record<string, unknown> = run.data[group];
    if (keys === undefined) return values;
    const picked: Record<string, unknown> = {};
    for (const key of keys[group]) picked[key] = values[key] ?? null;
    return picked;
  };
  const { info } = run;
  return {
    runId: info.runId,
    runName: info.runName,
    experimentId: info.experimentId,
    status: info.status,
    lifecycleStage: info.lifecycleStage,
    userId: info.userId,
    startTime: new Date(info.startTime).toISOString(),
    endTime: info.endTime === null ? null : new Date(info.endTime).toISOString(),
    durationMs: runDuration(info),
    artifactUri: info.artifactUri,
    params: pick('params'),
    metrics: pick('metrics'),
    tags: pick('tags'),
  };
}

async function listRuns(cli: Cli, options: ListOptions): Promise<void> {
  const { runs, more } = await fetchRuns(cli, await experimentIds(cli, options.experiment), options);
  if (cli.format === 'json') {
    const keys = jsonKeys(options.columns === undefined ? undefined : columnNames(cli, runs, options).names.map(runColumn));
    cli.printJson(runs.map((run) => runJson(run, keys)));
  } else {
    const { names, hidden } = columnNames(cli, runs, options);
    const columns = names.map(runColumn);
    if (cli.format === 'csv') cli.print(toCsv(names, runs.map((run) => columns.map((c) => c.csv(run)))));
    else if (runs.length === 0) cli.note('No runs match.');
    else cli.print(renderTable(cli.colors, names, runs.map((run) => columns.map((c) => c.cell(run, cli)))));
    if (hidden.length > 0) cli.note(`${hidden.length} more columns vary (${hidden.slice(0, 5).join(', ')}${hidden.length > 5 ? ', …' : ''}); choose columns with --columns.`);
  }
  if (more) cli.note(`Showing the first ${runs.length} runs; more match. Raise --max to see them.`);
}

/** `mlruns runs list`. */
export function registerRunsList(runs: Command): void {
  runs
    .command('list')
    .description('list runs; the table shows the params and metrics that vary between them')
    .option('-e, --experiment <experiment...>', 'experiment ids or names (default: every active experiment)')
    .option('--filter <filter>', `MLflow filter, e.g. "metrics.acc > 0.9 and params.model = 'cnn'"`)
    .option('--order-by <clause>', `MLflow order_by clause, e.g. "metrics.acc DESC" (repeatable)`, collect)
    .option('--max <n>', 'at most this many runs (default: 100 in a table, 1000 as JSON or CSV)', positiveInt('--max'))
    .option('--columns <names>', 'comma-separated columns: run_id, name, status, start_time, end_time, duration, experiment_id, user, lifecycle_stage, artifact_uri, params.<key>, metrics.<key>, tags.<key>', collect)
    .addOption(new Option('--view <view>', 'which lifecycle stage').choices(Object.keys(VIEWS)).default('active'))
    .action(handler(listRuns));
}
