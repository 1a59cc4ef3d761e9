import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { runScript } from '../helpers/child-script.js';
import { freshStorePath } from '../helpers/tmp.js';

const SLOW = 30_000;

/** Starts a parent and a nested run, queues 5000 points on the nested one, prints both ids. */
const START = `
mlruns.setTrackingUri(storeRoot);
const parent = await mlruns.startRun({ runName: 'parent' });
const child = await mlruns.startRun({ runName: 'child', nested: true });
for (let step = 0; step < 5000; step++) mlruns.logMetric('loss', step, { step });
console.log(JSON.stringify([parent.info.runId, child.info.runId]));
`;

async function statuses(root: string, stdout: string): Promise<string[]> {
  const ids = JSON.parse(stdout.trim().split('\n')[0] ?? '[]') as string[];
  const client = new MlflowClient(root);
  return Promise.all(ids.map(async (id) => (await client.getRun(id)).info.status));
}

async function pointsOnDisk(root: string, stdout: string): Promise<number> {
  const [, childId] = JSON.parse(stdout.trim().split('\n')[0] ?? '[]') as string[];
  return (await readFile(join(root, '0', childId ?? '', 'metrics', 'loss'), 'utf8')).split('\n').length - 1;
}

describe('a process that ends without endRun', () => {
  it('ends every run FINISHED with every queued point on disk when the script just returns', async () => {
    const root = await freshStorePath();
    const result = await runScript(START, root);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(await statuses(root, result.stdout)).toEqual(['FINISHED', 'FINISHED']);
    expect(await pointsOnDisk(root, result.stdout)).toBe(5000);
  }, SLOW);

  it('ends every run FAILED on an uncaught exception, prints it and exits with code 1', async () => {
    const root = await freshStorePath();
    const result = await runScript(`${START}\nsetTimeout(() => { throw new Error('diverged at epoch 3'); }, 5);`, root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error: diverged at epoch 3');
    expect(await statuses(root, result.stdout)).toEqual(['FAILED', 'FAILED']);
    expect(await pointsOnDisk(root, result.stdout)).toBe(5000);
  }, SLOW);

  it('ends every run FAILED when a top-level await rejects', async () => {
    const root = await freshStorePath();
    const result = await runScript(`${START}\nawait Promise.reject(new Error('no data'));`, root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error: no data');
    expect(await statuses(root, result.stdout)).toEqual(['FAILED', 'FAILED']);
  }, SLOW);

  it('leaves the decision to a program that handles uncaught exceptions itself', async () => {
    const root = await freshStorePath();
    const script = `process.on('uncaughtException', (e) => console.error('handled:', e.message));\n${START}\nsetTimeout(() => { throw new Error('ignored'); }, 5);`;
    const result = await runScript(script, root);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('handled: ignored');
    expect(await statuses(root, result.stdout)).toEqual(['FINISHED', 'FINISHED']);
  }, SLOW);

  it('prints a queued write that failed and was never flushed, and exits with code 1', async () => {
    const root = await freshStorePath();
    const result = await runScript(`${START}\nmlruns.logParam('lr', 0.1);\nmlruns.logParam('lr', 0.2);`, root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("mlruns: a queued write was not stored: InvalidParameterError: Changing param values is not allowed. Param with key='lr'");
    expect(await statuses(root, result.stdout)).toEqual(['FINISHED', 'FINISHED']);
  }, SLOW);

  it('warns on stderr and leaves the runs RUNNING when process.exit() cuts the queue short', async () => {
    const root = await freshStorePath();
    const result = await runScript(`${START}\nprocess.exit(0);`, root);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('mlruns: the process exited before its runs were ended (still RUNNING:');
    expect(result.stderr).toContain('Call `await endRun()` or `await flush()` before process.exit()');
    expect(await statuses(root, result.stdout)).toEqual(['RUNNING', 'RUNNING']);
  }, SLOW);

  it('keeps everything when the script flushes before process.exit()', async () => {
    const root = await freshStorePath();
    const result = await runScript(`${START}\nawait mlruns.endRun();\nawait mlruns.endRun();\nprocess.exit(0);`, root);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(await statuses(root, result.stdout)).toEqual(['FINISHED', 'FINISHED']);
    expect(await pointsOnDisk(root, result.stdout)).toBe(5000);
  }, SLOW);
});

// Windows has no signals to send to oneself: process.kill ends the process at once there.
describe.skipIf(process.platform === 'win32')('a process ended by a signal', () => {
    it('ends every run KILLED with every queued point on disk on Ctrl-C, then dies of SIGINT', async () => {
      const root = await freshStorePath();
      // The script keeps running after the signal, as a training loop would, until it is ended.
      const result = await runScript(`${START}\nprocess.kill(process.pid, 'SIGINT');\nsetInterval(() => mlruns.logMetric('after', 1), 5);`, root);
      expect(result).toMatchObject({ code: null, signal: 'SIGINT' });
      expect(result.stderr).toBe('\nmlruns: SIGINT received: writing what is queued and ending 2 runs KILLED (a second signal quits at once)\n');
      expect(await statuses(root, result.stdout)).toEqual(['KILLED', 'KILLED']);
      expect(await pointsOnDisk(root, result.stdout)).toBe(5000);
    }, SLOW);

    it('ends every run KILLED on SIGTERM, then dies of SIGTERM', async () => {
      const root = await freshStorePath();
      const result = await runScript(`${START}\nprocess.kill(process.pid, 'SIGTERM');\nsetInterval(() => {}, 1000);`, root);
      expect(result).toMatchObject({ code: null, signal: 'SIGTERM' });
      expect(await statuses(root, result.stdout)).toEqual(['KILLED', 'KILLED']);
      expect(await pointsOnDisk(root, result.stdout)).toBe(5000);
    }, SLOW);

    it('leaves the decision to a program that handles SIGINT itself', async () => {
      const root = await freshStorePath();
      const script = `process.on('SIGINT', () => console.error('handled: SIGINT'));\n${START}\nprocess.kill(process.pid, 'SIGINT');\nawait new Promise((resolve) => setTimeout(resolve, 200));`;
      const result = await runScript(script, root);
      expect(result).toMatchObject({ code: 0, signal: null, stderr: 'handled: SIGINT\n' });
      expect(await statuses(root, result.stdout)).toEqual(['FINISHED', 'FINISHED']);
    }, SLOW);

    it('dies of a signal at once, saying nothing, when no run is active and nothing is queued', async () => {
      const root = await freshStorePath();
      const script = `mlruns.setTrackingUri(storeRoot);\nconst run = await mlruns.startRun();\nawait mlruns.endRun();\nprocess.kill(process.pid, 'SIGTERM');\nsetInterval(() => {}, 1000);`;
      const result = await runScript(script, root);
      expect(result).toMatchObject({ code: null, signal: 'SIGTERM', stderr: '' });
    }, SLOW);

  it('lets an endRun under way end its run as asked, and ends the other runs KILLED', async () => {
    const root = await freshStorePath();
    const result = await runScript(`${START}\nvoid mlruns.endRun();\nprocess.kill(process.pid, 'SIGINT');\nsetInterval(() => {}, 1000);`, root);
    expect(result).toMatchObject({ code: null, signal: 'SIGINT' });
    expect(await statuses(root, result.stdout)).toEqual(['KILLED', 'FINISHED']);
    expect(await pointsOnDisk(root, result.stdout)).toBe(5000);
  }, SLOW);

  it('ends KILLED a run whose startRun was under way when the signal came', async () => {
    const root = await freshStorePath();
    const result = await runScript(`${START}\nvoid mlruns.startRun({ runName: 'third', nested: true });\nprocess.kill(process.pid, 'SIGTERM');\nsetInterval(() => {}, 1000);`, root);
    expect(result).toMatchObject({ code: null, signal: 'SIGTERM' });
    const third = await new MlflowClient(root).searchRuns(['0'], "attributes.run_name = 'third'");
    expect(third.runs.map((run) => run.info.status)).toEqual(['KILLED']);
    expect(await statuses(root, result.stdout)).toEqual(['KILLED', 'KILLED']);
  }, SLOW);

  it('ends every run KILLED on SIGHUP, silently (the terminal is gone), then dies of SIGHUP', async () => {
    const root = await freshStorePath();
    const result = await runScript(`${START}\nprocess.kill(process.pid, 'SIGHUP');\nsetInterval(() => {}, 1000);`, root);
    expect(result).toMatchObject({ code: null, signal: 'SIGHUP', stderr: '' });
    expect(await statuses(root, result.stdout)).toEqual(['KILLED', 'KILLED']);
  }, SLOW);

  it('leaves the decision to a program that handles SIGINT once, with process.once, before its first run', async () => {
    const root = await freshStorePath();
    const script = `process.once('SIGINT', () => console.error('stopping gracefully'));\n${START}\nprocess.kill(process.pid, 'SIGINT');\nawait new Promise((resolve) => setTimeout(resolve, 200));\nconsole.error('done');`;
    const result = await runScript(script, root);
    expect(result).toMatchObject({ code: 0, signal: null, stderr: 'stopping gracefully\ndone\n' });
    expect(await statuses(root, result.stdout)).toEqual(['FINISHED', 'FINISHED']);
  }, SLOW);

  it("ends the runs FINISHED and then dies of the signal when it comes while the script's end is being written", async () => {
    const root = await freshStorePath();
    // The signal is sent from 'beforeExit', the moment the end-of-script flush begins.
    const script = `${START}\nprocess.once('beforeExit', () => setImmediate(() => process.kill(process.pid, 'SIGTERM')));`;
    const result = await runScript(script, root);
    expect(result).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(await statuses(root, result.stdout)).toEqual(['FINISHED', 'FINISHED']);
    expect(await pointsOnDisk(root, result.stdout)).toBe(5000);
  }, SLOW);

  it('starts no run after the signal, so none is left RUNNING by a loop that goes on starting them', async () => {
    const root = await freshStorePath();
    const loop = "for (let i = 0; i < 1000; i++) { await mlruns.startRun({ runName: `late-${i}`, nested: true }); mlruns.logMetric('x', i); await mlruns.endRun(); }";
    const result = await runScript(`${START}\nprocess.kill(process.pid, 'SIGINT');\n${loop}`, root);
    expect(result).toMatchObject({ code: null, signal: 'SIGINT' });
    const runs = (await new MlflowClient(root).searchRuns(['0'])).runs;
    expect(runs.filter((run) => run.info.status === 'RUNNING')).toEqual([]);
    expect(runs.length).toBeLessThan(5);
  }, SLOW);

  it('ends the runs KILLED while the program goes on logging without a pause', async () => {
    const root = await freshStorePath();
    const spin = "for (;;) { mlruns.logMetric('spin', 1); await new Promise((resolve) => setImmediate(resolve)); }";
    const result = await runScript(`${START}\nprocess.kill(process.pid, 'SIGTERM');\n${spin}`, root);
    expect(result).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(await statuses(root, result.stdout)).toEqual(['KILLED', 'KILLED']);
    expect(await pointsOnDisk(root, result.stdout)).toBe(5000);
  }, SLOW);
});
