import type { Command } from 'commander';
import type { FileInfo, Run } from '../../entities/index.js';
import { isMlflowError } from '../../errors/index.js';
import type { Cli } from '../context.js';
import { handler } from '../handler.js';
import { statusText } from '../output/columns.js';
import { renderPairs, renderTable } from '../output/table.js';
import { formatDuration, formatNumber, formatTime, runDuration, toCsv, truncate } from '../output/values.js';

const PARENT_TAG = 'mlflow.parentRunId';
/** A run's artifact tree is listed up to this many entries. */
const MAX_ARTIFACTS = 500;

/** Every artifact of a run, depth first, up to MAX_ARTIFACTS; [] when they cannot be listed (remote). */
async function artifactTree(cli: Cli, runId: string, path?: string, found: FileInfo[] = []): Promise<FileInfo[]> {
  let entries: FileInfo[];
  try {
    entries = await cli.client.listArtifacts(runId, path);
  } catch (error) {
    if (!isMlflowError(error) || path !== undefined) throw error;
    cli.note(`note: the artifacts cannot be listed: ${error.message}`);
    return found;
  }
  for (const entry of entries) {
    if (found.length >= MAX_ARTIFACTS) break;
    found.push(entry);
    if (entry.isDir) await artifactTree(cli, runId, entry.path, found);
  }
  return found;
}

interface Related {
  parent: { runId: string; runName: string } | null;
  children: { runId: string; runName: string; status: string }[];
}

async function related(cli: Cli, run: Run): Promise<Related> {
  const parentId = run.data.tags[PARENT_TAG];
  const parent = parentId === undefined ? null : await cli.client.getRun(parentId).then((p) => ({ runId: p.info.runId, runName: p.info.runName }), () => ({ runId: parentId, runName: '' }));
  const { runs } = await cli.client.searchRuns([run.info.experimentId], `tags.\`${PARENT_TAG}\` = '${run.info.runId}'`, { runViewType: 'ALL', maxResults: 50_000 });
  return { parent, children: runs.map((c) => ({ runId: c.info.runId, runName: c.info.runName, status: c.info.status })) };
}

function showJson(cli: Cli, run: Run, experimentName: string, artifacts: FileInfo[], links: Related): void {
  const { info, data } = run;
  cli.printJson({
    info: { ...info, experimentName, startTime: new Date(info.startTime).toISOString(), endTime: info.endTime === null ? null : new Date(info.endTime).toISOString(), durationMs: runDuration(info) },
    params: data.params,
    metrics: Object.values(data.latestMetrics).map(({ key, value, step, timestamp }) => ({ key, value, step, timestamp })),
    tags: data.tags,
    artifacts,
    ...links,
  });
}

function showCsv(cli: Cli, run: Run): void {
  const rows = [
    ...Object.entries(run.data.params).map(([k, v]) => ['param', k, v, '', '']),
    ...Object.values(run.data.latestMetrics).map((m) => ['metric', m.key, String(m.value), String(m.step), new Date(m.timestamp).toISOString()]),
    ...Object.entries(run.data.tags).map(([k, v]) => ['tag', k, v, '', '']),
  ];
  cli.print(toCsv(['kind', 'key', 'value', 'step', 'timestamp'], rows));
}

function showTable(cli: Cli, run: Run, experimentName: string, artifacts: FileInfo[], links: Related): void {
  const { info, data } = run;
  const c = cli.colors;
  const section = (title: string, body: string): void => cli.print(`\n${c.bold(c.underline(title))}\n${body}`);
  cli.print(renderPairs(c, [
    ['Run', `${info.runName} (${info.runId})`],
    ['Experiment', `${experimentName} (${info.experimentId})`],
    ['Status', statusText(cli, info.status) + (info.lifecycleStage === 'deleted' ? c.red(' (deleted)') : '')],
    ['Started', formatTime(info.startTime)],
    ['Ended', formatTime(info.endTime)],
    ['Duration', formatDuration(runDuration(info))],
    ['User', info.userId],
    ['Artifacts', info.artifactUri],
    ['Parent', links.parent === null ? '' : `${links.parent.runName} (${links.parent.runId})`],
  ]));
  const params = Object.entries(data.params).sort(([a], [b]) => (a < b ? -1 : 1));
  if (params.length > 0) section('Params', renderTable(c, ['key', 'value'], params.map(([k, v]) => [k, truncate(v, 60)])));
  const metrics = Object.values(data.latestMetrics).sort((a, b) => (a.key < b.key ? -1 : 1));
  if (metrics.length > 0) section('Metrics (latest)', renderTable(c, ['key', 'value', 'step', 'logged'], metrics.map((m) => [m.key, formatNumber(m.value), String(m.step), formatTime(m.timestamp)])));
  const tags = Object.entries(data.tags).sort(([a], [b]) => (a < b ? -1 : 1));
  if (tags.length > 0) section('Tags', renderTable(c, ['key', 'value'], tags.map(([k, v]) => [k, truncate(v, 60)])));
  if (artifacts.length > 0) {
    const lines = artifacts.map((a) => `${'  '.repeat(a.path.split('/').length - 1)}${a.path.split('/').at(-1)}${a.isDir ? '/' : c.dim(`  ${a.fileSize} B`)}`);
    section('Artifacts', lines.join('\n'));
  }
  if (links.children.length > 0) section('Child runs', renderTable(c, ['run_id', 'name', 'status'], links.children.map((r) => [r.runId, r.runName, statusText(cli, r.status)])));
}

/** `mlruns runs show <run_id>`. */
export function registerRunsShow(runs: Command): void {
  runs
    .command('show')
    .description('show a run: info, params, latest metrics, tags, artifacts, parent and child runs')
    .argument('<run_id>', 'the run id')
    .action(handler(async (cli, _options: object, runId: string) => {
      const run = await cli.client.getRun(runId);
      if (cli.format === 'csv') return showCsv(cli, run);
      const experimentName = (await cli.client.getExperiment(run.info.experimentId)).name;
      const artifacts = await artifactTree(cli, runId);
      const links = await related(cli, run);
      if (cli.format === 'json') showJson(cli, run, experimentName, artifacts, links);
      else showTable(cli, run, experimentName, artifacts, links);
    }));
}
