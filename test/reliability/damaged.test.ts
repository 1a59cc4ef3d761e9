import { beforeAll, describe, expect, it } from 'vitest';
import { runDamaged, type DamagedResult } from '../../stress/scenarios/damaged.js';
import { tempDir } from '../helpers/tmp.js';
import { stressSeed } from './seed.js';

const seed = stressSeed();

describe(`every fixture store, damaged 10 ways each (seed ${seed})`, () => {
  let result: DamagedResult;

  beforeAll(async () => {
    result = await runDamaged({ seed, perFixture: 10 }, await tempDir('mlruns-damaged-'));
  });

  it('keeps listing and searching, reads what is not damaged as before, and names every damage with a warning and in doctor', () => {
    expect(result.problems).toEqual([]);
  });

  it('read 50 damaged copies', () => {
    expect(result.stores).toBe(50);
  });
});
