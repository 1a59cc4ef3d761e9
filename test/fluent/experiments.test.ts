import { describe, expect, it } from 'vitest';
import { InvalidParameterError, MlflowClient, getTrackingUri, setExperiment, setTrackingUri, startRun } from '../../src/index.js';
import { resetFluentState } from '../../src/fluent/state.js';
import { useFluentStore } from '../helpers/fluent.js';
import { freshStorePath } from '../helpers/tmp.js';

const store = useFluentStore();

describe('the tracking URI', () => {
  it('is what setTrackingUri set, and is exported to child processes as MLFLOW_TRACKING_URI', () => {
    setTrackingUri('file:///tmp/elsewhere/mlruns');
    expect(getTrackingUri()).toBe('file:///tmp/elsewhere/mlruns');
    expect(process.env.MLFLOW_TRACKING_URI).toBe('file:///tmp/elsewhere/mlruns');
  });

  it('refuses schemes this library does not support, saying what it does', () => {
    expect(() => setTrackingUri('http://localhost:5000')).toThrow("uses the 'http' scheme");
  });

  it('sends new runs to the store it names', async () => {
    const other = await freshStorePath();
    setTrackingUri(other);
    const run = await startRun();
    expect((await new MlflowClient(other).getRun(run.info.runId)).info.runId).toBe(run.info.runId);
  });
});

describe('setExperiment', () => {
  it('creates an experiment by name when there is none, and makes it active', async () => {
    const experiment = await setExperiment('new-one');
    expect((await store.client().getExperimentByName('new-one'))?.experimentId).toBe(experiment.experimentId);
    expect(process.env.MLFLOW_EXPERIMENT_ID).toBe(experiment.experimentId);
  });

  it('reuses an existing experiment of that name', async () => {
    const id = await store.client().createExperiment('existing');
    expect((await setExperiment({ experimentName: 'existing' })).experimentId).toBe(id);
  });

  it('selects an experiment by id, and fails for an unknown id', async () => {
    const id = await store.client().createExperiment('by-id');
    expect((await setExperiment({ experimentId: id })).name).toBe('by-id');
    await expect(setExperiment({ experimentId: '12345' })).rejects.toThrow('Could not find experiment with ID 12345');
  });

  it('refuses a deleted experiment', async () => {
    const id = await store.client().createExperiment('gone');
    await store.client().deleteExperiment(id);
    await expect(setExperiment('gone')).rejects.toThrow("Cannot set a deleted experiment 'gone' as the active experiment");
  });
});

describe('experiment environment variables', () => {
  it('MLFLOW_EXPERIMENT_NAME picks (and creates) the experiment of new runs', async () => {
    process.env.MLFLOW_EXPERIMENT_NAME = 'from-env';
    const run = await startRun();
    expect(run.info.experimentId).toBe((await store.client().getExperimentByName('from-env'))?.experimentId);
  });

  it('MLFLOW_EXPERIMENT_ID picks the experiment of new runs', async () => {
    const id = await store.client().createExperiment('by-env-id');
    process.env.MLFLOW_EXPERIMENT_ID = id;
    expect((await startRun()).info.experimentId).toBe(id);
  });

  it('refuses an MLFLOW_EXPERIMENT_ID that does not exist', async () => {
    process.env.MLFLOW_EXPERIMENT_ID = '999';
    const error = await startRun().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as Error).message).toContain("The provided MLFLOW_EXPERIMENT_ID environment variable value '999' does not exist");
  });

  it('refuses a name and an id that disagree', async () => {
    await store.client().createExperiment('named');
    process.env.MLFLOW_EXPERIMENT_NAME = 'named';
    process.env.MLFLOW_EXPERIMENT_ID = '0';
    await expect(startRun()).rejects.toThrow("does not match the experiment id");
  });

  it('MLFLOW_TRACKING_URI names the store when setTrackingUri was not called', async () => {
    resetFluentState();
    const root = await freshStorePath();
    process.env.MLFLOW_TRACKING_URI = root;
    expect(getTrackingUri()).toBe(root);
    const run = await startRun();
    expect((await new MlflowClient(root).getRun(run.info.runId)).info.runId).toBe(run.info.runId);
  });
});
