import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/entities/index.js';
import { matchesRun, parseRunFilter, searchRuns } from '../../src/search/index.js';
import { makeRun, runIds } from '../helpers/entities.js';

/** Ids of the runs matching `filter`, in MLflow's default order (start_time DESC, run_id). */
function matching(runs: readonly Run[], filter: string): string[] {
  return runIds(searchRuns(runs, { filter }).runs);
}

describe('tag filters (spec case 54)', () => {
  const runs = [
    makeRun({ runId: 'r1', startTime: 2, tags: { generic_2: 'some value' }, params: { p_b: 'ABC' } }),
    makeRun({ runId: 'r2', startTime: 1, tags: { generic_2: 'another value' }, params: { p_b: 'abc' } }),
  ];

  it('matches a tag by equality', () => {
    expect(matching(runs, "tags.generic_2 = 'some value'")).toEqual(['r1']);
  });

  it('matches every run whose tag differs from a value', () => {
    expect(matching(runs, "tags.generic_2 != 'wrong_val'")).toEqual(['r1', 'r2']);
  });

  it('matches a substring with LIKE and % on both sides', () => {
    expect(matching(runs, "tags.generic_2 LIKE '%other%'")).toEqual(['r2']);
  });

  it.each(["tags.generic_2 LIKE 'other%'", "tags.generic_2 LIKE '%other'"])('anchors LIKE at the ends without %% (%s)', (filter) => {
    expect(matching(runs, filter)).toEqual([]);
  });

  it('ignores case with ILIKE', () => {
    expect(matching(runs, "tags.generic_2 ILIKE '%OTHER%'")).toEqual(['r2']);
  });

  it('compares params case-sensitively with =', () => {
    expect(matching(runs, "params.p_b = 'ABC'")).toEqual(['r1']);
  });
});

describe('run names (spec case 57)', () => {
  const runs = [
    makeRun({ runId: 'a', runName: 'run_name1', startTime: 2, tags: { 'mlflow.runName': 'run_name1' } }),
    makeRun({ runId: 'b', runName: 'run_name2', startTime: 1, tags: { 'mlflow.runName': 'run_name2' } }),
  ];

  it('matches the run_name attribute', () => {
    expect(matching(runs, "attributes.run_name = 'run_name1'")).toEqual(['a']);
  });

  it('matches the mlflow.runName tag in backticks', () => {
    expect(matching(runs, "tags.`mlflow.runName` = 'run_name2'")).toEqual(['b']);
  });

  it.each(['attributes.`run name`', 'attributes.`Run name`', 'attributes.`Run Name`'])('matches through the alias %s', (alias) => {
    expect(matching(runs, `${alias} = 'run_name2'`)).toEqual(['b']);
  });
});

describe('run ids (spec case 58)', () => {
  const runs = [makeRun({ runId: 'run1', runName: 'one', startTime: 1 }), makeRun({ runId: 'run2', runName: 'two', startTime: 2 })];

  it('matches one id with =', () => {
    expect(matching(runs, "attributes.run_id = 'run1'")).toEqual(['run1']);
  });

  it('excludes one id with !=', () => {
    expect(matching(runs, "attributes.run_id != 'run1'")).toEqual(['run2']);
  });

  it('returns ids matched by IN in the default order, not the list order', () => {
    expect(matching(runs, "attributes.run_id IN ('run1', 'run2')")).toEqual(['run2', 'run1']);
  });

  it('combines a run name and an IN list', () => {
    expect(matching(runs, "run_name = 'two' AND run_id IN ('run1','run2')")).toEqual(['run2']);
  });

  it('matches nothing with NOT IN of every id', () => {
    expect(matching(runs, "attributes.run_id NOT IN ('run1', 'run2')")).toEqual([]);
  });

  it('keeps IN-list items that contain capital letters', () => {
    const upper = [makeRun({ runId: 'ABC' }), makeRun({ runId: '123' })];
    expect(matching(upper, "run_id IN ('ABC', '123')")).toEqual(['123', 'ABC']);
  });

  it('matches no run with = against a list, as MLflow compares a string with a tuple', () => {
    expect(matching(runs, "run_id = ('run1')")).toEqual([]);
  });

  it('matches every run with != against a list', () => {
    expect(matching(runs, "run_id != ('run1')")).toEqual(['run2', 'run1']);
  });
});

