/**
 * The committed fixture stores (see fixtures/README.md) and their sidecars, with no test-runner
 * dependency, so that the stress harness can use them too. Tests use ./fixtures.ts.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT, type StoreDump, reviveNumbers } from './mlflow.js';

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
 * Copies fixture `name` to `root` (which must not exist yet) and restores the empty folders and
 * extra files git could not keep.
 */
export async function copyFixtureTo(name: FixtureName, root: string): Promise<string> {
  const info = fixtureInfo(name);
  await cp(join(FIXTURES_DIR, name), root, { recursive: true });
  for (const dir of info.directories) await mkdir(join(root, ...dir.split('/')), { recursive: true });
  for (const [path, file] of Object.entries(info.extraFiles)) {
    const target = join(root, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, Buffer.from(file.base64, 'base64'));
  }
  return root;
}
