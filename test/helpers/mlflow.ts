/**
 * Runs real Python MLflow (the compatibility oracle) from tests.
 *
 * The virtualenvs come from `npm run compat:setup` (compat/setup-venv.sh): compat/.venv-mlflow3
 * holds mlflow-skinny 3.17.2 and compat/.venv-mlflow2 holds 2.22.4. The scripts live in
 * compat/py/ and each prints one JSON document; see their docstrings for the exact shapes.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from './scenario.js';

export type MlflowVersion = '3' | '2';
export const MLFLOW_VERSIONS: readonly MlflowVersion[] = ['3', '2'];
export type CompatScript =
  | 'dump_store.py'
  | 'apply_scenario.py'
  | 'rewrite_meta.py'
  | 'search_oracle.py'
  | 'read_artifacts.py'
  | 'read_registry.py'
  | 'registry_search_oracle.py'
  | 'build_logged_models.py'
  | 'gc_store.py';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const COMPAT_DIR = join(REPO_ROOT, 'compat');

/** A failure of the harness itself (missing venv, a script that crashed), not of our code. */
export class MlflowHarnessError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MlflowHarnessError';
  }
}

/** The interpreter of one pinned venv; throws a clear error when setup has not run. */
export function venvPython(version: MlflowVersion): string {
  const venv = join(COMPAT_DIR, `.venv-mlflow${version}`);
  const candidates = [join(venv, 'bin', 'python'), join(venv, 'Scripts', 'python.exe')];
  const python = candidates.find((candidate) => existsSync(candidate));
  if (python === undefined || !existsSync(join(venv, '.mlruns-requirements'))) {
    throw new MlflowHarnessError(
      `The MLflow ${version} virtualenv is missing or incomplete (compat/.venv-mlflow${version}). ` +
        'Run `npm run compat:setup` to create it (needs python3 >= 3.10 and access to PyPI).',
    );
  }
  return python;
}

/**
 * Runs one compat/py script under the given MLflow and returns its parsed JSON output, as is
 * (non-finite numbers still as the markers "NaN", "Infinity", "-Infinity").
 */
export async function runMlflow(version: MlflowVersion, script: CompatScript, args: readonly string[]): Promise<unknown> {
  const python = venvPython(version);
  const { stdout } = await new Promise<{ stdout: string }>((resolvePromise, reject) => {
    execFile(
      python,
      [join(COMPAT_DIR, 'py', script), ...args],
      {
        cwd: tmpdir(),
        env: {
          ...process.env,
          MLFLOW_ALLOW_FILE_STORE: 'true',
          PYTHONDONTWRITEBYTECODE: '1',
          PYTHONIOENCODING: 'utf-8',
        },
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, out, err) => {
        if (error === null) {
          resolvePromise({ stdout: out });
          return;
        }
        const tail = err.trim().split('\n').slice(-40).join('\n');
        reject(
          new MlflowHarnessError(
            `MLflow ${version}: ${script} ${args.join(' ')} failed (${error.code ?? error.message}).\n${tail}`,
            { cause: error },
          ),
        );
      },
    );
  });
  try {
    return JSON.parse(stdout) as unknown;
  } catch (cause) {
    throw new MlflowHarnessError(`MLflow ${version}: ${script} printed something that is not JSON: ${stdout.slice(0, 300)}`, { cause });
  }
}

// ---- dumps ----------------------------------------------------------------------------------

/** One metric line as a dump shows it; `value` may be NaN or an infinity after parsing. */
export interface DumpMetric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  datasetName?: string;
  datasetDigest?: string;
}

export interface DumpDatasetInput {
  dataset: { name: string; digest: string; sourceType: string; source: string; schema: string | null; profile: string | null };
  tags: { key: string; value: string }[];
}

export interface DumpRun {
  info: {
    runId: string;
    runName: string;
    experimentId: string;
    userId: string;
    status: string;
    startTime: number;
    endTime: number | null;
    artifactUri: string;
    lifecycleStage: string;
  };
  data: { metrics: Record<string, number>; params: Record<string, string>; tags: Record<string, string> };
  metricHistory: Record<string, DumpMetric[]>;
  inputs: { datasetInputs: DumpDatasetInput[] };
}

