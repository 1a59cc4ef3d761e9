/**
 * The stores the compatibility checks compare: one written by our client, one per MLflow
 * version written by Python MLflow, all from the same scenario. Each lives in its own temp
 * folder for the lifetime of a test file.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlflowClient } from '../../src/index.js';
import { type MlflowVersion, applyScenarioWithMlflow } from '../helpers/mlflow.js';
import { type IdMap, type Scenario, replayScenario } from '../helpers/scenario.js';

export interface BuiltStore {
  root: string;
  ids: IdMap;
}

const folders: string[] = [];

async function freshRoot(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `mlruns-compat-${label}-`));
  folders.push(dir);
  return join(dir, 'mlruns');
}

/** Removes every folder this module made; call from afterAll. */
export async function removeStores(): Promise<void> {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A store written by our MlflowClient replaying the scenario. */
export async function storeWrittenByUs(scenario: Scenario): Promise<BuiltStore> {
  const root = await freshRoot('ours');
  const ids = await replayScenario(new MlflowClient(root), scenario);
  return { root, ids };
}

/** A store written by Python MLflow `version` replaying the scenario. */
export async function storeWrittenByMlflow(scenario: Scenario, version: MlflowVersion): Promise<BuiltStore> {
  const root = await freshRoot(`mlflow${version}`);
  const ids = await applyScenarioWithMlflow(root, scenario, version);
  return { root, ids };
}

/** Runs `build` once per key and shares the promise, so tests of one file share a store. */
export function memoize<K, V>(build: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const cache = new Map<K, Promise<V>>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = build(key);
      cache.set(key, value);
    }
    return value;
  };
}

export interface MetaFile {
  /** Path relative to the root, `/`-separated. */
  path: string;
  kind: 'experiment' | 'run';
  /** Experiment id (folder name) or run id (folder name). */
  id: string;
}

const RESERVED_EXPERIMENT_FOLDERS = new Set(['tags', 'datasets', 'traces', 'models']);

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

async function subfolders(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** Every experiment and run meta.yaml in a store, active and in .trash (spec section 1). */
export async function metaFiles(root: string): Promise<MetaFile[]> {
  const files: MetaFile[] = [];
  for (const prefix of ['', '.trash/']) {
    const base = join(root, prefix);
    for (const exp of await subfolders(base)) {
      if (exp.endsWith('.trash') || exp === 'models') continue;
      if (await isFile(join(base, exp, 'meta.yaml'))) files.push({ path: `${prefix}${exp}/meta.yaml`, kind: 'experiment', id: exp });
      for (const run of await subfolders(join(base, exp))) {
        if (RESERVED_EXPERIMENT_FOLDERS.has(run)) continue;
        if (await isFile(join(base, exp, run, 'meta.yaml'))) files.push({ path: `${prefix}${exp}/${run}/meta.yaml`, kind: 'run', id: run });
      }
    }
  }
  return files;
}

/**
 * Our writer adds `run_uuid` to every run meta.yaml so MLflow 2.x can read it; MLflow 3 no
 * longer writes that line. Removing it is the one allowed difference against MLflow 3.
 */
export function withoutRunUuid(text: string): string {
  return text.replace(/^run_uuid: .*\n/m, '');
}

/** Where two byte strings first differ, line by line, for a failure message. */
export function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: expected ${JSON.stringify(a[i] ?? '<end>')}, got ${JSON.stringify(b[i] ?? '<end>')}`;
  }
  return 'identical text';
}
