import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

const run = promisify(execFile);
const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');

describe('the models demo', () => {
  it('tracks six forests and a network, registers the best forest as champion, and serves it', { timeout: 120_000 }, async () => {
    const store = await freshStorePath();
    const { stdout } = await run(tsx, ['examples/models.ts'], { env: { ...process.env, MLFLOW_TRACKING_URI: store } });
    expect(stdout).toContain('models:/iris-classifier@champion predicts exactly as the forest that was trained.');

    const client = new MlflowClient(store);
    const experiment = (await client.getExperimentByName('iris-models'))!;
    const { runs } = await client.searchRuns([experiment.experimentId], "tags.demo = 'models'");
    expect(runs.map((r) => r.data.tags.kind).sort()).toEqual(['forest', 'forest', 'forest', 'forest', 'forest', 'forest', 'network']);
    expect(runs.every((r) => r.info.status === 'FINISHED')).toBe(true);

    const network = runs.find((r) => r.data.tags.kind === 'network')!;
    expect((await client.getMetricHistory(network.info.runId, 'loss')).map((m) => m.step)).toEqual([...Array(25).keys()]);

    const champion = await client.registry.getModelVersionByAlias('iris-classifier', 'champion');
    expect(champion).toMatchObject({ version: '1', currentStage: 'Production', tags: { selected_by: 'test_accuracy' } });
    expect(stdout).toContain(`from run ${champion.runId}`);
  });
});
