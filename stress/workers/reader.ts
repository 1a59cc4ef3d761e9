/**
 * A reader running while the writers write (scenario "writers"): until the parent sends
 * `stop`, it searches runs and experiments with a rotating set of filters and reads every
 * meta.yaml of the store directly. It reports on stdout:
 *
 *   E <what failed>: <message>      a search threw, a meta.yaml was empty or cut short, or a
 *                                   metric's latest value came from a line cut short
 *   W <code> <path>: <message>      a warning the client recorded (the store is not damaged)
 *   done <searches> <metas read>
 */
import { MlflowClient, type Run } from '../../src/index.js';
import { checkMetaFiles, readWholeStore } from '../lib/store-check.js';
import { commandArrived, say, workerArgs } from './protocol.js';

export interface ReaderArgs {
  readonly root: string;
}

const FILTERS = [
  undefined,
  'metrics.shared >= 0',
  "params.contested LIKE 'writer-%'",
  "tags.`mlflow.runName` LIKE 'shared-by-%' AND attributes.status != 'KILLED'",
  'metrics.own < 3000000 AND attributes.start_time > 0',
];

/**
 * Every point a writer logs has value index * 1e6 + step (see writer.ts), so a latest value
 * that does not match its step was read from a line cut short.
 */
function checkLatest(run: Run): void {
  for (const key of ['shared', 'own']) {
    const latest = run.data.latestMetrics[key];
    if (latest !== undefined && latest.value % 1e6 !== latest.step) say(`E metric '${key}' of run ${run.info.runId} read as value ${latest.value} at step ${latest.step}: a cut line`);
  }
}

const { root } = workerArgs<ReaderArgs>();
let searches = 0;
let metas = 0;
let client = new MlflowClient(root, { onWarning: (w) => say(`W ${w.code} ${w.path}: ${w.message}`) });
while (!commandArrived('stop')) {
  try {
    const { runs } = await readWholeStore(client, FILTERS[searches % FILTERS.length]);
    for (const run of runs) checkLatest(run);
    searches += 1;
  } catch (error) {
    say(`E search: ${(error as Error).stack ?? String(error)}`);
  }
  const { checked, problems } = await checkMetaFiles(root);
  for (const problem of problems) say(`E meta.yaml ${problem}`);
  metas += checked;
  // Now and then a fresh client, so reads without a warm cache are exercised too.
  if (searches % 5 === 0) client = new MlflowClient(root, { onWarning: (w) => say(`W ${w.code} ${w.path}: ${w.message}`) });
  await new Promise((resolve) => setImmediate(resolve));
}
say(`done ${searches} ${metas}`);
process.exit(0);
