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

  it('is read by our client as MLflow read each experiment, 0.x runs included', async () => {
    const ours = await dumpWithClient(new MlflowClient(await copyFixture('legacy')));
    expect(report(diffDumps(golden(), ours, fixtureInfo('legacy').ids, ['MLflow', 'ours']))).toBe('');
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
