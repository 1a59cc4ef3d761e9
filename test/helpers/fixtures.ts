/**
 * Small stores written by real MLflow, committed under fixtures/ (see fixtures/README.md), so
 * tests of our reader run without Python. Always work on a copy: `copyFixture` puts one into a
 * fresh temp folder that is removed after the test.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT, type StoreDump, reviveNumbers } from './mlflow.js';
import { tempDir } from './tmp.js';

export type FixtureName = 'mlflow-3' | 'mlflow-2' | 'legacy' | 'damaged' | 'registry';

/** The sidecar `fixtures/<name>.fixture.json` written by compat/make-fixtures.sh. */
export interface FixtureInfo {
  fixture: FixtureName;
  /** Which script and MLflow version made it. */
  madeBy: string;
  /** Where the store claims to live: every absolute path in it starts here. */
  root: string;
  /** Symbol → experiment, run, model or trace id (symbols from the scenario or builder). */
  ids: Record<string, string>;
  /** Every folder of the store, `/`-separated; git drops the empty ones. */
  directories: string[];
  /** Files git cannot or should not hold (.git/, .DS_Store, .ipynb_checkpoints/). */
  extraFiles: Record<string, { base64: string }>;
  /** What Python MLflow 3 and 2 read from the store (null: it cannot list the store at all). */
  mlflowReads: { '3': StoreDump | null; '2': StoreDump | null };
  /** For `registry`: what Python MLflow 3 and 2 read of the model registry (compat/py/read_registry.py). */
  registryReads?: { '3': unknown; '2': unknown };
}

const FIXTURES_DIR = join(REPO_ROOT, 'fixtures');

/** The sidecar of a fixture, with NaN and infinities in MLflow's readings as numbers. */
export function fixtureInfo(name: FixtureName): FixtureInfo {
  const info = JSON.parse(readFileSync(join(FIXTURES_DIR, `${name}.fixture.json`), 'utf8')) as FixtureInfo;
  for (const dump of Object.values(info.mlflowReads)) if (dump !== null) reviveNumbers(dump);
  return info;
}

/**
 * Copies fixture `name` into a fresh temp folder as `<tmp>/mlruns`, restores the empty folders
 * and extra files git could not keep, and returns the new root. Removed after the test.
 */
export async function copyFixture(name: FixtureName): Promise<string> {
  const info = fixtureInfo(name);
  const root = join(await tempDir(`mlruns-fixture-${name}-`), 'mlruns');
  await cp(join(FIXTURES_DIR, name), root, { recursive: true });
  for (const dir of info.directories) await mkdir(join(root, ...dir.split('/')), { recursive: true });
  for (const [path, file] of Object.entries(info.extraFiles)) {
    const target = join(root, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, Buffer.from(file.base64, 'base64'));
  }
  return root;
}
