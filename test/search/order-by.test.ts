import { describe, expect, it } from 'vitest';
import { parseOrderBy, searchRuns, sortRuns } from '../../src/search/index.js';
import { makeRun, runIds } from '../helpers/entities.js';

describe('order_by parsing', () => {
  it('reads a key with a direction', () => {
    expect(parseOrderBy(['metrics.acc DESC'])).toEqual([{ kind: 'orderBy', target: { kind: 'metric', key: 'acc' }, ascending: false }]);
  });

  it('sorts ascending when no direction is given', () => {
    expect(parseOrderBy(['params.lr'])[0]?.ascending).toBe(true);
  });

  it.each(['asc', 'ASC', 'aSc', 'desc', 'DESC', 'Desc'])('reads the direction %s in any case', (direction) => {
    expect(parseOrderBy([`metrics.acc ${direction}`])[0]?.ascending).toBe(direction.toLowerCase() === 'asc');
  });

  it('accepts several spaces between key and direction', () => {
    expect(parseOrderBy(['tags.tag1    DESC'])[0]).toMatchObject({ target: { key: 'tag1' }, ascending: false });
  });

  it('reads a backticked key with spaces', () => {
    expect(parseOrderBy(['metrics.`Mean Square Error` DESC'])[0]?.target).toEqual({ kind: 'metric', key: 'Mean Square Error' });
  });

  it('reads a double-quoted key', () => {
    expect(parseOrderBy(['metrics."key1"  desc'])[0]?.target).toEqual({ kind: 'metric', key: 'key1' });
  });

  it.each(['created', 'Created'])('resolves the alias %s to start_time', (alias) => {
    expect(parseOrderBy([`attributes.${alias} ASC`])[0]?.target).toEqual({ kind: 'attribute', key: 'start_time' });
  });

  it('reads experiment order_by items', () => {
    expect(parseOrderBy(['attribute.last_update_time DESC'], 'experiment')).toEqual([
      { kind: 'orderBy', target: { kind: 'attribute', key: 'last_update_time' }, ascending: false },
    ]);
  });
});

describe('invalid order_by items (spec case 68)', () => {
  it.each([
    ['m.acc', 'Invalid entity type'],
    ['attri.x', 'Invalid entity type'],
    ['acc', 'Invalid attribute key'],
    ['attribute.start', 'Invalid attribute key'],
    ['attribute.experiment_id', 'Invalid attribute key'],
    ['attributes.`run name`', 'Invalid attribute key'],
    ['attribute.lifecycle_stage', 'Invalid attribute key'],
    ['`metrics.A', 'Invalid order_by clause'],
    ['`metrics.A`', 'Invalid entity type'],
    ['metrics.A != 1', 'Invalid order_by clause'],
    ['params.my_param ', 'Invalid order_by clause'],
    [' params.my_param', 'Invalid order_by clause'],
    ['metrics.acc DESC NULLS LAST', 'Invalid order_by clause'],
    ['metrics.a, metrics.b', 'Invalid order_by clause'],
    ['', 'Invalid order_by clause'],
    ['metrics.acc ACS', 'Invalid ordering key'],
    ['metrics.acc decs', 'Invalid ordering key'],
    ['dataset.name', "Invalid order_by entity type 'dataset'"],
  ])('rejects %j with "%s"', (item, message) => {
    expect(() => parseOrderBy([item])).toThrow(message);
  });

  it('rejects tags when ordering experiments', () => {
    expect(() => parseOrderBy(['tags.team'], 'experiment')).toThrow('Invalid order_by entity: tag');
  });
});

describe('sorting runs (spec case 66)', () => {
  const runs = [
    makeRun({ runId: '9', status: 'FAILED', startTime: 0, metrics: { key1: 121 }, params: { my_param: 'A' } }),
    makeRun({ runId: '8', status: 'FINISHED', startTime: 1, metrics: { key1: 123 }, params: { my_param: 'A' }, tags: { tag1: 'C' } }),
    makeRun({ runId: '7', status: 'FAILED', startTime: 1, metrics: { key1: 125 }, params: { my_param: 'B' }, tags: { tag1: 'D' } }),
  ];
  const order = (orderBy: string[]) => runIds(searchRuns(runs, { orderBy }).runs).map((id) => runs.findIndex((r) => r.info.runId === id));

  it.each([
    [[], [2, 1, 0]],
    [['tags.noSuchTag'], [2, 1, 0]],
    [['attributes.status'], [2, 0, 1]],
    [['attributes.start_time'], [0, 2, 1]],
    [['metrics.key1 asc'], [0, 1, 2]],
    [['metrics."key1"  desc'], [2, 1, 0]],
    [['params.my_param'], [1, 0, 2]],
    [['params.my_param aSc', 'attributes.status  ASC'], [0, 1, 2]],
    [['params.my_param', 'attributes.status DESC'], [1, 0, 2]],
    [['params.my_param DESC', 'attributes.status   DESC'], [2, 1, 0]],
    [['params.`my_param` DESC', 'attributes.status DESC'], [2, 1, 0]],
    [['tags.tag1'], [1, 2, 0]],
    [['tags.tag1    DESC'], [2, 1, 0]],
  ])('orders by %j as %j', (orderBy, expected) => {
    expect(order(orderBy)).toEqual(expected);
  });
});