describe('start time aliases (spec case 59)', () => {
  const runs = [makeRun({ runId: 'a', startTime: 1 }), makeRun({ runId: 'b', startTime: 2 })];

  it('filters on created', () => {
    expect(matching(runs, 'attributes.created > 1')).toEqual(['b']);
  });

  it('filters on Created', () => {
    expect(matching(runs, 'attributes.Created > 2')).toEqual([]);
  });
});

describe('dataset filters (spec case 60)', () => {
  const runs = [
    makeRun({ runId: 'r1', startTime: 3, datasets: [{ name: 'name1', digest: 'digest1', context: 'train' }] }),
    makeRun({
      runId: 'r2',
      startTime: 2,
      datasets: [
        { name: 'name1', digest: 'digest1', context: 'train' },
        { name: 'name2', digest: 'digest2', context: 'test' },
      ],
    }),
    makeRun({ runId: 'r3', startTime: 1, datasets: [{ name: 'name3', digest: 'digest3' }] }),
    makeRun({ runId: 'r4', startTime: 0 }),
  ];

  it.each([
    ["dataset.name = 'name1'", ['r1', 'r2']],
    ["dataset.digest = 'digest2'", ['r2']],
    ["dataset.context = 'train'", ['r1', 'r2']],
    ["dataset.context = 'test' AND dataset.name = 'name2'", ['r2']],
    ["dataset.name = 'name2' AND dataset.context = 'test'", ['r2']],
    ["datasets.name IN ('name1', 'name2')", ['r1', 'r2']],
    ["datasets.digest IN ('digest1', 'digest3')", ['r1', 'r2', 'r3']],
    ["datasets.name LIKE 'Name%'", []],
    ["datasets.name ILIKE 'Name%'", ['r1', 'r2', 'r3']],
    ["datasets.context ILIKE 'test%'", ['r2']],
    ["datasets.context IN ('test', 'train')", ['r1', 'r2']],
  ])('%s matches %j', (filter, expected) => {
    expect(matching(runs, filter)).toEqual(expected);
  });

  it('lets each dataset clause be satisfied by a different input of the run', () => {
    expect(matching(runs, "dataset.name = 'name1' AND dataset.context = 'test'")).toEqual(['r2']);
  });

  it('holds a NOT IN clause if any input is outside the list', () => {
    expect(matching(runs, "datasets.context NOT IN ('train')")).toEqual(['r2']);
  });

  it('never matches a run without dataset inputs, even with !=', () => {
    expect(matching(runs, "datasets.name != 'x'")).toEqual(['r1', 'r2', 'r3']);
  });
});

describe('the filtering table (spec case 65)', () => {
  const runs = [
    makeRun({ runId: '0', startTime: 2, status: 'FAILED', metrics: { key1: 121 }, params: { my_param: 'A' } }),
    makeRun({ runId: '1', startTime: 1, status: 'FINISHED', metrics: { key1: 123 }, params: { my_param: 'A' }, tags: { tag1: 'C' } }),
    makeRun({ runId: '2', startTime: 0, status: 'FAILED', metrics: { key1: 125 }, params: { my_param: 'B' }, tags: { tag1: 'D' } }),
  ];

  it.each([
    ["attributes.status = 'FAILED'", ['0', '2']],
    ['metrics.key1 = 123', ['1']],
    ['metrics.key1 != 123', ['0', '2']],
    ['metrics.key1 >= 123', ['1', '2']],
    ["params.my_param = 'A'", ['0', '1']],
    ["tags.tag1 = 'D'", ['2']],
    ["tags.tag1 != 'D'", ['1']],
    ["metrics.key1 > 121 AND params.my_param = 'A'", ['1']],
    ["datasets.name = 'name1' AND datasets.digest = 'digest2'", []],
  ])('%s matches %j', (filter, expected) => {
    expect(matching(runs, filter)).toEqual(expected);
  });
});

