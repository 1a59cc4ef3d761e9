/**
 * One of the concurrent writers (scenario "writers"). After the parent's `go`, it races the
 * others to create the same experiment and registered model, to set the same param, then logs `points` metric points to the shared run and to a run of its
 * own, renames the shared run and sets tags. Every write is acknowledged on stdout after its
 * call resolved:
 *
 *   experiment <id> created|existing     model created|existing
 *   run <own run id>                     param won|lost
 *   L shared|own <first j> <count>       (points j..j+count-1: value index*1e6+j, step j)
 *   T <key> <value>                      (a tag on the shared run)
 *   done
 */
import { endRun, flush, isMlflowError, logMetric, startRun } from '../../src/index.js';
import { nextCommand, say, startWorker } from './protocol.js';

export interface WriterArgs {
  readonly root: string;
  readonly index: number;
  readonly sharedRunId: string;
  readonly experimentName: string;
  readonly modelName: string;
  readonly points: number;
  readonly seed: number;
}

const { args, random, client } = startWorker<WriterArgs>();
say('ready');
await nextCommand();

const experimentId = await raceForExperiment();
await raceForModel();
const own = await client.createRun(experimentId, { runName: `writer-${args.index}` });
say(`run ${own.info.runId}`);
await raceForParam();
await logPoints(own.info.runId);
await client.setTerminated(own.info.runId);
say('done');
process.exit(0);

async function raceForExperiment(): Promise<string> {
  try {
    const id = await client.createExperiment(args.experimentName);
    say(`experiment ${id} created`);
    return id;
  } catch (error) {
    if (!isMlflowError(error) || error.errorCode !== 'RESOURCE_ALREADY_EXISTS') throw error;
    const existing = await client.getExperimentByName(args.experimentName);
    if (existing === null) throw new Error(`'${args.experimentName}' exists, says createExperiment, but getExperimentByName finds nothing`);
    say(`experiment ${existing.experimentId} existing`);
    return existing.experimentId;
  }
}

async function raceForModel(): Promise<void> {
  try {
    await client.registry.createRegisteredModel(args.modelName);
    say('model created');
  } catch (error) {
    if (!isMlflowError(error) || error.errorCode !== 'RESOURCE_ALREADY_EXISTS') throw error;
    say('model existing');
  }
}

async function raceForParam(): Promise<void> {
  try {
    await client.logParam(args.sharedRunId, 'contested', `writer-${args.index}`);
    say('param won');
  } catch (error) {
    if (!isMlflowError(error) || error.errorCode !== 'INVALID_PARAMETER_VALUE') throw error;
    say('param lost');
  }
}

/** Points in batches of 1 to 1000, each to the shared run (client) or to the own run (client or fluent API). */
async function logPoints(ownRunId: string): Promise<void> {
  const points = { shared: 0, own: 0 };
  let batches = 0;
  while (points.shared + points.own < args.points) {
    // Mostly small batches; one in ten as large as a fluent batch (up to 1000 points, ~40 KB).
    const size = random() < 0.1 ? 1000 : 200;
    const count = Math.min(1 + Math.floor(random() * size), args.points - points.shared - points.own);
    const target = random() < 0.5 ? 'shared' : 'own';
    const first = points[target];
    if (target === 'own' && random() < 0.5) await logFluent(ownRunId, first, count);
    else await logBatch(target === 'shared' ? args.sharedRunId : ownRunId, target, first, count);
    points[target] += count;
    say(`L ${target} ${first} ${count}`);
    batches += 1;
    if (batches % 8 === 0) await setTags(batches);
  }
}

function valueOf(j: number): number {
  return args.index * 1e6 + j;
}

async function logBatch(runId: string, key: string, first: number, count: number): Promise<void> {
  const metrics = Array.from({ length: count }, (_, i) => ({ key, value: valueOf(first + i), step: first + i }));
  await client.logBatch(runId, { metrics });
}

async function logFluent(runId: string, first: number, count: number): Promise<void> {
  await startRun({ runId });
  for (let j = first; j < first + count; j += 1) logMetric('own', valueOf(j), { step: j });
  await flush();
  await endRun();
}

/** A tag of its own and the shared run's name (a meta.yaml rewrite under the run lock). */
async function setTags(batches: number): Promise<void> {
  const key = `writer.${args.index}`;
  await client.setTag(args.sharedRunId, key, String(batches));
  say(`T ${key} ${batches}`);
  const name = `shared-by-${args.index}-${batches}`;
  await client.setTag(args.sharedRunId, 'mlflow.runName', name);
  say(`T mlflow.runName ${name}`);
}
