import type { Command } from 'commander';
import type { Metric } from '../../entities/index.js';
import type { Cli } from '../context.js';
import { handler } from '../handler.js';
import { metricChart } from '../output/chart.js';
import { renderTable } from '../output/table.js';
import { formatNumber, formatTime, toCsv } from '../output/values.js';

/** A terminal table shows the latest points of each key; the chart and CSV/JSON show them all. */
const TABLE_POINTS = 20;

async function history(cli: Cli, runId: string, keys: string[]): Promise<void> {
  const histories = new Map<string, Metric[]>();
  for (const key of keys) histories.set(key, await cli.client.getMetricHistory(runId, key));
  const points = [...histories.values()].flat();
  if (cli.format === 'json') {
    cli.printJson(points.map(({ key, value, step, timestamp }) => ({ key, value, step, timestamp })));
    return;
  }
  if (cli.format === 'csv') {
    cli.print(toCsv(['key', 'step', 'value', 'timestamp'], points.map((m) => [m.key, String(m.step), String(m.value), String(m.timestamp)])));
    return;
  }
  for (const [key, values] of histories) {
    if (values.length === 0) cli.note(`Run ${runId} has no metric '${key}'.`);
  }
  const shown = [...histories.values()].flatMap((values) => values.slice(-TABLE_POINTS));
  if (shown.length > 0) cli.print(renderTable(cli.colors, ['key', 'step', 'value', 'logged'], shown.map((m) => [m.key, String(m.step), formatNumber(m.value), formatTime(m.timestamp)])));
  if (shown.length < points.length) cli.note(`Showing the last ${TABLE_POINTS} points of each metric; --format csv gives all ${points.length}.`);
  if (process.stdout.isTTY === true && points.length > 1) cli.print(await metricChart(cli, histories));
}

/** `mlruns metrics history <run_id> <key>...`. */
export function registerMetrics(metrics: Command): void {
  metrics
    .command('history')
    .description('every logged value of metrics of a run, with a line chart on a terminal')
    .argument('<run_id>', 'the run id')
    .argument('<key...>', 'metric keys')
    .action(handler(async (cli, _options: object, runId: string, keys: string[]) => history(cli, runId, keys)));
}
