/**
 * Compatibility check 1 (issue 2): our writer produces the rich store; Python MLflow 3 and 2
 * read it, and every field they return equals what we logged and what our reader returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { MLFLOW_VERSIONS, type MlflowVersion, type StoreDump, dumpWithMlflow } from '../helpers/mlflow.js';
import { loadScenario } from '../helpers/scenario.js';
import { diffDumps, report } from './compare.js';
import { checkAgainstScenario, expectedState } from './expected-state.js';
import { dumpWithClient } from './our-dump.js';
import { type BuiltStore, memoize, removeStores, storeWrittenByUs } from './stores.js';

const scenario = loadScenario('rich');
const SLOW = 120_000;

describe('a rich store written by our client', () => {
  let store: BuiltStore;
  let ours: StoreDump;
  const mlflowDump = memoize((version: MlflowVersion) => dumpWithMlflow(store.root, version));

  beforeAll(async () => {
    store = await storeWrittenByUs(scenario);
    ours = await dumpWithClient(new MlflowClient(store.root));
  });
  afterAll(removeStores);

  it('is read back by our own client with every field the scenario logged', () => {
    expect(report(checkAgainstScenario(ours, expectedState(scenario), store.ids))).toBe('');
  });

  it.each(MLFLOW_VERSIONS)('is read by MLflow %s with every field the scenario logged', async (version) => {
    const dump = await mlflowDump(version);
    expect(report(checkAgainstScenario(dump, expectedState(scenario), store.ids))).toBe('');
  }, SLOW);

  it.each(MLFLOW_VERSIONS)('is read by MLflow %s exactly as our client reads it, field by field', async (version) => {
    const dump = await mlflowDump(version);
    expect(report(diffDumps(dump, ours, store.ids, [`MLflow ${version}`, 'ours']))).toBe('');
  }, SLOW);
});
