/**
 * Compatibility check 2 (issue 2): Python MLflow 3 and 2 write the rich store; our reader
 * returns the same value for every field MLflow returns.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { MLFLOW_VERSIONS, type MlflowVersion, type StoreDump, dumpWithMlflow } from '../helpers/mlflow.js';
import { loadScenario } from '../helpers/scenario.js';
import { diffDumps, report } from './compare.js';
import { checkAgainstScenario, expectedState } from './expected-state.js';
import { dumpWithClient } from './our-dump.js';
import { type BuiltStore, memoize, removeStores, storeWrittenByMlflow } from './stores.js';

const scenario = loadScenario('rich');
const SLOW = 120_000;

interface Written {
  store: BuiltStore;
  dump: StoreDump;
}

const writtenBy = memoize(async (version: MlflowVersion): Promise<Written> => {
  const store = await storeWrittenByMlflow(scenario, version);
  return { store, dump: await dumpWithMlflow(store.root, version) };
});

afterAll(removeStores);

describe.each(MLFLOW_VERSIONS)('a rich store written by MLflow %s', (version) => {
  it('holds every field the scenario logged, as MLflow reads it (checks the harness)', async () => {
    const { store, dump } = await writtenBy(version);
    expect(report(checkAgainstScenario(dump, expectedState(scenario), store.ids))).toBe('');
  }, SLOW);

  it('is read by our client exactly as MLflow reads it, field by field', async () => {
    const { store, dump } = await writtenBy(version);
    const ours = await dumpWithClient(new MlflowClient(store.root));
    expect(report(diffDumps(dump, ours, store.ids, [`MLflow ${version}`, 'ours']))).toBe('');
  }, SLOW);
});
