// Times this library's searchRuns in a fresh process (run by bench/run.ts; plain JS on the
// built package so no transpiler runs inside the timing). Prints one JSON line.
//   node bench/query-ours.mjs <root> <experimentId> <filter> <orderByJson> <repeats>
import { performance } from 'node:perf_hooks';

const [root, experimentId, filter, orderByJson, repeatsText] = process.argv.slice(2);
const orderBy = JSON.parse(orderByJson);
const { MlflowClient } = await import('../dist/index.js');

const t0 = performance.now();
const client = new MlflowClient(root);
const first = await client.searchRuns([experimentId], filter, { orderBy, maxResults: 1000 });
const firstMs = performance.now() - t0;

const repeatMs = [];
for (let i = 0; i < Number(repeatsText); i += 1) {
  const t = performance.now();
  await client.searchRuns([experimentId], filter, { orderBy, maxResults: 1000 });
  repeatMs.push(performance.now() - t);
}
repeatMs.sort((a, b) => a - b);
const usage = process.resourceUsage();
console.log(JSON.stringify({
  firstMs,
  repeatMs: repeatMs[Math.floor(repeatMs.length / 2)],
  returned: first.runs.length,
  ids: first.runs.map((r) => r.info.runId),
  maxRssMb: usage.maxRSS / 1024,
}));
