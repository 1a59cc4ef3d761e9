/**
 * Scenario "writers": N processes write to one store at once while R processes search it.
 * See stress/workers/writer.ts and reader.ts for what each does and acknowledges.
 */
import { join } from 'node:path';
import { MlflowClient } from '../../src/index.js';
import { Worker } from '../lib/child.js';
import { NO_LINES, addCounts, countLines, type LineCount } from '../lib/ack-lines.js';
import { checkMetaFiles } from '../lib/store-check.js';

export interface WritersOptions {
  readonly writers: number;
  readonly readers: number;
  readonly points: number;
  readonly seed: number;
  /** Kills every worker still running after this long. */
  readonly deadlineMs: number;
}

export interface WritersResult {
  readonly root: string;
  readonly lines: LineCount;
  /** How many writers reported creating the raced experiment, and how many such experiments exist. */
  readonly experimentsCreated: number;
  readonly experimentsNamed: number;
  /** The same for the raced registered model. */
  readonly modelsCreated: number;
  readonly modelsNamed: number;
  readonly paramWinners: number;
  readonly readerSearches: number;
  readonly readerMetas: number;
  /** Everything that went wrong, one sentence each; [] when the scenario passed. */
  readonly problems: string[];
}

export const RACED_EXPERIMENT = 'raced experiment';
export const RACED_MODEL = 'raced-model';

export async function runWriters(options: WritersOptions, dir: string): Promise<WritersResult> {
  const root = join(dir, 'mlruns');
  const client = new MlflowClient(root);
  const base = await client.createExperiment('base');
  const shared = (await client.createRun(base, { runName: 'shared' })).info.runId;
  const writers = Array.from({ length: options.writers }, (_, index) =>
    new Worker('writer', { root, index, sharedRunId: shared, experimentName: RACED_EXPERIMENT, modelName: RACED_MODEL, points: options.points, seed: options.seed + index }, options.deadlineMs),
  );
  const readers = Array.from({ length: options.readers }, () => new Worker('reader', { root }, options.deadlineMs));
  await Promise.all(writers.map((w) => w.waitFor((line) => line === 'ready')));
  for (const writer of writers) writer.send('go');
  const problems: string[] = [];
  const exits = await Promise.all(writers.map((w) => w.exited));
  exits.forEach(({ code, signal }, index) => {
    if (code !== 0) problems.push(`writer ${index} ended with ${signal ?? `code ${code}`}: ${writers[index]!.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  });
  for (const reader of readers) reader.send('stop');
  await Promise.all(readers.map((r) => r.exited));

  const verdict = await verifyWriters(client, shared, writers, problems);
  return { root, ...verdict, ...tallyReaders(readers, problems), problems };
}

/** What the readers reported: their searches and meta.yaml reads, and as problems all they saw go wrong. */
function tallyReaders(readers: readonly Worker[], problems: string[]): { readerSearches: number; readerMetas: number } {
  let readerSearches = 0;
  let readerMetas = 0;
  for (const reader of readers) {
    for (const line of reader.lines) {
      if (line.startsWith('E ') || line.startsWith('W ')) problems.push(`a reader saw: ${line.slice(2)}`);
      if (line.startsWith('done ')) {
        const [, searches, metas] = line.split(' ');
        readerSearches += Number(searches);
        readerMetas += Number(metas);
      }
    }
    if (!reader.lines.some((line) => line.startsWith('done '))) problems.push(`a reader did not finish: ${reader.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  }
  return { readerSearches, readerMetas };
}

type Verdict = Pick<WritersResult, 'lines' | 'experimentsCreated' | 'experimentsNamed' | 'modelsCreated' | 'modelsNamed' | 'paramWinners'>;

async function verifyWriters(client: MlflowClient, shared: string, writers: readonly Worker[], problems: string[]): Promise<Verdict> {
  const reported = (prefix: string) => writers.map((w) => w.lines.find((line) => line.startsWith(prefix))?.slice(prefix.length));
  const experimentLines = reported('experiment ');
  const experimentsCreated = experimentLines.filter((line) => line?.endsWith(' created')).length;
  const ids = new Set(experimentLines.map((line) => line?.split(' ')[0]));
  if (ids.size !== 1) problems.push(`writers were told of ${ids.size} different ids for '${RACED_EXPERIMENT}': ${[...ids].join(', ')}`);
  const { experiments } = await client.searchExperiments({ viewType: 'ALL', filterString: `name = '${RACED_EXPERIMENT}'` });
  const modelsCreated = reported('model ').filter((line) => line === 'created').length;
  const { registeredModels } = await client.registry.searchRegisteredModels({ filterString: `name = '${RACED_MODEL}'` });
  const paramWinners = reported('param ').filter((line) => line === 'won').length;
  const winner = writers.findIndex((w) => w.lines.includes('param won'));
  const sharedRun = await client.getRun(shared);
  if (sharedRun.data.params.contested !== `writer-${winner}`) {
    problems.push(`param 'contested' holds '${sharedRun.data.params.contested}', but writer ${winner} was told it won`);
  }
  checkTags(sharedRun.data.tags, sharedRun.info.runName, writers, problems);
  const { problems: metaProblems } = await checkMetaFiles(client.root);
  problems.push(...metaProblems.map((p) => `meta.yaml not whole: ${p}`));
  return {
    lines: await countAllLines(client, shared, writers),
    experimentsCreated,
    experimentsNamed: experiments.length,
    modelsCreated,
    modelsNamed: registeredModels.length,
    paramWinners,
  };
}

/** Each writer's last acknowledged tag is there, and the run's name in meta.yaml is its name tag. */
function checkTags(tags: Readonly<Record<string, string>>, runName: string, writers: readonly Worker[], problems: string[]): void {
  const names = new Set<string>();
  writers.forEach((writer, index) => {
    const acked = writer.lines.filter((line) => line.startsWith('T ')).map((line) => line.split(' '));
    const own = acked.filter(([, key]) => key === `writer.${index}`).at(-1);
    if (own !== undefined && tags[`writer.${index}`] !== own[2]) problems.push(`tag writer.${index} is '${tags[`writer.${index}`]}', acknowledged '${own[2]}'`);
    for (const [, key, value] of acked) if (key === 'mlflow.runName') names.add(value!);
  });
  if (names.size > 0 && (!names.has(runName) || tags['mlflow.runName'] !== runName)) {
    problems.push(`the shared run is named '${runName}' in meta.yaml and '${tags['mlflow.runName']}' in its tag; both should be one of the acknowledged names`);
  }
}

/** Counts every writer's acknowledged lines in the shared run and in its own run. */
async function countAllLines(client: MlflowClient, shared: string, writers: readonly Worker[]): Promise<LineCount> {
  const sharedAcks: Array<[number, number]> = [];
  let total = NO_LINES;
  for (const [index, writer] of writers.entries()) {
    const ownAcks: Array<[number, number]> = [];
    for (const line of writer.lines) {
      if (!line.startsWith('L ')) continue;
      const [, target, first, count] = line.split(' ');
      for (let j = Number(first); j < Number(first) + Number(count); j += 1) (target === 'shared' ? sharedAcks : ownAcks).push([index * 1e6 + j, j]);
    }
    const ownRun = writer.lines.find((line) => line.startsWith('run '))?.slice(4);
    if (ownRun !== undefined) total = addCounts(total, countLines(await client.getMetricHistory(ownRun, 'own'), ownAcks));
  }
  return addCounts(total, countLines(await client.getMetricHistory(shared, 'shared'), sharedAcks));
}
