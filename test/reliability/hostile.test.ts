import { beforeAll, describe, expect, it } from 'vitest';
import { runHostile, type HostileResult } from '../../stress/scenarios/hostile.js';
import { tempDir } from '../helpers/tmp.js';
import { stressSeed } from './seed.js';

const seed = stressSeed();

describe(`hostile names, paths and planted links (seed ${seed})`, () => {
  let result: HostileResult;

  beforeAll(async () => {
    result = await runHostile({ seed, randomInputs: 10 }, await tempDir('mlruns-hostile-'));
  });

  it('refuses or stores exactly every name, key, value and path, and never throws anything but an MlflowError', () => {
    expect(result.problems.filter((p) => !p.includes('wrote outside'))).toEqual([]);
    expect(result.rejected + result.accepted).toBe(result.calls);
  });

  it('writes nothing outside the store, through a name or through a planted symbolic link', () => {
    expect(result.problems.filter((p) => p.includes('wrote outside'))).toEqual([]);
  });

  it('refuses every write through a planted link; only the removal of a linked tag file, which removes the link itself, goes ahead', () => {
    expect(result.linkRefusals).toBe(result.linkCalls - 1);
  });
});
