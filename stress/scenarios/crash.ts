/**
 * Scenario "crash": a worker (stress/workers/crasher.ts) performs random operations on a store
 * and is killed with SIGKILL at a random moment; the parent then checks the store against
 * everything the worker acknowledged. A chain of kills shares one store, so each worker starts
 * on what the previous one left behind.
 */
import { mkdir, readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { MlflowClient, isMlflowError } from '../../src/index.js';
import { seeded } from '../../test/helpers/random.js';
import { NO_LINES, addCounts, type LineCount } from '../lib/ack-lines.js';
import { Worker } from '../lib/child.js';
import { readActual, reconcile } from '../lib/crash-check.js';
import { applyOp, emptyModel, viewOf, type Ack, type Model, type Op } from '../lib/crash-model.js';
import { checkMetaFiles } from '../lib/store-check.js';

export interface CrashOptions {
  readonly chains: number;
  readonly killsPerChain: number;
  /** Chains run this many at a time, each on its own store. */
  readonly parallel: number;
  readonly seed: number;
  /** Each worker is killed between 0 and this many ms after it is ready. */
  readonly maxDelayMs: number;
  readonly log: (line: string) => void;
}

export interface CrashResult {
  readonly kills: number;
  /** Kills after which every check passed. */
  readonly survived: number;
  readonly acknowledged: number;
  /** Which operation was under way at each kill. */
  readonly interrupted: Record<string, number>;
  /** Interrupted deletes and restores that were done again and then complete. */
  readonly retried: number;
  readonly lines: LineCount;
  /** Temporary files, staging folders and lock folders the kills left behind. */
  readonly tempFiles: number;
  readonly locks: number;
  readonly roots: string[];
  readonly problems: string[];
}

interface Tally {
  kills: number;
  survived: number;
  acknowledged: number;
  interrupted: Record<string, number>;
  retried: number;
  lines: LineCount;
  tempFiles: number;
  locks: number;
  roots: string[];
  problems: string[];
}

export async function runCrashes(options: CrashOptions, dir: string): Promise<CrashResult> {
  const tally: Tally = { kills: 0, survived: 0, acknowledged: 0, interrupted: {}, retried: 0, lines: NO_LINES, tempFiles: 0, locks: 0, roots: [], problems: [] };
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < options.chains) {
      const chain = next;
      next += 1;
      await runChain(options, options.seed + chain, join(dir, `chain-${chain}`), tally);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel) }, lane));
  return tally;
}

async function runChain(options: CrashOptions, seed: number, dir: string, tally: Tally): Promise<void> {
  const root = join(dir, 'mlruns');
  await mkdir(dir, { recursive: true });
  tally.roots.push(root);
  await new MlflowClient(root).searchExperiments();
  const model = emptyModel();
  const random = seeded(seed);
  const leftovers = new Set<string>();
  for (let kill = 0; kill < options.killsPerChain; kill += 1) {
    const workerSeed = seed * 1000 + kill;
    const worker = new Worker('crasher', { root, seed: workerSeed, view: viewOf(model), maxOps: 100_000, valueBase: kill * 1e9 }, 60_000);
    const ready = await worker.waitFor((line) => line === 'ready');
    await new Promise((resolve) => setTimeout(resolve, random() * options.maxDelayMs));
    worker.kill();
    const { signal } = await worker.exited;
    const problems: string[] = [];
    if (ready === '' || signal !== 'SIGKILL') problems.push(`the worker ended before the kill: ${worker.stderr.trim().split('\n').slice(-6).join(' | ')}`);
    const inflight = replay(model, worker.lines, tally);
    tally.interrupted[inflight?.kind ?? 'nothing'] = (tally.interrupted[inflight?.kind ?? 'nothing'] ?? 0) + 1;
    await countLeftovers(root, tally, leftovers);
    problems.push(...(await checkAfterKill(root, model, inflight, tally)));
    tally.kills += 1;
    if (problems.length === 0) tally.survived += 1;
    for (const problem of problems) tally.problems.push(`seed ${workerSeed} (kill ${kill + 1} of chain ${seed}, interrupted ${inflight?.kind ?? 'nothing'}): ${problem}`);
  }
  options.log(`crash chain ${seed}: ${options.killsPerChain} kills, ${tally.problems.length} problems so far`);
}

/** Applies the acknowledged operations of a worker's output; returns the one it was killed in. */
function replay(model: Model, lines: readonly string[], tally: Tally): Op | undefined {
  let pending: Op | undefined;
  for (const line of lines) {
    if (line.startsWith('B ')) pending = JSON.parse(line.slice(2)) as Op;
    if (line.startsWith('A ') && pending !== undefined) {
      applyOp(model, pending, JSON.parse(line.slice(2)) as Ack);
      tally.acknowledged += 1;
      pending = undefined;
    }
  }
  return pending;
}

/**
 * Counts the temporary files and lock folders a kill left (each once, however many kills it
 * outlives), and ages the locks past their staleness (10 s) so the next worker need not wait.
 */
async function countLeftovers(root: string, tally: Tally, seen: Set<string>): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const isLock = entry.name.startsWith('.mlruns-lock');
    if (isLock) await utimes(path, past, past).catch(() => undefined);
    if (seen.has(path)) continue;
    seen.add(path);
    // Temporary files of interrupted writes, and staging folders of interrupted creations.
    if (entry.name.startsWith('.mlruns-tmp-') || entry.name.endsWith('.mlruns-new.trash')) tally.tempFiles += 1;
    if (isLock) tally.locks += 1;
  }
}

/** Every check after one kill; a retried delete or restore is checked again after it completes. */
async function checkAfterKill(root: string, model: Model, inflight: Op | undefined, tally: Tally): Promise<string[]> {
  const problems = (await checkMetaFiles(root)).problems.map((p) => `meta.yaml not whole: ${p}`);
  const client = new MlflowClient(root);
  try {
    const result = reconcile(model, inflight, await readActual(client));
    problems.push(...result.problems);
    tally.lines = addCounts(tally.lines, result.lines);
    if (inflight !== undefined && ['deleteExperiment', 'restoreExperiment', 'deleteRun', 'restoreRun'].includes(inflight.kind)) {
      problems.push(...(await retry(root, model, inflight)));
      tally.retried += 1;
    }
  } catch (error) {
    problems.push(`reading the store threw: ${(error as Error).stack ?? String(error)}`);
  }
  problems.push(...client.warnings.map((w) => `warning ${w.code} ${w.path}: ${w.message}`));
  return problems;
}

/** Does the interrupted operation again; afterwards the store must hold exactly its result. */
async function retry(root: string, model: Model, op: Op): Promise<string[]> {
  const client = new MlflowClient(root);
  const done: Record<string, (id: string) => Promise<void>> = {
    deleteExperiment: (id) => client.deleteExperiment(id),
    restoreExperiment: (id) => client.restoreExperiment(id),
    deleteRun: (id) => client.deleteRun(id),
    restoreRun: (id) => client.restoreRun(id),
  };
  const id = 'runId' in op ? op.runId : (op as { id: string }).id;
  let refusal = '';
  try {
    await done[op.kind]!(id);
  } catch (error) {
    if (!isMlflowError(error)) throw error;
    refusal = ` (doing it again was refused: ${error.message})`;
  }
  applyOp(model, op, {});
  const { problems } = reconcile(model, undefined, await readActual(client));
  return problems.map((p) => `after doing ${op.kind} again${refusal}: ${p}`);
}
