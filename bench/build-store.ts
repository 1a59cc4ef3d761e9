/**
 * Builds a benchmark store with this library's client: one experiment of N runs, each with
 * 20 params, 20 metrics (3 of them with 100 steps) and 10 tags, as issue 3 specifies.
 *
 *   tsx bench/build-store.ts <root> <runs>
 *
 * Prints the experiment id. Values are drawn from a seeded generator, so two stores built
 * with the same size hold the same values (ids and times differ).
 */
import { MlflowClient } from '../src/index.js';
import { seeded } from '../test/helpers/random.js';

export const BENCH_FILTER = "metrics.m01 > 0.5 AND params.p01 = 'v1'";
export const BENCH_ORDER_BY = ['metrics.m02 DESC'];


export async function buildBenchStore(root: string, runs: number): Promise<string> {
  const client = new MlflowClient(root);
  const experimentId = await client.createExperiment(`bench-${runs}`);
  const random = seeded(runs);
  const start = 1_700_000_000_000;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < runs) {
      const i = next;
      next += 1;
      const run = await client.createRun(experimentId, { runName: `run-${i}`, startTime: start + i * 1000, tags: { 'mlflow.user': 'bench', 'mlflow.source.name': 'bench', 'mlflow.source.type': 'LOCAL', 'mlflow.source.git.commit': '0'.repeat(40) } });
      const params = Object.fromEntries(Array.from({ length: 20 }, (_, p) => [`p${String(p).padStart(2, '0')}`, `v${Math.floor(random() * 4)}`]));
      const tags = Object.fromEntries(Array.from({ length: 5 }, (_, t) => [`t${t}`, `tag-${Math.floor(random() * 10)}`]));
      const metrics = [];
      for (let m = 0; m < 20; m += 1) {
        const key = `m${String(m).padStart(2, '0')}`;
        const steps = m < 3 ? 100 : 1;
        for (let step = 0; step < steps; step += 1) metrics.push({ key, value: random(), step, timestamp: start + i * 1000 + step });
      }
      await client.logBatch(run.info.runId, { params, tags });
      for (let offset = 0; offset < metrics.length; offset += 1000) {
        await client.logBatch(run.info.runId, { metrics: metrics.slice(offset, offset + 1000) });
      }
      await client.setTerminated(run.info.runId, 'FINISHED', start + i * 1000 + 500);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return experimentId;
}

if (process.argv[1]?.endsWith('build-store.ts')) {
  const [root, runs] = process.argv.slice(2);
  if (root === undefined || runs === undefined) {
    console.error('usage: tsx bench/build-store.ts <root> <runs>');
    process.exit(2);
  }
  console.log(await buildBenchStore(root, Number(runs)));
}