export interface DumpExperiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: string;
  creationTime: number | null;
  lastUpdateTime: number | null;
  tags: Record<string, string>;
  runs: DumpRun[];
  /** Only in tolerant dumps (fixture goldens): why MLflow could not load this experiment's runs. */
  runsError?: string;
}

/** Everything a reader returns for a store: the shape of compat/py/dump_store.py's output. */
export interface StoreDump {
  mlflowVersion?: string;
  experiments: DumpExperiment[];
}

const NON_FINITE: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/** A metric value from JSON: a number, or one of the markers JSON needs for NaN and infinities. */
export function numberFromJson(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value in NON_FINITE) return NON_FINITE[value] as number;
  throw new MlflowHarnessError(`expected a number or a non-finite marker, got ${JSON.stringify(value)}`);
}

/** Turns the non-finite markers of a parsed dump back into numbers, in place. */
export function reviveNumbers(dump: StoreDump): StoreDump {
  for (const experiment of dump.experiments) {
    for (const run of experiment.runs) {
      for (const key of Object.keys(run.data.metrics)) run.data.metrics[key] = numberFromJson(run.data.metrics[key]);
      for (const history of Object.values(run.metricHistory)) {
        for (const metric of history) metric.value = numberFromJson(metric.value);
      }
    }
  }
  return dump;
}

/** What Python MLflow reads from the store at `root`, with NaN and infinities as numbers. */
export async function dumpWithMlflow(root: string, version: MlflowVersion): Promise<StoreDump> {
  return reviveNumbers((await runMlflow(version, 'dump_store.py', [root])) as StoreDump);
}

const NEG_ZERO = '\u0000-0.0\u0000';

/**
 * A scenario as JSON for Python. JSON.stringify writes -0 as `0` and NaN or infinities as
 * `null`; here -0 stays the number `-0.0` and the others become the scenario's markers.
 */
export function scenarioJson(scenario: Scenario): string {
  const text = JSON.stringify(scenario, (_key, value: unknown) => {
    if (typeof value !== 'number') return value;
    if (Object.is(value, -0)) return NEG_ZERO;
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return value;
  });
  return text.replaceAll(JSON.stringify(NEG_ZERO), '-0.0');
}

/**
 * Replays a scenario through Python MLflow's client into `root` (which should not exist yet)
 * and returns the map from symbolic names to real experiment and run ids.
 */
export async function applyScenarioWithMlflow(root: string, scenario: Scenario, version: MlflowVersion): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'mlruns-scenario-'));
  try {
    const file = join(dir, 'scenario.json');
    await writeFile(file, scenarioJson(scenario), 'utf8');
    return (await runMlflow(version, 'apply_scenario.py', [root, file])) as Record<string, string>;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface RewrittenMeta {
  kind: 'experiment' | 'run';
  /** The bytes MLflow writes for this file's content; absent when MLflow could not read it. */
  bytes?: Buffer;
  error?: string;
}

/**
 * How Python MLflow re-serializes every experiment and run meta.yaml of the store through its
 * FileStore's persisted-dict path (compat/py/rewrite_meta.py), keyed by path relative to root.
 */
export async function rewriteMetaWithMlflow(root: string, version: MlflowVersion): Promise<Map<string, RewrittenMeta>> {
  const out = (await runMlflow(version, 'rewrite_meta.py', [root])) as {
    files: Record<string, { kind: 'experiment' | 'run'; base64?: string; error?: string }>;
  };
  const files = new Map<string, RewrittenMeta>();
  for (const [path, file] of Object.entries(out.files)) {
    files.set(path, {
      kind: file.kind,
      ...(file.base64 === undefined ? {} : { bytes: Buffer.from(file.base64, 'base64') }),
      ...(file.error === undefined ? {} : { error: file.error }),
    });
  }
  return files;
}
