import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { mlruns } from '../helpers/cli.js';
import { MLFLOW_VERSIONS, runMlflow } from '../helpers/mlflow.js';
import { tempDir } from '../helpers/tmp.js';

interface MlflowArtifacts {
  runs: Record<string, { listings: Record<string, [string, boolean, number | null][]> }>;
}

describe.each(MLFLOW_VERSIONS)('MLflow %s after mlruns doctor --fix', (version) => {
  it('lists the artifacts of a store that was moved, which it could not before', async () => {
    const base = await tempDir('mlruns-moved-');
    const client = new MlflowClient(join(base, 'before', 'mlruns'));
    const { info } = await client.createRun(await client.createExperiment('moved'));
    await client.logText(info.runId, 'hello', 'notes/readme.txt');
    await rename(join(base, 'before'), join(base, 'after'));
    const root = join(base, 'after', 'mlruns');
    const listing = async () => ((await runMlflow(version, 'read_artifacts.py', [root, info.runId])) as MlflowArtifacts).runs[info.runId]!.listings;
    // Before: MLflow 3 lists nothing, MLflow 2 fails to download from the old location.
    const before = await listing().catch(() => undefined);
    expect(before?.[''] ?? []).toEqual([]);
    expect((await mlruns(['--root', root, 'doctor', '--fix'])).code).toBe(0);
    const after = await listing();
    expect(after['']).toEqual([['notes', true, null]]);
    expect(after.notes).toEqual([['notes/readme.txt', false, 5]]);
  });
});
