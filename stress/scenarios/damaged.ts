/**
 * Scenario "damaged": every fixture store, copied and damaged one way at a time (see
 * stress/lib/mutations.ts), then read as a user would and checked by `checkStore` (the code
 * behind `mlruns doctor`). Listing and search must keep working; what is not damaged must
 * read exactly as before; what disappears from the listing must be named by a warning; and
 * every warning's path must be among doctor's problems.
 */
import { join, relative, sep } from 'node:path';
import { walkFiles } from '../../src/backends/file/fs-io.js';
import { MlflowClient, checkStore } from '../../src/index.js';
import { copyFixtureTo, type FixtureName } from '../../test/helpers/fixture-files.js';
import { seeded } from '../../test/helpers/random.js';
import { fileMutations, storeMutations, type Mutation } from '../lib/mutations.js';
import { readWholeStore } from '../lib/store-check.js';

export const FIXTURES: readonly FixtureName[] = ['mlflow-3', 'mlflow-2', 'legacy', 'damaged', 'registry'];

export interface DamagedOptions {
  readonly seed: number;
  /** How many damaged copies of each fixture to read ('all': every mutation of every file). */
  readonly perFixture: number | 'all';
}

export interface DamagedResult {
  /** Damaged copies read, by kind of damage. */
  readonly stores: number;
  readonly byKind: Record<string, number>;
  /** Copies where something vanished from the listing (each named by a warning). */
  readonly vanished: number;
  readonly warnings: number;
  readonly problems: string[];
}

/** What a store reads as: entity key → its JSON, with the folder each lives in, and the warnings. */
interface Reading {
  readonly entities: Map<string, { json: string; folder: string }>;
  readonly warnings: Set<string>;
}

const related = (a: string, b: string): boolean => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
const rel = (root: string, path: string): string => relative(root, path).split(sep).join('/');

async function readStore(root: string): Promise<Reading> {
  const client = new MlflowClient(root);
  // A filtered search first: it reads only the fields it names, a different path through the reader.
  await readWholeStore(client, "metrics.m >= 0 AND params.p != 'x'");
  const { experiments, runs } = await readWholeStore(client);
  const entities = new Map<string, { json: string; folder: string }>();
  const folders = new Map<string, string>();
  for (const e of experiments) {
    const folder = e.lifecycleStage === 'deleted' ? `.trash/${e.experimentId}` : e.experimentId;
    folders.set(e.experimentId, folder);
    entities.set(`experiment ${e.experimentId}`, { json: JSON.stringify(e), folder });
  }
  for (const run of runs) {
    const folder = `${folders.get(run.info.experimentId)}/${run.info.runId}`;
    entities.set(`run ${folder}`, { json: JSON.stringify(run), folder });
  }
  for (const model of (await client.registry.searchRegisteredModels({ maxResults: 1000 })).registeredModels) {
    entities.set(`model ${model.name}`, { json: JSON.stringify(model), folder: `models/${model.name}` });
  }
  return { entities, warnings: new Set(client.warnings.map((w) => `${w.code} ${rel(root, w.path)}`)) };
}

export async function runDamaged(options: DamagedOptions, dir: string): Promise<DamagedResult> {
  const random = seeded(options.seed);
  const result = { stores: 0, byKind: {} as Record<string, number>, vanished: 0, warnings: 0, problems: [] as string[] };
  for (const fixture of FIXTURES) {
    // One copy per fixture: each mutation is applied, checked and undone in turn.
    const pristine = await copyFixtureTo(fixture, join(dir, fixture));
    const baseline = await readStore(pristine);
    const files = (await walkFiles(pristine)).filter((path) => !path.startsWith('.git/'));
    let mutations: Mutation[] = [...files.flatMap((path) => fileMutations(path, random)), ...(await storeMutations(pristine))];
    if (options.perFixture !== 'all') mutations = mutations.map((m) => [random(), m] as const).sort((a, b) => a[0] - b[0]).slice(0, options.perFixture).map(([, m]) => m);
    for (const mutation of mutations) {
      await mutation.apply(pristine);
      const outcome = await checkDamaged(pristine, mutation, baseline);
      await mutation.undo(pristine);
      result.stores += 1;
      result.byKind[mutation.kind] = (result.byKind[mutation.kind] ?? 0) + 1;
      result.vanished += outcome.vanished ? 1 : 0;
      result.warnings += outcome.warnings;
      result.problems.push(...outcome.problems.map((p) => `${fixture}, ${mutation.kind} ${mutation.path}: ${p}`));
    }
  }
  return result;
}

