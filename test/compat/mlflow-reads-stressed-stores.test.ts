import { describe, expect, it } from 'vitest';
import { pythonReadProblems } from '../../stress/lib/python-check.js';
import { runCrashes } from '../../stress/scenarios/crash.js';
import { runWriters } from '../../stress/scenarios/writers.js';
import { tempDir } from '../helpers/tmp.js';
import { stressSeed } from '../reliability/seed.js';

const seed = stressSeed();

describe(`Python MLflow 3 reading stores the stress harness wrote (seed ${seed})`, () => {
  it('reads the store four processes wrote at once: the same experiments, runs and metric line counts', async () => {
    const result = await runWriters({ writers: 4, readers: 0, points: 400, seed, deadlineMs: 120_000 }, await tempDir('mlruns-compat-writers-'));
    expect(result.problems).toEqual([]);
    expect(await pythonReadProblems(result.root)).toEqual([]);
  }, 180_000);

  it('reads a store whose writer was killed six times, leftovers and all', async () => {
    const result = await runCrashes({ chains: 1, killsPerChain: 6, parallel: 1, seed, maxDelayMs: 300, log: () => undefined }, await tempDir('mlruns-compat-crash-'));
    expect(result.problems).toEqual([]);
    expect(await pythonReadProblems(result.roots[0]!)).toEqual([]);
  }, 180_000);
});
