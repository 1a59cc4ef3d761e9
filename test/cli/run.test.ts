import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { TSX_LOADER, mlruns } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/mlflow.js';
import { freshStorePath, tempDir } from '../helpers/tmp.js';

const LIBRARY = pathToFileURL(join(REPO_ROOT, 'src', 'index.ts')).href;

/** A training script that logs into the run it is given (MLFLOW_RUN_ID) through the library, then fails. */
const TRAIN = `
import { startRun, logMetric, logParam, endRun } from ${JSON.stringify(LIBRARY)};
const run = await startRun();
for (let step = 0; step < 3; step++) logMetric('loss', 1 / (step + 1), { step });
logParam('layers', 4);
await endRun();
console.log('trained ' + run.info.runId);
console.error('loss diverged');
process.exitCode = 3;
`;

async function script(body: string): Promise<{ dir: string; file: string }> {
  const dir = await tempDir('mlruns-run-test-');
  const file = join(dir, 'train.mts');
  await writeFile(file, body);
  return { dir, file };
}

describe('mlruns run', () => {
  it('tracks a failing script as one FAILED run holding its metrics, params and output', async () => {
    const root = await freshStorePath();
    const { dir, file } = await script(TRAIN);
    const result = await mlruns(['--root', root, 'run', '-e', 'train', '--name', 'trial', '--param', 'lr=0.1', '--', process.execPath, '--import', TSX_LOADER, file], { cwd: dir });
    expect(result.code).toBe(3);
    const client = new MlflowClient(root);
    const { runs } = await client.searchRuns([(await client.getExperimentByName('train'))!.experimentId]);
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(result.stdout).toBe(`trained ${run.info.runId}\n`);
    expect(run.info).toMatchObject({ runName: 'trial', status: 'FAILED' });
    expect(run.info.endTime).toBeGreaterThanOrEqual(run.info.startTime);
    expect(run.data.params).toEqual({ lr: '0.1', layers: '4' });
    expect((await client.getMetricHistory(run.info.runId, 'loss')).map((m) => [m.step, m.value])).toEqual([[0, 1], [1, 0.5], [2, 1 / 3]]);
    expect(run.data.tags).toMatchObject({ 'mlruns.command': `${process.execPath} --import ${TSX_LOADER} ${file}`, 'mlruns.exit': 'exit code 3' });
    const artifacts = await client.listArtifacts(run.info.runId);
    expect(artifacts.map((a) => a.path)).toEqual(['stderr.log', 'stdout.log']);
    const read = async (name: string) => readFile(await client.downloadArtifacts(run.info.runId, name), 'utf8');
    expect(await read('stdout.log')).toBe(`trained ${run.info.runId}\n`);
    expect(await read('stderr.log')).toBe('loss diverged\n');
  });

  it('ends the run FINISHED when the command succeeds, passing the run, experiment and store to it', async () => {
    const root = await freshStorePath();
    const printEnv = "console.log([process.env.MLFLOW_RUN_ID, process.env.MLFLOW_EXPERIMENT_ID, process.env.MLFLOW_TRACKING_URI].join(' '))";
    const result = await mlruns(['--root', root, 'run', '--', process.execPath, '-e', printEnv]);
    expect(result.code).toBe(0);
    const { runs } = await new MlflowClient(root).searchRuns(['0']);
    expect(runs.map((r) => r.info.status)).toEqual(['FINISHED']);
    expect(result.stdout).toBe(`${runs[0]!.info.runId} 0 ${root}\n`);
    expect(result.stderr).toContain(`mlruns: run ${runs[0]!.info.runId} FINISHED (exit code 0)`);
  });

  it('records the git commit of the working directory', async () => {
    const root = await freshStorePath();
    const repo = await tempDir('mlruns-git-');
    const sha = 'a'.repeat(40);
    await mkdir(join(repo, '.git', 'refs', 'heads'), { recursive: true });
    await writeFile(join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    await writeFile(join(repo, '.git', 'refs', 'heads', 'main'), `${sha}\n`);
    await mlruns(['--root', root, 'run', '--', process.execPath, '-e', '0'], { cwd: repo });
    const { runs } = await new MlflowClient(root).searchRuns(['0']);
    expect(runs[0]!.data.tags['mlflow.source.git.commit']).toBe(sha);
  });

  it('forwards a signal to the command and ends the run KILLED', async () => {
    const root = await freshStorePath();
    const wait = "console.log('ready'); setInterval(() => {}, 1000)";
    const result = await mlruns(['--root', root, 'run', '--', process.execPath, '-e', wait], {
      onSpawn: (child) => child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && child.kill('SIGTERM')),
    });
    expect(result.code).toBe(143);
    const { runs } = await new MlflowClient(root).searchRuns(['0']);
    expect(runs[0]!.info.status).toBe('KILLED');
    expect(runs[0]!.data.tags['mlruns.exit']).toBe('signal SIGTERM');
  });

  it('ends the run FAILED with exit code 127 when the command does not exist', async () => {
    const root = await freshStorePath();
    const result = await mlruns(['--root', root, 'run', '--', 'mlruns-no-such-command']);
    expect(result.code).toBe(127);
    expect(result.stderr).toContain("error: could not start 'mlruns-no-such-command'");
    const { runs } = await new MlflowClient(root).searchRuns(['0']);
    expect(runs[0]!.info.status).toBe('FAILED');
  });

  it('asks for -- when the command has options of its own', async () => {
    const result = await mlruns(['--root', await freshStorePath(), 'run', 'python', 'train.py', '--epochs', '3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--epochs' (put -- before the command");
  });
});
