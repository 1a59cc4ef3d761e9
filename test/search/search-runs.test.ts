import { describe, expect, it } from 'vitest';
import { parseOrderBy, parseRunFilter, searchRuns } from '../../src/search/index.js';
import { makeRun, runIds } from '../helpers/entities.js';

describe('searchRuns', () => {
  const runs = Array.from({ length: 10 }, (_, i) => makeRun({ runId: `r${i}`, startTime: i, metrics: { acc: i / 10 } }));

  it.each([0, 1, 2, 4, 8, 10, 20, 2000])('returns the first min(%i, 10) runs in the default order (spec case 55)', (maxResults) => {
    expect(runIds(searchRuns(runs, { maxResults }).runs)).toEqual(runIds([...runs].reverse()).slice(0, maxResults));
  });

  it('returns at most 1000 runs when maxResults is not given', () => {
    const many = Array.from({ length: 1001 }, (_, i) => makeRun({ runId: `m${i}`, startTime: i }));
    const page = searchRuns(many);
    expect(page.runs).toHaveLength(1000);
    expect(page.nextPageToken).toBeDefined();
  });

  it('walks pages of 4, 4 and 2 and ends without a token (spec case 56)', () => {
    const tied = Array.from({ length: 10 }, (_, i) => makeRun({ runId: `t${9 - i}`, startTime: 5 }));
    const ids: string[][] = [];
    let token: string | undefined;
    do {
      const page = searchRuns(tied, { maxResults: 4, pageToken: token });
      ids.push(runIds(page.runs));
      token = page.nextPageToken;
    } while (token !== undefined);
    expect(ids).toEqual([
      ['t0', 't1', 't2', 't3'],
      ['t4', 't5', 't6', 't7'],
      ['t8', 't9'],
    ]);
  });

  it('filters, sorts and pages in one call', () => {
    const page = searchRuns(runs, { filter: 'metrics.acc >= 0.5', orderBy: ['metrics.acc ASC'], maxResults: 2 });
    expect(runIds(page.runs)).toEqual(['r5', 'r6']);
  });

  it('accepts a filter and order_by that are already parsed', () => {
    const page = searchRuns(runs, { filter: parseRunFilter('metrics.acc < 0.2'), orderBy: parseOrderBy(['metrics.acc ASC']) });
    expect(runIds(page.runs)).toEqual(['r0', 'r1']);
  });

  it('treats a null filter and order_by as absent', () => {
    expect(searchRuns(runs, { filter: null, orderBy: null, maxResults: 1 }).runs).toHaveLength(1);
  });

  it('rejects an invalid filter even when there are no runs', () => {
    expect(() => searchRuns([], { filter: "params.a > 'x'" })).toThrow('Invalid comparator');
  });

  it('rejects an invalid order_by item even when there are no runs', () => {
    expect(() => searchRuns([], { orderBy: ['metrics.acc ACS'] })).toThrow('Invalid ordering key');
  });

  it('reports a filter error before an order_by error, as MLflow does', () => {
    expect(() => searchRuns(runs, { filter: 'metrics.a = x', orderBy: ['nope'] })).toThrow('Expected numeric value type for metric');
  });

  it('reports a bad page token after checking filter and order_by', () => {
    expect(() => searchRuns(runs, { orderBy: ['metrics.acc'], pageToken: 'evilhax' })).toThrow('Invalid page token');
  });

  it('accepts any iterable of runs', () => {
    function* generate() {
      yield makeRun({ runId: 'g1', startTime: 1 });
      yield makeRun({ runId: 'g2', startTime: 2 });
    }
    expect(runIds(searchRuns(generate()).runs)).toEqual(['g2', 'g1']);
  });
});
