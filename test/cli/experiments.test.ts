import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { mlruns, mlrunsJson } from '../helpers/cli.js';
import { copyFixture, fixtureInfo } from '../helpers/fixtures.js';
import { freshStorePath } from '../helpers/tmp.js';

interface ExperimentJson {
  experimentId: string;
  name: string;
  lifecycleStage: string;
  artifactLocation: string;
  creationTime: string | null;
  lastUpdateTime: string | null;
  tags: Record<string, string>;
}

describe('mlruns experiments', () => {
  it('lists every experiment of a store written by MLflow 3 with the fields MLflow reads', async () => {
    const root = await copyFixture('mlflow-3');
    const listed = await mlrunsJson<ExperimentJson[]>(root, ['experiments', 'list', '--view', 'all']);
    const expected = fixtureInfo('mlflow-3').mlflowReads['3']!.experiments;
    expect(listed.map((e) => e.experimentId).sort()).toEqual(expected.map((e) => e.experimentId).sort());
    for (const mine of listed) {
      const theirs = expected.find((e) => e.experimentId === mine.experimentId)!;
      expect(mine.name).toBe(theirs.name);
      expect(mine.lifecycleStage).toBe(theirs.lifecycleStage);
      expect(mine.artifactLocation).toBe(theirs.artifactLocation);
      expect(mine.creationTime).toBe(theirs.creationTime === null ? null : new Date(theirs.creationTime).toISOString());
      expect(mine.tags).toEqual(theirs.tags);
    }
  });

  it('lists only deleted experiments with --view deleted, and applies an MLflow filter', async () => {
    const root = await copyFixture('mlflow-3');
    const { ids } = fixtureInfo('mlflow-3');
    expect((await mlrunsJson<ExperimentJson[]>(root, ['experiments', 'list', '--view', 'deleted'])).map((e) => e.experimentId)).toEqual([ids.deleted]);
    const swept = await mlrunsJson<ExperimentJson[]>(root, ['experiments', 'list', '--filter', "name LIKE 'sweep%'"]);
    expect(swept.map((e) => e.name)).toEqual(['sweep: learning rate (v2) #1']);
  });

  it('creates, renames, deletes and restores an experiment named by name or id', async () => {
    const root = await freshStorePath();
    const created = await mlrunsJson<{ experimentId: string; name: string }>(root, ['experiments', 'create', 'vision', '--tag', 'team=cv']);
    expect(created.name).toBe('vision');
    await mlrunsJson(root, ['experiments', 'rename', 'vision', 'vision-v2']);
    await mlrunsJson(root, ['experiments', 'delete', created.experimentId]);
    const client = new MlflowClient(root);
    expect(await client.getExperiment(created.experimentId)).toMatchObject({ name: 'vision-v2', lifecycleStage: 'deleted', tags: { team: 'cv' } });
    const restored = await mlrunsJson<{ experimentId: string }[]>(root, ['experiments', 'restore', 'vision-v2']);
    expect(restored).toEqual([{ experimentId: created.experimentId, name: 'vision-v2' }]);
    expect((await client.getExperiment(created.experimentId)).lifecycleStage).toBe('active');
  });

  it('prints the new id alone on stdout in table format, for scripts', async () => {
    const root = await freshStorePath();
    const result = await mlruns(['--root', root, 'experiments', 'create', 'demo']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe((await new MlflowClient(root).getExperimentByName('demo'))!.experimentId);
  });

  it('fails with exit code 1 and one line saying what to do when the experiment does not exist', async () => {
    const root = await freshStorePath();
    const result = await mlruns(['--root', root, 'experiments', 'delete', 'nope']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: No experiment with id or name 'nope' in .*List them with 'mlruns experiments list --view all'\.\n$/);
  });

  it('refuses a second experiment with the same name, with MLflow’s message', async () => {
    const root = await freshStorePath();
    await mlrunsJson(root, ['experiments', 'create', 'demo']);
    const result = await mlruns(['--root', root, 'experiments', 'create', 'demo']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: Experiment 'demo' already exists");
  });
});

describe('mlruns global options', () => {
  it('prints the package version with --version', async () => {
    const result = await mlruns(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('shows help for a nested command with --help and exits 0', async () => {
    const result = await mlruns(['runs', 'list', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: mlruns runs list [options]');
    expect(result.stdout).toContain('--order-by <clause>');
  });

  it('exits 2 with one line on stderr for an unknown format or option', async () => {
    const format = await mlruns(['--format', 'xml', 'experiments', 'list']);
    expect(format.code).toBe(2);
    expect(format.stderr.trim().split('\n')).toHaveLength(1);
    expect(format.stderr).toContain("argument 'xml' is invalid. Allowed choices are table, json, csv");
    expect((await mlruns(['experiments', 'list', '--colour'])).code).toBe(2);
  });

  it('takes the store from MLFLOW_TRACKING_URI when --root is not given', async () => {
    const root = await freshStorePath();
    await new MlflowClient(root).createExperiment('from-env');
    const result = await mlruns(['--format', 'json', 'experiments', 'list'], { env: { MLFLOW_TRACKING_URI: `file://${root}` } });
    expect((JSON.parse(result.stdout) as ExperimentJson[]).map((e) => e.name).sort()).toEqual(['Default', 'from-env']);
  });

  it('writes no color codes when the output is not a terminal', async () => {
    const root = await copyFixture('mlflow-3');
    const result = await mlruns(['--root', root, 'experiments', 'list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sweep: learning rate (v2) #1');
    expect(result.stdout).not.toContain('\u001b[');
  });
});
