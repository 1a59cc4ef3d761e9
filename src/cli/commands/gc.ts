import type { Command } from 'commander';
import { collectGarbage, parseOlderThan, planGarbageCollection, type GcPlan } from '../../gc/index.js';
import { UsageError } from '../errors.js';
import type { Cli } from '../context.js';
import { handler } from '../handler.js';
import { confirm } from '../output/confirm.js';
import { progressBar } from '../output/progress.js';
import { renderTable } from '../output/table.js';
import { formatTime, toCsv } from '../output/values.js';

interface GcOptions {
  olderThan?: string;
  dryRun?: boolean;
  yes?: boolean;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function printPlan(cli: Cli, plan: GcPlan): void {
  type Row = [kind: string, id: string, name: string, experimentId: string, deleted: number | null];
  const rows: Row[] = [
    ...plan.runs.map((r): Row => ['run', r.runId, r.runName, r.experimentId, r.deletedTime]),
    ...plan.loggedModels.map((m): Row => ['logged model', m.modelId, m.name, m.experimentId, m.lastUpdatedTime]),
    ...plan.experiments.map((e): Row => ['experiment', e.experimentId, e.name, e.experimentId, e.lastUpdateTime]),
  ];
  if (cli.format === 'csv') {
    cli.print(toCsv(['kind', 'id', 'name', 'experiment_id', 'deleted_time'], rows.map(([k, id, name, exp, t]) => [k, id, name, exp, iso(t) ?? ''])));
    return;
  }
  cli.print(renderTable(cli.colors, ['', 'id', 'name', 'experiment', 'deleted'], rows.map(([k, id, name, exp, t]) => [k, id, name, exp, formatTime(t)])));
}

async function gc(cli: Cli, options: GcOptions): Promise<void> {
  const plan = await planGarbageCollection(cli.trackingUri, { olderThan: options.olderThan });
  cli.addSkipped(plan.warnings);
  for (const { kind, id, reason } of plan.kept) cli.note(cli.colors.yellow(`warning: ${kind} ${id} is left in place: ${reason}.`));
  const total = plan.runs.length + plan.loggedModels.length + plan.experiments.length;
  const models = plan.loggedModels.length > 0 ? `, ${plan.loggedModels.length} deleted logged model(s)` : '';
  const summary = `${plan.runs.length} deleted run(s)${models} and ${plan.experiments.length} deleted experiment(s)`;
  const json = (removed: boolean) => ({
    dryRun: options.dryRun === true,
    removed,
    runs: plan.runs.map((r) => ({ ...r, deletedTime: iso(r.deletedTime) })),
    loggedModels: plan.loggedModels.map((m) => ({ ...m, lastUpdatedTime: iso(m.lastUpdatedTime) })),
    experiments: plan.experiments.map((e) => ({ ...e, lastUpdateTime: iso(e.lastUpdateTime) })),
    kept: plan.kept,
  });
  if (total === 0) {
    if (cli.format === 'json') cli.printJson(json(false));
    else cli.note(`Nothing to remove: no deleted runs, logged models or experiments${options.olderThan ? ` older than ${options.olderThan}` : ''}.`);
    return;
  }
  if (cli.format !== 'json') printPlan(cli, plan);
  if (options.dryRun) {
    if (cli.format === 'json') cli.printJson(json(false));
    else cli.note(`Dry run: would remove ${summary} for good, with their artifacts.`);
    return;
  }
  if (process.stdin.isTTY === true && process.stderr.isTTY === true && !options.yes && !(await confirm(`Remove ${summary} for good, with their artifacts?`))) {
    cli.note('Nothing removed.');
    return;
  }
  const progress = await progressBar(cli, 'Removing');
  const result = await collectGarbage(plan, (done, all) => progress.update(done, all)).finally(() => progress.stop());
  const leftBehind = [
    ...result.runs.map((r) => ({ what: `run ${r.runId}`, left: r.artifacts.left })),
    ...result.loggedModels.map((m) => ({ what: `logged model ${m.modelId}`, left: m.artifacts.left })),
  ];
  for (const { what, left } of leftBehind) {
    if (left !== undefined) cli.note(cli.colors.yellow(`warning: the artifacts of ${what} at '${left}' were left in place (not a local artifact folder of its own); remove them with that storage's tools.`));
  }
  if (cli.format === 'json') cli.printJson(json(true));
  else cli.print(`Removed ${summary} for good.`);
}

/** Checks --older-than while parsing the command line, so a typo is a usage error. */
function checkAge(value: string): string {
  try {
    parseOlderThan(value);
  } catch (error) {
    throw new UsageError(`--older-than: ${(error as Error).message}`);
  }
  return value;
}

/** `mlruns gc [--older-than 30d] [--dry-run] [--yes]`. */
export function registerGc(command: Command): void {
  command
    .option('--older-than <age>', "only what was deleted at least this long ago: e.g. 30d, 12h, 1d2h3m4s (mlflow gc's format)", checkAge)
    .option('--dry-run', 'list what would be removed, and remove nothing')
    .option('-y, --yes', 'do not ask for confirmation on a terminal')
    .action(handler(gc));
}
