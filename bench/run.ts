/**
 * `npm run bench`: builds stores of 1,000 and 10,000 runs and times, in the same run, Python
 * MLflow's search_runs and ours on the same store, then prints the ratios.
 *
 *   BENCH_SIZES=1000,10000   store sizes (default)
 *   BENCH_KEEP=1             keep the stores under .bench/ between runs (they are rebuilt otherwise)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_FILTER, BENCH_ORDER_BY, buildBenchStore } from './build-store.js';

const REPO = resolve(import.meta.dirname, '..');
const WORK = join(REPO, '.bench');
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const PYTHON = join(REPO, 'compat', '.venv-mlflow3', 'bin', 'python');

interface QueryResult {
  firstMs: number;
  repeatMs: number | null;
  returned: number;
  ids: string[];
  maxRssMb: number;
}

function timed(command: string, args: string[]): { result: QueryResult; wallMs: number } {
  const t0 = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, MLFLOW_ALLOW_FILE_STORE: 'true' } });
  const wallMs = performance.now() - t0;
  if (run.status !== 0) throw new Error(`${command} ${args[0]} failed:\n${run.stderr}`);
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  return { result: JSON.parse(line) as QueryResult, wallMs };
}

async function storeFor(size: number): Promise<{ root: string; experimentId: string }> {
  const dir = join(WORK, `store-${size}`);
  const marker = join(dir, 'experiment-id');
  if (process.env.BENCH_KEEP === '1' && existsSync(marker)) return { root: join(dir, 'mlruns'), experimentId: readFileSync(marker, 'utf8') };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const experimentId = await buildBenchStore(join(dir, 'mlruns'), size);
  console.log(`built a store of ${size} runs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  writeFileSync(marker, experimentId);
  return { root: join(dir, 'mlruns'), experimentId };
}

function warmFileCache(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) warmFileCache(path);
    else if (entry.isFile()) readFileSync(path);
  }
}

const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

async function main(): Promise<void> {
  execFileSync('bash', [join(REPO, 'compat', 'setup-venv.sh')], { stdio: 'inherit' });
  mkdirSync(WORK, { recursive: true });
  const rows: string[] = [];
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log(`query: filter "${BENCH_FILTER}", order_by ${JSON.stringify(BENCH_ORDER_BY)}, max_results 1000`);
  for (const size of SIZES) {
    const { root, experimentId } = await storeFor(size);
    const args = [root, experimentId, BENCH_FILTER, JSON.stringify(BENCH_ORDER_BY)];
    // Each timed process starts with the store's files in the operating system's file cache,
    // so that neither tool pays for disk reads the other one then gets for free ("nothing
    // cached" below means nothing in the process). The cache is warmed again before each one:
    // this machine's kernel reclaims idle page cache on its own (DAMON), within minutes.
    const warmTimed = (command: string, commandArgs: string[]) => {
      warmFileCache(root);
      return timed(command, commandArgs);
    };
    const medianOf = <T>(count: number, measure: () => T, by: (value: T) => number): T =>
      Array.from({ length: count }, measure).sort((a, b) => by(a) - by(b))[Math.floor(count / 2)]!;
    // Processes that only search once: the first query and the whole command (median of 3;
    // of 1 for MLflow at 10,000 runs, where one takes about a minute).
    const oursOnce = medianOf(3, () => warmTimed(process.execPath, [join(REPO, 'bench', 'query-ours.mjs'), ...args, '0']), (r) => r.result.firstMs);
    const mlflowOnce = medianOf(size >= 10_000 ? 1 : 3, () => warmTimed(PYTHON, [join(REPO, 'bench', 'query_mlflow.py'), ...args, '0']), (r) => r.result.firstMs);
    // Processes that search again and again: repeated queries. Ours is the median of 3
    // processes (each the median of its 10 repeats), since one process's figure moves by a
    // third from one process to the next on this VM; MLflow's moves far less.
    const oursRepeat = medianOf(3, () => warmTimed(process.execPath, [join(REPO, 'bench', 'query-ours.mjs'), ...args, '10']).result, (r) => r.repeatMs ?? r.firstMs);
    const mlflowRepeat = warmTimed(PYTHON, [join(REPO, 'bench', 'query_mlflow.py'), ...args, size >= 10_000 ? '1' : '3']).result;
    const ours = oursOnce.result;
    const mlflow = mlflowOnce.result;
    if (JSON.stringify(ours.ids) !== JSON.stringify(mlflow.ids)) {
      throw new Error(`size ${size}: our runs differ from MLflow's (${ours.returned} vs ${mlflow.returned})`);
    }
    const floorArgs = [join(REPO, 'bench', 'floor.mjs'), root, experimentId, JSON.stringify(['metrics/m01', 'params/p01', 'metrics/m02']), JSON.stringify(ours.ids)];
    const floorMs = medianOf(3, () => (warmTimed(process.execPath, floorArgs).result as unknown as { floorMs: number }).floorMs, (ms) => ms);
    const repeatMlflow = mlflowRepeat.repeatMs ?? mlflowRepeat.firstMs;
    const repeatOurs = oursRepeat.repeatMs ?? oursRepeat.firstMs;
    const lines = [
      `## ${size} runs (${ours.returned} returned, same ids and order as MLflow)`,
      `| measure | MLflow 3.17.2 | mlruns | ratio |`,
      `| --- | --- | --- | --- |`,
      `| first query, in process (imports excluded; median of 3 processes) | ${fmt(mlflow.firstMs)} | ${fmt(ours.firstMs)} | ${(mlflow.firstMs / ours.firstMs).toFixed(1)}× faster |`,
      `| whole command, process start to printed result | ${fmt(mlflowOnce.wallMs)} | ${fmt(oursOnce.wallMs)} | ${(mlflowOnce.wallMs / oursOnce.wallMs).toFixed(1)}× faster |`,
      `| repeated query, same process (median of 10; ours: median of 3 processes) | ${fmt(repeatMlflow)} | ${fmt(repeatOurs)} | ${(repeatMlflow / repeatOurs).toFixed(0)}× faster |`,
      `| peak resident memory, one search | ${mlflow.maxRssMb.toFixed(0)} MB | ${ours.maxRssMb.toFixed(0)} MB | |`,
      `| peak resident memory, after the repeated queries | ${mlflowRepeat.maxRssMb.toFixed(0)} MB | ${oursRepeat.maxRssMb.toFixed(0)} MB | |`,
      `| floor: Node only reading the files the query needs (median of 3) | | ${fmt(floorMs)} | first query is ${(ours.firstMs / floorMs).toFixed(2)}× the floor |`,
    ];
    console.log(`\n${lines.join('\n')}`);
    rows.push(...lines, '');
  }
  // ---- the mlruns command: start-up and `runs list` on the 1,000-run store ----------------
  rows.push(...measureCli());
  writeFileSync(join(WORK, 'results.md'), rows.join('\n'));
  console.log(`\nwritten to .bench/results.md`);
}

/**
 * Times the built `mlruns` command as a user runs it, process start to exit (median of 7):
 * start-up alone, and `runs list` over the 1,000-run store in each output format.
 */
