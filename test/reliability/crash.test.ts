import { beforeAll, describe, expect, it } from 'vitest';
import { runCrashes, type CrashResult } from '../../stress/scenarios/crash.js';
import { tempDir } from '../helpers/tmp.js';
import { stressSeed } from './seed.js';

const seed = stressSeed();

describe(`a writer killed with SIGKILL at random moments, 18 times over 3 stores (seed ${seed})`, () => {
  let result: CrashResult;

  beforeAll(async () => {
    result = await runCrashes({ chains: 3, killsPerChain: 6, parallel: 2, seed, maxDelayMs: 300, log: () => undefined }, await tempDir('mlruns-crash-'));
  });

  it('was killed every time while it was working', () => {
    expect(result.kills).toBe(18);
    expect(result.acknowledged).toBeGreaterThan(18);
  });

  it('leaves a store that opens and lists, with whole meta.yaml files and everything acknowledged, after every kill', () => {
    expect(result.problems).toEqual([]);
    expect(result.survived).toBe(18);
  });

  it('loses no acknowledged metric line and duplicates none', () => {
    expect(result.lines.acknowledged).toBeGreaterThan(0);
    expect([result.lines.lost, result.lines.duplicated, result.lines.unexpected]).toEqual([0, 0, 0]);
  });
});
