/**
 * Scenario "hostile": hostile names and paths in every place a caller can put one, and
 * symbolic links planted inside the store that point outside it. Every call must either
 * succeed and read back exactly, or throw an MlflowError; the folder around the store is
 * snapshotted around each call to prove nothing was written outside the store.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MlflowClient, isMlflowError } from '../../src/index.js';
import { seeded } from '../../test/helpers/random.js';
import { HOSTILE_STRINGS, randomHostileStrings } from '../lib/hostile-inputs.js';
import { HOSTILE_USES, Mismatch, type HostileContext } from '../lib/hostile-uses.js';
import { PLANTED_LINKS } from '../lib/planted-links.js';
import { checkMetaFiles, readWholeStore } from '../lib/store-check.js';
import { snapshotChanges, snapshotTree } from '../lib/tree-snapshot.js';

export interface HostileOptions {
  readonly seed: number;
  /** Random strings added to the fixed list. */
  readonly randomInputs: number;
}

export interface HostileResult {
  readonly inputs: number;
  readonly calls: number;
  readonly rejected: number;
  readonly accepted: number;
  /** Calls through planted links, and how many of them were refused. */
  readonly linkCalls: number;
  readonly linkRefusals: number;
  readonly problems: string[];
}

interface Tally {
  calls: number;
  rejected: number;
  accepted: number;
  problems: string[];
}

export async function runHostile(options: HostileOptions, dir: string): Promise<HostileResult> {
  const root = join(dir, 'mlruns');
  const outside = join(dir, 'outside');
  const downloads = join(dir, 'downloads');
  await mkdir(join(outside, 'folder'), { recursive: true });
  await mkdir(downloads, { recursive: true });
  await writeFile(join(outside, 'secret.txt'), 'do not touch\n');
  await writeFile(join(dir, 'local.txt'), 'a local file\n');
  const client = new MlflowClient(root);
  const experimentId = await client.createExperiment('hostile');
  const context: HostileContext = { client, experimentId, runId: (await client.createRun(experimentId)).info.runId, localFile: join(dir, 'local.txt'), downloads };
  const inputs = [...HOSTILE_STRINGS, ...randomHostileStrings(seeded(options.seed), options.randomInputs)];
  const tally: Tally = { calls: 0, rejected: 0, accepted: 0, problems: [] };
  const guarded = async (what: string, call: () => Promise<unknown>): Promise<boolean> => {
    const before = await snapshotTree(dir, [root, downloads]);
    const refused = await attempt(tally, what, call);
    for (const change of snapshotChanges(before, await snapshotTree(dir, [root, downloads]))) tally.problems.push(`${what} wrote outside the store: ${change}`);
    return refused;
  };
  for (const [index, input] of inputs.entries()) {
    for (const use of HOSTILE_USES) await guarded(`${use.name} ${JSON.stringify(input).slice(0, 60)}`, () => use.run(context, input, index));
  }
  await checkReadable(root, tally);
  let linkCalls = 0;
  let linkRefusals = 0;
  for (const planted of PLANTED_LINKS) {
    for (const [call, run] of await planted.plant(context, root, outside)) {
      linkCalls += 1;
      if (await guarded(`${call} through ${planted.name}`, run)) linkRefusals += 1;
    }
  }
  return { inputs: inputs.length, ...tally, linkCalls, linkRefusals };
}

/** Runs one call; true when it was refused with an MlflowError. Other failures are problems. */
async function attempt(tally: Tally, what: string, call: () => Promise<unknown>): Promise<boolean> {
  tally.calls += 1;
  try {
    await call();
    tally.accepted += 1;
    return false;
  } catch (error) {
    if (error instanceof Mismatch) tally.problems.push(`${what}: ${error.message}`);
    else if (!isMlflowError(error)) tally.problems.push(`${what} threw ${(error as Error).name}, not an MlflowError: ${(error as Error).message}`);
    else if (error.message.length < 20) tally.problems.push(`${what} was refused without a clear message: '${error.message}'`);
    else {
      tally.rejected += 1;
      return true;
    }
    return false;
  }
}

/** After all of it, the store still lists, searches and parses, with no warning. */
async function checkReadable(root: string, tally: Tally): Promise<void> {
  const reader = new MlflowClient(root);
  try {
    await readWholeStore(reader);
  } catch (error) {
    tally.problems.push(`the store no longer reads: ${(error as Error).stack ?? String(error)}`);
  }
  tally.problems.push(...reader.warnings.map((w) => `reading the store warned ${w.code} ${w.path}: ${w.message}`));
  tally.problems.push(...(await checkMetaFiles(root)).problems.map((p) => `meta.yaml not whole: ${p}`));
}