/**
 * Whether damage at `path` may change an entity: anything in or around its folder, and for a
 * run also its experiment's own files (meta.yaml, tags, datasets), but not other runs.
 */
function touches(path: string, key: string, folder: string): boolean {
  if (related(folder, path)) return true;
  if (!key.startsWith('run ')) return false;
  const experimentFolder = folder.slice(0, folder.lastIndexOf('/'));
  if (!path.startsWith(`${experimentFolder}/`)) return false;
  const first = path.slice(experimentFolder.length + 1).split('/')[0]!;
  return first === 'meta.yaml' || first === 'tags' || first === 'datasets';
}

/**
 * Damage no reader can take for data, which must always be named by a warning: every
 * store-level damage (duplicates, a run copied elsewhere), and binary garbage or an empty file
 * where a meta.yaml or a metric file was, or garbage in a run's or experiment's params or tags.
 * (An emptied param is a valid empty value, a deleted one is simply absent.)
 */
function mustWarn(mutation: Mutation): boolean {
  if (!['truncated', 'emptied', 'deleted', 'garbage', 'wrong id'].includes(mutation.kind)) return true;
  // The registry's tags and aliases are free text; artifacts, and MLflow 3's logged models,
  // outputs and traces inside experiments, are files this library does not interpret.
  if (mutation.path.startsWith('models/') || /\/(artifacts|models|outputs|traces)\//.test(mutation.path)) return false;
  const isMeta = mutation.path.endsWith('/meta.yaml');
  if (mutation.kind === 'emptied') return isMeta || mutation.path.includes('/metrics/');
  return mutation.kind === 'garbage' && (isMeta || /\/(metrics|params|tags)\//.test(mutation.path));
}

async function checkDamaged(root: string, mutation: Mutation, baseline: Reading): Promise<{ vanished: boolean; warnings: number; problems: string[] }> {
  let reading: Reading;
  try {
    reading = await readStore(root);
  } catch (error) {
    return { vanished: false, warnings: 0, problems: [`reading the store threw: ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`] };
  }
  const problems: string[] = [];
  // Every warning counts, also those the undamaged fixture already had: damage inside an
  // experiment or run that is skipped anyway is named by the warning that skips it.
  // A warning about a meta.yaml skips the folder it describes, and so names all that is in it.
  const warned = [...reading.warnings].map((w) => w.slice(w.indexOf(' ') + 1).replace(/\/meta\.yaml$/, ''));
  const newWarnings = [...reading.warnings].filter((w) => !baseline.warnings.has(w));
  let vanished = false;
  for (const [key, before] of baseline.entities) {
    const after = reading.entities.get(key);
    const touched = touches(mutation.path, key, before.folder);
    if (after?.json === before.json) continue;
    if (!touched) {
      problems.push(`${key} changed though the damage is elsewhere`);
    } else if (after === undefined) {
      vanished = true;
      if (!warned.some((w) => related(w, mutation.path) || related(w, before.folder))) problems.push(`${key} vanished from the listing and no warning names it`);
    }
  }
  const named = [mutation.path, ...(mutation.alsoNamed ?? [])];
  if (mustWarn(mutation) && !warned.some((w) => named.some((path) => related(w, path)))) problems.push('no warning names the damage');
  // Doctor only runs where there is something new for it to name (it is the slowest step).
  if (newWarnings.length > 0) problems.push(...(await doctorMisses(root, warned)));
  return { vanished, warnings: newWarnings.length, problems };
}

/** Warned paths that `checkStore` (mlruns doctor) does not report. */
async function doctorMisses(root: string, warned: readonly string[]): Promise<string[]> {
  let reported: string[];
  try {
    reported = (await checkStore(root)).problems.map((p) => p.path);
  } catch (error) {
    return [`doctor threw: ${(error as Error).message}`];
  }
  return warned.filter((w) => !reported.some((p) => related(p, w))).map((w) => `warned about ${w}, which doctor does not report`);
}