describe('missing values', () => {
  const run = makeRun({ metrics: {}, params: {}, tags: {}, endTime: null });

  it.each(['metrics.m = 1', 'metrics.m != 1', "params.p != 'x'", "tags.t != 'x'", "params.p LIKE '%'", 'end_time != 5', 'end_time < 5'])(
    'make %s false',
    (filter) => {
      expect(matchesRun(run, parseRunFilter(filter))).toBe(false);
    },
  );

  it('do not hide a value that exists but is empty', () => {
    expect(matchesRun(makeRun({ params: { p: '' } }), parseRunFilter("params.p = ''"))).toBe(true);
  });

  it('ignore keys inherited from Object.prototype', () => {
    expect(matchesRun(run, parseRunFilter('tags.constructor IS NULL'))).toBe(true);
  });
});

describe('IS NULL and IS NOT NULL (spec case 72)', () => {
  const runs = [
    makeRun({ runId: 'a', startTime: 3, tags: { env: 'prod' }, params: { lr: '0.1' } }),
    makeRun({ runId: 'b', startTime: 2, tags: { env: 'dev' } }),
    makeRun({ runId: 'c', startTime: 1, params: { lr: '0.2' } }),
  ];

  it('selects the runs that have a tag', () => {
    expect(matching(runs, 'tags.env IS NOT NULL')).toEqual(['a', 'b']);
  });

  it('selects the runs that lack a tag', () => {
    expect(matching(runs, 'tags.env IS NULL')).toEqual(['c']);
  });

  it('selects the runs that have a param', () => {
    expect(matching(runs, 'params.lr IS NOT NULL')).toEqual(['a', 'c']);
  });

  it('selects the runs that lack a param', () => {
    expect(matching(runs, 'params.lr IS NULL')).toEqual(['b']);
  });
});

describe('NaN and infinities', () => {
  const nan = makeRun({ metrics: { m: Number.NaN } });

  it.each(['=', '>', '>=', '<', '<='])('make a NaN metric fail %s', (op) => {
    expect(matchesRun(nan, parseRunFilter(`metrics.m ${op} 0`))).toBe(false);
  });

  it('make a NaN metric pass !=', () => {
    expect(matchesRun(nan, parseRunFilter('metrics.m != 0'))).toBe(true);
  });

  it('compare infinity as larger than any number', () => {
    expect(matchesRun(makeRun({ metrics: { m: Number.POSITIVE_INFINITY } }), parseRunFilter('metrics.m > 1e308'))).toBe(true);
  });

  it('equate an overflowing literal with infinity, as Python float() does', () => {
    expect(matchesRun(makeRun({ metrics: { m: Number.NEGATIVE_INFINITY } }), parseRunFilter('metrics.m = -1e400'))).toBe(true);
  });
});

describe('time comparisons', () => {
  it('compares integer literals beyond 2^53 exactly', () => {
    const run = makeRun({ startTime: 9007199254740992 });
    expect(matchesRun(run, parseRunFilter('start_time < 9007199254740993'))).toBe(true);
  });

  it('compares with a float literal', () => {
    expect(matchesRun(makeRun({ startTime: 2 }), parseRunFilter('start_time > 1.5'))).toBe(true);
  });
});

describe('LIKE and ILIKE in filters', () => {
  const run = makeRun({ params: { text: 'first\nsecond', path: 'a\\b', op: 'C+W (x)', tail: 'x\n' } });
  const holds = (filter: string) => matchesRun(run, parseRunFilter(filter));

  it('treats regex metacharacters literally', () => {
    expect(holds("params.op LIKE 'C+W (x)'")).toBe(true);
    expect(holds("params.op LIKE 'C+%'")).toBe(true);
  });

  it('has no escape character: a backslash is literal', () => {
    expect(holds(String.raw`params.path LIKE 'a\b'`)).toBe(true);
  });

  it('does not let % match a newline, as in Python', () => {
    expect(holds("params.text LIKE '%second'")).toBe(false);
  });

  it('lets the end anchor match before a final newline, as in Python', () => {
    expect(holds("params.tail LIKE 'x'")).toBe(true);
  });
});
