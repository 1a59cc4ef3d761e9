import { mkdir, readFile, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { tempDir } from '../helpers/tmp.js';

/** A store with one run, and a folder `outside` next to it holding `secret.txt`. */
async function storeWithRun(): Promise<{ client: MlflowClient; runId: string; runDir: string; experimentId: string; outside: string }> {
  const dir = await tempDir();
  const outside = join(dir, 'outside');
  await mkdir(outside);
  await writeFile(join(outside, 'secret.txt'), 'keep\n');
  const client = new MlflowClient(join(dir, 'mlruns'));
  const experimentId = await client.createExperiment('links');
  const runId = (await client.createRun(experimentId)).info.runId;
  return { client, runId, runDir: join(client.root, experimentId, runId), experimentId, outside };
}

const refused = { errorCode: 'INVALID_STATE', message: expect.stringContaining('is a symbolic link') };

describe('writing into a store that holds symbolic links pointing outside it', () => {
  it('refuses to append a metric through a metric file that is a link, and leaves its target alone', async () => {
    const { client, runId, runDir, outside } = await storeWithRun();
    await symlink(join(outside, 'secret.txt'), join(runDir, 'metrics', 'loss'));
    await expect(client.logMetric(runId, 'loss', 1)).rejects.toMatchObject(refused);
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('keep\n');
  });

  it("refuses to write a param into a run's params folder that is a link", async () => {
    const { client, runId, runDir, outside } = await storeWithRun();
    await rm(join(runDir, 'params'), { recursive: true });
    await symlink(outside, join(runDir, 'params'));
    await expect(client.logParam(runId, 'lr', 0.1)).rejects.toMatchObject(refused);
    expect(await readdir(outside)).toEqual(['secret.txt']);
  });

  it('refuses to change a run whose folder is a link, but still reads it', async () => {
    const { client, runId, runDir, outside } = await storeWithRun();
    await rename(runDir, join(outside, 'run'));
    await symlink(join(outside, 'run'), runDir);
    await expect(client.setTag(runId, 'k', 'v')).rejects.toMatchObject(refused);
    await expect(client.deleteRun(runId)).rejects.toMatchObject(refused);
    expect((await client.getRun(runId)).info.lifecycleStage).toBe('active');
  });

  it('refuses to move an experiment into a .trash folder that is a link', async () => {
    const { client, experimentId, outside } = await storeWithRun();
    await rm(join(client.root, '.trash'), { recursive: true });
    await symlink(outside, join(client.root, '.trash'));
    await expect(client.deleteExperiment(experimentId)).rejects.toMatchObject(refused);
    expect(await readdir(outside)).toEqual(['secret.txt']);
  });

  it("refuses to write an artifact through a run's artifacts folder that is a link", async () => {
    const { client, runId, runDir, outside } = await storeWithRun();
    await rm(join(runDir, 'artifacts'), { recursive: true });
    await symlink(outside, join(runDir, 'artifacts'));
    await expect(client.logText(runId, 'x', 'notes.txt')).rejects.toMatchObject(refused);
    expect(await readdir(outside)).toEqual(['secret.txt']);
  });

  it("refuses to set an experiment tag through the experiment's tags folder that is a link", async () => {
    const { client, experimentId, outside } = await storeWithRun();
    await rm(join(client.root, experimentId, 'tags'), { recursive: true, force: true });
    await symlink(outside, join(client.root, experimentId, 'tags'));
    await expect(client.setExperimentTag(experimentId, 'team', 'x')).rejects.toMatchObject(refused);
    expect(await readdir(outside)).toEqual(['secret.txt']);
  });
});
