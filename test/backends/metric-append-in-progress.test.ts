import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

/** A run whose metric file `loss` holds one whole line and one without its newline. */
async function runWithCutLine(): Promise<{ client: MlflowClient; runId: string; file: string }> {
  const client = new MlflowClient(await freshStorePath());
  const run = await client.createRun('0');
  const file = join(client.root, '0', run.info.runId, 'metrics', 'loss');
  await writeFile(file, '1700000000000 0.5 0\n1700000000001 0.7');
  return { client, runId: run.info.runId, file };
}

describe('a metric file whose last line has no newline yet', () => {
  it('is read without that line while the file changed in the last two seconds (an append in progress)', async () => {
    const { client, runId } = await runWithCutLine();
    const reader = new MlflowClient(client.root);
    expect((await reader.getRun(runId)).data.metrics.loss).toBe(0.5);
    expect((await reader.getMetricHistory(runId, 'loss')).map((m) => m.value)).toEqual([0.5]);
  });

  it('is read whole when the file is older (a hand-written file without a final newline)', async () => {
    const { client, runId, file } = await runWithCutLine();
    const minuteAgo = new Date(Date.now() - 60_000);
    await utimes(file, minuteAgo, minuteAgo);
    const reader = new MlflowClient(client.root);
    expect((await reader.getRun(runId)).data.metrics.loss).toBe(0.7);
    expect((await reader.getMetricHistory(runId, 'loss')).map((m) => m.value)).toEqual([0.5, 0.7]);
  });

  it('is read when it is the only line, since files are created with their first lines whole', async () => {
    const { client, runId, file } = await runWithCutLine();
    await writeFile(file, '1700000000001 0.7 3');
    expect((await new MlflowClient(client.root).getRun(runId)).data.metrics.loss).toBe(0.7);
  });
});
