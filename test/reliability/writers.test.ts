import { beforeAll, describe, expect, it } from 'vitest';
import { runWriters, type WritersResult } from '../../stress/scenarios/writers.js';
import { tempDir } from '../helpers/tmp.js';
import { stressSeed } from './seed.js';

const seed = stressSeed();

describe(`eight processes writing one store at once while two search it (seed ${seed})`, () => {
  let result: WritersResult;

  beforeAll(async () => {
    result = await runWriters({ writers: 8, readers: 2, points: 1500, seed, deadlineMs: 120_000 }, await tempDir('mlruns-writers-'));
  });

  it('keeps every acknowledged metric line exactly once, and no other', () => {
    expect(result.lines).toEqual({ acknowledged: 8 * 1500, lost: 0, duplicated: 0, unexpected: 0 });
  });

  it('ends with one experiment and one registered model of the raced names, each made by one writer', () => {
    expect([result.experimentsNamed, result.experimentsCreated, result.modelsNamed, result.modelsCreated]).toEqual([1, 1, 1, 1]);
  });

  it('lets exactly one writer set the param that all of them set to different values', () => {
    expect(result.paramWinners).toBe(1);
  });

  it('lets the readers search throughout, with no error, no warning and no half-written meta.yaml', () => {
    expect(result.readerSearches).toBeGreaterThan(0);
    expect(result.problems.filter((p) => p.startsWith('a reader'))).toEqual([]);
  });

  it('leaves every tag, run name and meta.yaml as the writers were told', () => {
    expect(result.problems).toEqual([]);
  });
});