function measureCli(): string[] {
  const dir = join(WORK, 'store-1000');
  if (!existsSync(join(dir, 'experiment-id'))) return [];
  const root = join(dir, 'mlruns');
  const experimentId = readFileSync(join(dir, 'experiment-id'), 'utf8');
  const main = join(REPO, 'dist', 'cli', 'main.js');
  warmFileCache(root);
  const median = (args: string[]): number => {
    const times: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const t0 = performance.now();
      const run = spawnSync(process.execPath, [main, '--root', root, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      times.push(performance.now() - t0);
      if (run.status !== 0) throw new Error(`mlruns ${args.join(' ')} failed:\n${run.stderr}`);
    }
    return times.sort((a, b) => a - b)[3] ?? NaN;
  };
  const lines = [
    `## the mlruns command on the 1000-run store (whole process, median of 7)`,
    `| command | time |`,
    `| --- | --- |`,
    `| \`mlruns --version\` (start-up alone) | ${fmt(median(['--version']))} |`,
    `| \`mlruns runs list -e <id>\` (table, newest 100 runs) | ${fmt(median(['runs', 'list', '-e', experimentId]))} |`,
    `| \`mlruns runs list -e <id> --format json\` | ${fmt(median(['--format', 'json', 'runs', 'list', '-e', experimentId]))} |`,
    `| \`mlruns runs list -e <id> --filter ... --order-by ...\` | ${fmt(median(['runs', 'list', '-e', experimentId, '--filter', BENCH_FILTER, '--order-by', BENCH_ORDER_BY[0] ?? '']))} |`,
  ];
  console.log(`\n${lines.join('\n')}`);
  return [...lines, ''];
}

await main();
