import { beforeAll, describe, expect, it } from 'vitest';
import { runFuzz, type FuzzResult } from '../../stress/scenarios/fuzz.js';
import { stressSeed } from './seed.js';

const seed = stressSeed();

describe(`20,000 generated and mutated filter and order_by strings (seed ${seed})`, () => {
  let result: FuzzResult;

  beforeAll(() => {
    result = runFuzz({ inputs: 20_000, seed, limitMs: 100 });
  });

  it('are parsed or rejected with an MlflowError, never another exception, each parse within 100 ms', () => {
    expect(result.problems).toEqual([]);
  });

  it('are mostly rejected, so the error paths are what is exercised', () => {
    expect(result.rejected).toBeGreaterThan(result.inputs / 2);
    expect(result.rejected).toBeLessThan(result.inputs);
  });
});
