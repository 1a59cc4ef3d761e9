/**
 * The committed fixtures, read by our client, against what Python MLflow read from the same
 * bytes when the fixture was made (the `mlflowReads` goldens in fixtures/<name>.fixture.json).
 * No Python needed.
 */
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { type FixtureName, copyFixture, fixtureInfo } from '../helpers/fixtures.js';
import type { MlflowVersion, StoreDump } from '../helpers/mlflow.js';
import { diffDumps, report } from './compare.js';
import { dumpWithClient } from './our-dump.js';

describe.each(['mlflow-3', 'mlflow-2'] as const)('fixture %s (the rich scenario, written by MLflow)', (name: FixtureName) => {
  it.each(['3', '2'] as const)('is read by our client exactly as MLflow %s read it', async (version: MlflowVersion) => {
    const info = fixtureInfo(name);
    const golden = info.mlflowReads[version] as StoreDump;
    const ours = await dumpWithClient(new MlflowClient(await copyFixture(name)));
    expect(report(diffDumps(golden, ours, info.ids, [`MLflow ${version}`, 'ours']))).toBe('');
  });
});

describe('fixture legacy (old formats, Windows, MLflow 3 folders)', () => {
  /**
   * MLflow 3 cannot load 0.x runs (no run_id) and MLflow 2 cannot load MLflow 3 model inputs;
   * each experiment is compared with a version that could read it. MLflow 2 reports a run with
   * no name at all as None, where our entity has ''.
   */
  function golden(): StoreDump {
    const info = fixtureInfo('legacy');
    const [v3, v2] = [info.mlflowReads['3'], info.mlflowReads['2']] as [StoreDump, StoreDump];
    const experiments = v3.experiments.map((e) => {
      if (e.runsError === undefined) return e;
      const fallback = v2.experiments.find((x) => x.experimentId === e.experimentId && x.runsError === undefined);
      if (fallback === undefined) throw new Error(`neither MLflow version read experiment ${e.experimentId}`);
      return { ...fallback, runs: fallback.runs.map((r) => ({ ...r, info: { ...r.info, runName: r.info.runName ?? '' } })) };
    });
    return { experiments };
  }

  /** The two places where we read this fixture differently on purpose (docs/compat.md). */
  const DOCUMENTED_DEVIATIONS = [
    // MLflow 3 reads the step of a 5-field (dataset) metric line as 0; we read the step logged.
    /\["metricHistory"\]\["accuracy"\]\[0\]\["step"\]: MLflow 0, ours 1$/,
    // MLflow 1.27 moved deleted experiments to .trash without marking them; we call them deleted.
    /^experiment trashed \(4\)\["lifecycleStage"\]: MLflow "active", ours "deleted"$/,
  ];

  it('is read by our client as MLflow read each experiment, 0.x runs included', async () => {
    const ours = await dumpWithClient(new MlflowClient(await copyFixture('legacy')));
    const differences = diffDumps(golden(), ours, fixtureInfo('legacy').ids, ['MLflow', 'ours']);
    const unexpected = differences.filter((d) => !DOCUMENTED_DEVIATIONS.some((pattern) => pattern.test(d)));
    expect(report(unexpected)).toBe('');
    expect(differences).toHaveLength(DOCUMENTED_DEVIATIONS.length);
  });

  it('reads the step of a metric line logged with a dataset, which MLflow 3 reads as 0', async () => {
    const client = new MlflowClient(await copyFixture('legacy'));
    const runId = fixtureInfo('legacy').ids.extras_train as string;
    expect(await client.getMetricHistory(runId, 'accuracy')).toEqual([
      { key: 'accuracy', value: 0.95, timestamp: 1714000001000, step: 1, datasetName: 'iris', datasetDigest: '3a5b1c2d' },
    ]);
  });

  it('reports an experiment found in .trash as deleted even when an old MLflow left its meta.yaml active', async () => {
    const client = new MlflowClient(await copyFixture('legacy'));
    expect(await client.getExperiment('4')).toMatchObject({ name: 'deleted in 1.27', lifecycleStage: 'deleted' });
    expect((await client.searchExperiments({ viewType: 'DELETED_ONLY' })).experiments.map((e) => e.experimentId)).toContain('4');
  });
});

describe('fixture damaged (empty and missing meta.yaml, stray folders and files)', () => {
  it('lists the healthy experiment and its readable runs and skips every damaged one', async () => {
    const { ids } = fixtureInfo('damaged');
    const dump = await dumpWithClient(new MlflowClient(await copyFixture('damaged')));
    expect(dump.experiments.map((e) => e.experimentId)).toEqual(['0', ids.healthy]);
    const runs = new Map(dump.experiments[1]?.runs.map((r) => [r.info.runId, r]));
    expect(runs.has(ids.good as string)).toBe(true);
    // The run with a .DS_Store in tags/ may be skipped, or kept without the stray file; the
    // runs with an empty or missing meta.yaml are never listed.
    expect([...runs.keys()].filter((id) => id !== ids.good && id !== ids.ds_store)).toEqual([]);
    expect(runs.get(ids.ds_store as string)?.data.tags['.DS_Store']).toBeUndefined();
  });

  it('explains every skipped path with a warning', async () => {
    const { ids } = fixtureInfo('damaged');
    const root = await copyFixture('damaged');
    const client = new MlflowClient(root);
    await dumpWithClient(client);
    const warned = new Set(client.warnings.map((w) => relative(root, w.path).split('\\').join('/')));
    const damaged = [
      '.git',
      '.ipynb_checkpoints',
      `${ids.empty_meta_exp}/meta.yaml`,
      `${ids.missing_meta_exp}`,
      `${ids.mismatched_exp}/meta.yaml`,
      `${ids.healthy}/${ids.empty_meta}/meta.yaml`,
      `${ids.healthy}/${ids.ds_store}/tags/.DS_Store`,
    ];
    const unexplained = damaged.filter((path) => ![...warned].some((w) => w === path || w.startsWith(`${path}/`) || path.startsWith(`${w}/`)));
    expect(unexplained, `warnings: ${[...warned].join(', ')}`).toEqual([]);
  });
});