describe('NaN, infinities and missing values (spec case 67)', () => {
  const values: Array<number | undefined> = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 1000, 0, -1000, undefined];
  const runs = values.map((value, i) => makeRun({ runId: `r${i}`, metrics: value === undefined ? {} : { x: value } }));
  const sorted = (item: string) => sortRuns(runs, parseOrderBy([item])).map((r) => r.data.metrics.x);

  it('sorts ascending with NaN and then missing values last', () => {
    expect(sorted('metrics.x ASC')).toEqual([Number.NEGATIVE_INFINITY, -1000, 0, 1000, Number.POSITIVE_INFINITY, Number.NaN, undefined]);
  });

  it('sorts descending with NaN and then missing values still last', () => {
    expect(sorted('metrics.x DESC')).toEqual([Number.POSITIVE_INFINITY, 1000, 0, -1000, Number.NEGATIVE_INFINITY, Number.NaN, undefined]);
  });

  it('keeps the default order among runs that tie, in both directions', () => {
    const tied = [makeRun({ runId: 'b', startTime: 5 }), makeRun({ runId: 'a', startTime: 5 }), makeRun({ runId: 'c', startTime: 9 })];
    expect(runIds(sortRuns(tied, parseOrderBy(['metrics.missing DESC'])))).toEqual(['c', 'a', 'b']);
    expect(runIds(sortRuns(tied, parseOrderBy(['metrics.missing ASC'])))).toEqual(['c', 'a', 'b']);
  });
});

describe('default run order (spec cases 55 and 56)', () => {
  it('puts the newest start_time first', () => {
    const runs = Array.from({ length: 10 }, (_, i) => makeRun({ runId: `id-${i}`, startTime: i }));
    expect(runIds(sortRuns(runs, []))).toEqual(Array.from({ length: 10 }, (_, i) => `id-${9 - i}`));
  });

  it('breaks start_time ties by run_id ascending', () => {
    const runs = ['c', 'a', 'b'].map((runId) => makeRun({ runId, startTime: 7 }));
    expect(runIds(sortRuns(runs, []))).toEqual(['a', 'b', 'c']);
  });

  it('sorts strings by code point, so "10" comes before "9" and "Zed" before "alpha"', () => {
    const runs = ['9', '10', 'alpha', 'Zed'].map((v, i) => makeRun({ runId: `r${i}`, params: { p: v } }));
    expect(sortRuns(runs, parseOrderBy(['params.p'])).map((r) => r.data.params.p)).toEqual(['10', '9', 'Zed', 'alpha']);
  });

  it('sorts characters beyond U+FFFF after U+FFxx, as Python does', () => {
    const runs = ['😀', '\uff5e'].map((v, i) => makeRun({ runId: `r${i}`, params: { p: v } }));
    expect(sortRuns(runs, parseOrderBy(['params.p'])).map((r) => r.data.params.p)).toEqual(['\uff5e', '😀']);
  });

  it.each(['attributes.created ASC', 'attributes.Created DESC'])('orders by start time through %s (spec case 59)', (item) => {
    const runs = [makeRun({ runId: 'old', startTime: 1 }), makeRun({ runId: 'new', startTime: 2 })];
    expect(runIds(sortRuns(runs, parseOrderBy([item])))).toEqual(item.endsWith('ASC') ? ['old', 'new'] : ['new', 'old']);
  });

  it('puts runs without an end time last, in both directions', () => {
    const runs = [makeRun({ runId: 'open', endTime: null }), makeRun({ runId: 'a', endTime: 1 }), makeRun({ runId: 'b', endTime: 2 })];
    expect(runIds(sortRuns(runs, parseOrderBy(['end_time ASC'])))).toEqual(['a', 'b', 'open']);
    expect(runIds(sortRuns(runs, parseOrderBy(['end_time DESC'])))).toEqual(['b', 'a', 'open']);
  });
});
