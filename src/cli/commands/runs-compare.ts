import type { Command } from 'commander';
import type { Run } from '../../entities/index.js';
import type { Cli } from '../context.js';
import { UsageError } from '../errors.js';
import { handler } from '../handler.js';
import { allKeys, runColumn } from '../output/columns.js';
import { renderTable } from '../output/table.js';
import { toCsv } from '../output/values.js';

interface Row {
  readonly field: string;
  readonly values: (string | number | null)[];
  readonly differs: boolean;
}

const INFO_FIELDS = ['name', 'status', 'start_time', 'duration', 'experiment_id'];

/** The compared fields: a few info fields, then every param and metric any of the runs has. */
function rows(runs: readonly Run[]): Row[] {
  const row = (field: string, values: (string | number | null)[]): Row => ({ field, values, differs: values.some((v) => String(v) !== String(values[0])) });
  return [
    ...INFO_FIELDS.map((name) => row(name, runs.map((r) => runColumn(name).csv(r)))),
    ...allKeys(runs, 'params').map((k) => row(`params.${k}`, runs.map((r) => r.data.params[k] ?? null))),
    ...allKeys(runs, 'metrics').map((k) => row(`metrics.${k}`, runs.map((r) => r.data.metrics[k] ?? null))),
  ];
}

async function compare(cli: Cli, options: { diffOnly?: boolean }, runIds: string[]): Promise<void> {
  if (runIds.length < 2) throw new UsageError(`runs compare takes two or more run ids; got ${runIds.length}. To see one run, use 'mlruns runs show ${runIds[0] ?? '<run_id>'}'.`);
  const runs = await Promise.all(runIds.map((id) => cli.client.getRun(id)));
  const all = rows(runs).filter((r) => !options.diffOnly || r.differs);
  if (cli.format === 'json') {
    cli.printJson({ runs: runs.map((r) => ({ runId: r.info.runId, runName: r.info.runName })), rows: all });
    return;
  }
  const cellsOf = (r: Row) => r.values.map((v) => (v === null ? '' : String(v)));
  if (cli.format === 'csv') {
    cli.print(toCsv(['field', ...runIds, 'differs'], all.map((r) => [r.field, ...cellsOf(r), String(r.differs)])));
    return;
  }
  const c = cli.colors;
  const headers = ['', ...runs.map((r) => `${r.info.runName} ${c.dim(r.info.runId.slice(0, 8))}`)];
  // Rows whose values differ are marked (and colored on a terminal), so they stand out in print too.
  const body = all.map((r) => {
    const column = runColumn(r.field);
    const cells = runs.map((run, i) => column.cell(run, cli) || (r.values[i] === null ? c.dim('—') : ''));
    return r.differs ? [c.yellow(`≠ ${r.field}`), ...cells.map((cell) => c.bold(cell))] : [`  ${r.field}`, ...cells];
  });
  cli.print(renderTable(c, headers, body));
}

/** `mlruns runs compare <run_id> <run_id>...`. */
export function registerRunsCompare(runs: Command): void {
  runs
    .command('compare')
    .description('compare runs side by side; rows that differ are marked ≠')
    .argument('<run_id...>', 'two or more run ids')
    .option('--diff-only', 'only the rows that differ')
    .action(handler(async (cli, options: { diffOnly?: boolean }, runIds: string[]) => compare(cli, options, runIds)));
}
