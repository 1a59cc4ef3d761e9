// The floor for a search: the time Node takes just to read every file the query needs, with
// nothing else done — list the experiment folder, read each run's meta.yaml and the files the
// filter and order_by name, then every file of the runs the query returns (it returns whole
// runs). Prints one JSON line.
//   node bench/floor.mjs <root> <experimentId> <neededFilesJson> <returnedRunIdsJson>
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [root, experimentId, neededJson, returnedJson] = process.argv.slice(2);
const needed = JSON.parse(neededJson);
const returned = JSON.parse(returnedJson);

function readTree(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) bytes += readTree(path);
    else bytes += readFileSync(path).length;
  }
  return bytes;
}

const t0 = performance.now();
const experimentDir = join(root, experimentId);
let bytes = 0;
for (const run of readdirSync(experimentDir, { withFileTypes: true })) {
  if (!run.isDirectory() || run.name === 'tags') continue;
  const runDir = join(experimentDir, run.name);
  bytes += readFileSync(join(runDir, 'meta.yaml')).length;
  for (const file of needed) bytes += readFileSync(join(runDir, file)).length;
}
for (const runId of returned) {
  const runDir = join(experimentDir, runId);
  for (const folder of ['metrics', 'params', 'tags']) bytes += readTree(join(runDir, folder));
}
console.log(JSON.stringify({ floorMs: performance.now() - t0, bytes }));
