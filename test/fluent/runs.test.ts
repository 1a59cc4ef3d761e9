import { describe, expect, it } from 'vitest';
import { InvalidStateError, activeRun, endRun, lastActiveRun, logParam, setExperiment, startRun, withRun } from '../../src/index.js';
import { useFluentStore } from '../helpers/fluent.js';

const store = useFluentStore();

describe('starting and ending runs', () => {
  it('starts a RUNNING run in the Default experiment and makes it the active run', async () => {
    const run = await startRun({ runName: 'first' });
    expect(run.info).toMatchObject({ status: 'RUNNING', experimentId: '0', runName: 'first' });
    expect(activeRun()?.info.runId).toBe(run.info.runId);
  });

  it('ends the run FINISHED by default and leaves no active run', async () => {
    const run = await startRun();
    await endRun();
    expect(activeRun()).toBeNull();
    expect((await store.client().getRun(run.info.runId)).info.status).toBe('FINISHED');
  });

  it('ends with the status given', async () => {
    const run = await startRun();
    await endRun('KILLED');
    expect((await store.client().getRun(run.info.runId)).info.status).toBe('KILLED');
  });

  it('does nothing when no run is active, as MLflow does', async () => {
    await expect(endRun()).resolves.toBeUndefined();
  });

  it('refuses a second run without nested, naming the active one', async () => {
    const run = await startRun();
    const error = await startRun().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStateError);
    expect((error as Error).message).toBe(
      `Run with UUID ${run.info.runId} is already active. To start a new run, first end the current run with endRun(). To start a nested run, call startRun with nested: true.`,
    );
  });

  it('stores tags and the description as mlflow.note.content', async () => {
    const run = await startRun({ tags: { team: 'vision' }, description: 'baseline sweep' });
    expect(run.data.tags).toMatchObject({ team: 'vision', 'mlflow.note.content': 'baseline sweep' });
  });

  it('uses the active experiment', async () => {
    const experiment = await setExperiment('fluent');
    expect((await startRun()).info.experimentId).toBe(experiment.experimentId);
  });
});

describe('nested runs', () => {
  it('tags a nested run with its parent and pops back to the parent on endRun', async () => {
    const parent = await startRun({ runName: 'parent' });
    const child = await startRun({ runName: 'child', nested: true });
    expect(child.data.tags['mlflow.parentRunId']).toBe(parent.info.runId);
    expect(activeRun()?.info.runId).toBe(child.info.runId);
    await endRun();
    expect(activeRun()?.info.runId).toBe(parent.info.runId);
    await endRun();
    expect(activeRun()).toBeNull();
  });

  it('nests several levels deep, each run under the one above', async () => {
    const a = await startRun();
    const b = await startRun({ nested: true });
    const c = await startRun({ nested: true });
    expect(b.data.tags['mlflow.parentRunId']).toBe(a.info.runId);
    expect(c.data.tags['mlflow.parentRunId']).toBe(b.info.runId);
  });

  it('takes an explicit parentRunId for a run started with nothing active', async () => {
    const parent = await startRun();
    await endRun();
    const child = await startRun({ parentRunId: parent.info.runId });
    expect(child.data.tags['mlflow.parentRunId']).toBe(parent.info.runId);
  });

  it('refuses a parentRunId that is not the active run', async () => {
    const other = await startRun();
    await endRun();
    await startRun();
    await expect(startRun({ nested: true, parentRunId: other.info.runId })).rejects.toThrow('does not match the specified parentRunId');
  });
});

describe('resuming runs', () => {
  it('resumes a run by id, RUNNING again, with its end time kept', async () => {
    const run = await startRun();
    await endRun();
    const ended = await store.client().getRun(run.info.runId);
    const resumed = await startRun({ runId: run.info.runId });
    expect(resumed.info).toMatchObject({ runId: run.info.runId, status: 'RUNNING', endTime: ended.info.endTime });
  });

  it('resumes the run named by MLFLOW_RUN_ID and consumes the variable', async () => {
    const run = await startRun();
    await endRun();
    process.env.MLFLOW_RUN_ID = run.info.runId;
    expect((await startRun()).info.runId).toBe(run.info.runId);
    expect(process.env.MLFLOW_RUN_ID).toBeUndefined();
  });

  it('refuses to resume a deleted run', async () => {
    const run = await startRun();
    await endRun();
    await store.client().deleteRun(run.info.runId);
    await expect(startRun({ runId: run.info.runId })).rejects.toThrow('because it is in the deleted state');
  });
});

describe('lastActiveRun', () => {
  it('is the active run while there is one, then the last run ended, read fresh', async () => {
    expect(await lastActiveRun()).toBeNull();
    const run = await startRun();
    expect((await lastActiveRun())?.info.status).toBe('RUNNING');
    await endRun();
    const last = await lastActiveRun();
    expect(last?.info).toMatchObject({ runId: run.info.runId, status: 'FINISHED' });
  });
});

describe('withRun', () => {
  it('ends the run FINISHED after the callback and returns its value', async () => {
    let runId = '';
    const value = await withRun({ runName: 'scoped' }, async (run) => {
      runId = run.info.runId;
      logParam('inside', 'yes');
      return 42;
    });
    expect(value).toBe(42);
    expect(activeRun()).toBeNull();
    const stored = await store.client().getRun(runId);
    expect(stored.info.status).toBe('FINISHED');
    expect(stored.data.params).toEqual({ inside: 'yes' });
  });

  it('ends the run FAILED when the callback throws, and rethrows the same error', async () => {
    let runId = '';
    const thrown = new Error('diverged');
    const caught = await withRun(async (run) => {
      runId = run.info.runId;
      throw thrown;
    }).catch((e: unknown) => e);
    expect(caught).toBe(thrown);
    expect((await store.client().getRun(runId)).info.status).toBe('FAILED');
    expect(activeRun()).toBeNull();
  });

  it('nests: an inner withRun is a child run and the outer one stays active after it', async () => {
    await withRun(async (outer) => {
      await withRun({ nested: true }, async (inner) => {
        expect(inner.data.tags['mlflow.parentRunId']).toBe(outer.info.runId);
      });
      expect(activeRun()?.info.runId).toBe(outer.info.runId);
    });
  });

  it('ends nested runs the callback left open along with its own run', async () => {
    let childId = '';
    await withRun(async () => {
      childId = (await startRun({ nested: true })).info.runId;
    });
    expect(activeRun()).toBeNull();
    expect((await store.client().getRun(childId)).info.status).toBe('FINISHED');
  });
});
