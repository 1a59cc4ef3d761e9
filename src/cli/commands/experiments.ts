import { Command, Option } from 'commander';
import type { Experiment } from '../../entities/index.js';
import type { Cli } from '../context.js';
import { handler } from '../handler.js';
import { renderTable } from '../output/table.js';
import { formatTime, toCsv, truncate } from '../output/values.js';
import { VIEWS, collect, findExperiment, keyValues } from './arguments.js';

/** Every experiment of the view that matches the filter, walking all pages. */
async function allExperiments(cli: Cli, view: string, filter: string | undefined): Promise<Experiment[]> {
  const found: Experiment[] = [];
  let pageToken: string | undefined;
  do {
    const page = await cli.client.searchExperiments({ viewType: VIEWS[view], filterString: filter, maxResults: 50_000, pageToken });
    found.push(...page.experiments);
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined);
  return found;
}

function printExperiments(cli: Cli, experiments: readonly Experiment[]): void {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  if (cli.format === 'json') {
    cli.printJson(experiments.map((e) => ({ ...e, creationTime: iso(e.creationTime), lastUpdateTime: iso(e.lastUpdateTime) })));
    return;
  }
  const headers = ['experiment_id', 'name', 'lifecycle_stage', 'creation_time', 'last_update_time', 'artifact_location'];
  if (cli.format === 'csv') {
    cli.print(toCsv(headers, experiments.map((e) => [e.experimentId, e.name, e.lifecycleStage, iso(e.creationTime) ?? '', iso(e.lastUpdateTime) ?? '', e.artifactLocation])));
    return;
  }
  if (experiments.length === 0) {
    cli.note('No experiments match.');
    return;
  }
  const rows = experiments.map((e) => [e.experimentId, truncate(e.name, 50), e.lifecycleStage === 'deleted' ? cli.colors.red('deleted') : 'active', formatTime(e.creationTime), formatTime(e.lastUpdateTime)]);
  cli.print(renderTable(cli.colors, ['ID', 'Name', 'Stage', 'Created', 'Updated'], rows));
}

/** Prints what a change did: a JSON document, or one line for people. */
function done(cli: Cli, json: unknown, text: string): void {
  if (cli.format === 'json') cli.printJson(json);
  else cli.print(text);
}

/** `mlruns experiments list|create|rename|delete|restore`. */
export function registerExperiments(experiments: Command): void {
  experiments
    .command('list')
    .description('list experiments, newest first')
    .addOption(new Option('--view <view>', 'which lifecycle stage').choices(Object.keys(VIEWS)).default('active'))
    .option('--filter <filter>', `MLflow experiment filter, e.g. "name LIKE 'sweep%'"`)
    .action(handler(async (cli, options: { view: string; filter?: string }) => printExperiments(cli, await allExperiments(cli, options.view, options.filter))));
  experiments
    .command('create')
    .description('create an experiment and print its id')
    .argument('<name>', 'the new experiment name')
    .option('--artifact-location <uri>', 'where its runs keep artifacts (default: inside the store)')
    .option('--tag <key=value>', 'an experiment tag (repeatable)', collect)
    .action(handler(async (cli, options: { artifactLocation?: string; tag?: string[] }, name: string) => {
      const id = await cli.client.createExperiment(name, { artifactLocation: options.artifactLocation, tags: keyValues(options.tag, '--tag') });
      done(cli, { experimentId: id, name }, id);
    }));
  experiments
    .command('rename')
    .description('rename an experiment')
    .argument('<experiment>', 'id or name')
    .argument('<new-name>', 'the new name')
    .action(handler(async (cli, _options: object, ref: string, newName: string) => {
      const experiment = await findExperiment(cli, ref);
      await cli.client.renameExperiment(experiment.experimentId, newName);
      done(cli, { experimentId: experiment.experimentId, name: newName }, `Renamed experiment ${experiment.experimentId} from '${experiment.name}' to '${newName}'.`);
    }));
  for (const [verb, past] of [['delete', 'Deleted'], ['restore', 'Restored']] as const) {
    experiments
      .command(verb)
      .description(verb === 'delete' ? 'delete experiments and their runs (kept in .trash until gc)' : 'restore deleted experiments and their runs')
      .argument('<experiment...>', 'ids or names')
      .action(handler(async (cli, _options: object, refs: string[]) => {
        const changed: { experimentId: string; name: string }[] = [];
        for (const ref of refs) {
          const { experimentId, name } = await findExperiment(cli, ref);
          await (verb === 'delete' ? cli.client.deleteExperiment(experimentId) : cli.client.restoreExperiment(experimentId));
          changed.push({ experimentId, name });
          if (cli.format !== 'json') cli.print(`${past} experiment ${experimentId} ('${name}').`);
        }
        if (cli.format === 'json') cli.printJson(changed);
      }));
  }
}
