import type { Command } from 'commander';
import type { Cli } from '../context.js';
import { handler } from '../handler.js';
import { registerRunsCompare } from './runs-compare.js';
import { registerRunsList } from './runs-list.js';
import { registerRunsShow } from './runs-show.js';

async function changeRuns(cli: Cli, verb: 'delete' | 'restore', runIds: string[]): Promise<void> {
  const changed: { runId: string; runName: string }[] = [];
  for (const runId of runIds) {
    const run = await cli.client.getRun(runId);
    await (verb === 'delete' ? cli.client.deleteRun(runId) : cli.client.restoreRun(runId));
    changed.push({ runId, runName: run.info.runName });
    if (cli.format !== 'json') cli.print(`${verb === 'delete' ? 'Deleted' : 'Restored'} run ${runId} ('${run.info.runName}').`);
  }
  if (cli.format === 'json') cli.printJson(changed);
}

/** `mlruns runs list|show|compare|delete|restore`. */
export function registerRuns(runs: Command): void {
  registerRunsList(runs);
  registerRunsShow(runs);
  registerRunsCompare(runs);
  runs
    .command('delete')
    .description("delete runs (their files stay until 'mlruns gc')")
    .argument('<run_id...>', 'run ids')
    .action(handler(async (cli, _options: object, runIds: string[]) => changeRuns(cli, 'delete', runIds)));
  runs
    .command('restore')
    .description('restore deleted runs')
    .argument('<run_id...>', 'run ids')
    .action(handler(async (cli, _options: object, runIds: string[]) => changeRuns(cli, 'restore', runIds)));
}
