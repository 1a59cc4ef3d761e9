import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/entities/index.js';
import { searchExperiments, type SearchExperimentsOptions } from '../../src/search/index.js';
import { experimentNames, makeExperiment } from '../helpers/entities.js';

const names = (experiments: readonly Experiment[], options: SearchExperimentsOptions = {}) =>
  experimentNames(searchExperiments(experiments, options).experiments);

// Experiments are created one after another, so each gets a later creation time.
const defaultExperiment = makeExperiment({ experimentId: '0', name: 'Default', creationTime: 1000 });

describe('default experiment order (spec case 6)', () => {
  const a = makeExperiment({ experimentId: '11', name: 'a', creationTime: 2000 });
  const b = makeExperiment({ experimentId: '12', name: 'b', creationTime: 3000, lifecycleStage: 'deleted' });

  it('lists the active experiments newest first', () => {
    expect(names([defaultExperiment, a])).toEqual(['a', 'Default']);
  });

  it('lists active and deleted experiments together newest first', () => {
    expect(names([defaultExperiment, a, b])).toEqual(['b', 'a', 'Default']);
  });

  it('breaks creation-time ties by experiment_id ascending', () => {
    const tied = ['3', '1', '2'].map((experimentId) => makeExperiment({ experimentId, name: `e${experimentId}`, creationTime: 5 }));
    expect(names(tied)).toEqual(['e1', 'e2', 'e3']);
  });
});

describe('name filters (spec case 7)', () => {
  const experiments = [
    defaultExperiment,
    makeExperiment({ experimentId: '1', name: 'a', creationTime: 2000, lastUpdateTime: 2000 }),
    makeExperiment({ experimentId: '2', name: 'ab', creationTime: 3000, lastUpdateTime: 3000 }),
    makeExperiment({ experimentId: '3', name: 'Abc', creationTime: 4000, lastUpdateTime: 4000 }),
  ];

  it.each([
    ["name = 'a'", ['a']],
    ["attribute.`name` != 'a'", ['Abc', 'ab', 'Default']],
    ["name LIKE 'a%'", ['ab', 'a']],
    ["name ILIKE 'a%'", ['Abc', 'ab', 'a']],
    ["name ILIKE 'a%' AND name ILIKE '%b'", ['ab']],
  ])('%s finds %j', (filter, expected) => {
    expect(names(experiments, { filter })).toEqual(expected);
  });

  it('orders ILIKE matches by last_update_time ascending on request', () => {
    expect(names(experiments, { filter: "name ILIKE 'a%'", orderBy: ['last_update_time asc'] })).toEqual(['a', 'ab', 'Abc']);
  });
});

describe('time filters (spec case 8)', () => {
  const exp1 = makeExperiment({ experimentId: '1', name: 'exp1', creationTime: 2000, lastUpdateTime: 5000 });
  const exp2 = makeExperiment({ experimentId: '2', name: 'exp2', creationTime: 3000 });
  const experiments = [defaultExperiment, exp1, exp2];

  it.each([
    ['creation_time = 2000', ['exp1']],
    ['creation_time != 2000', ['exp2', 'Default']],
    ['creation_time >= 1500', ['exp2', 'exp1']],
    ['creation_time < 2500', ['exp1', 'Default']],
    ['creation_time > 9999', []],
    ['last_update_time >= 4000', ['exp1']],
  ])('%s finds %j', (filter, expected) => {
    expect(names(experiments, { filter })).toEqual(expected);
  });

  it('treats a missing creation time as unequal to every number', () => {
    const legacy = makeExperiment({ experimentId: '9', name: 'legacy', creationTime: null });
    expect(names([legacy], { filter: 'creation_time != 5' })).toEqual(['legacy']);
    expect(names([legacy], { filter: 'creation_time = 5' })).toEqual([]);
  });

  it('leaves out an experiment with a missing creation time from < and > comparisons', () => {
    const legacy = makeExperiment({ experimentId: '9', name: 'legacy', creationTime: null });
    expect(names([legacy], { filter: 'creation_time > 5' })).toEqual([]);
  });
});

describe('tag filters (spec cases 9 and 10)', () => {
  const exp1 = makeExperiment({ experimentId: '1', name: 'exp1', creationTime: 2000, tags: { key: 'value', key1: 'x' } });
  const exp2 = makeExperiment({ experimentId: '2', name: 'exp2', creationTime: 3000, tags: { key: 'vaLue', key1: 'y' } });
  const exp3 = makeExperiment({ experimentId: '3', name: 'exp3', creationTime: 4000, tags: { 'k e y': 'value', key2: 'z' } });
  const experiments = [defaultExperiment, exp1, exp2, exp3];

  it.each([
    ["tag.key = 'value'", ['exp1']],
    ["tag.`k e y` = 'value'", ['exp3']],
    ['tag."k e y" = \'value\'', ['exp3']],
    ["tag.key != 'value'", ['exp2']],
    ["tag.key LIKE 'val%'", ['exp1']],
    ["tag.key LIKE '%Lue'", ['exp2']],
    ["tag.key ILIKE '%alu%'", ['exp2', 'exp1']],
    ["tag.key LIKE 'va%' AND tags.key LIKE '%Lue'", ['exp2']],
    ['tag.key1 IS NOT NULL', ['exp2', 'exp1']],
    ['tag.key2 IS NULL', ['exp2', 'exp1', 'Default']],
    ['tag.key1 IS NOT NULL AND tag.key2 IS NULL', ['exp2', 'exp1']],
  ])('%s finds %j', (filter, expected) => {
    expect(names(experiments, { filter })).toEqual(expected);
  });

  it('rejects IS NULL on the name', () => {
    expect(() => names(experiments, { filter: 'name IS NULL' })).toThrow('IS NULL / IS NOT NULL is only supported for tags');
  });
});

describe('experiment ids', () => {
  const experiments = ['1', '45', '123'].map((experimentId) => makeExperiment({ experimentId, name: `e${experimentId}`, creationTime: 1 }));

  it('filters by a list of ids', () => {
    expect(names(experiments, { filter: "experiment_id IN ('45', '123')" })).toEqual(['e123', 'e45']);
  });

  it('compares ids as strings when ordering, so "45" sorts after "123"', () => {
    expect(names(experiments, { orderBy: ['experiment_id DESC'] })).toEqual(['e45', 'e123', 'e1']);
  });

  it('breaks ties with experiment_id DESC when order_by does not mention it', () => {
    expect(names(experiments, { orderBy: ['creation_time'] })).toEqual(['e45', 'e123', 'e1']);
  });
});

describe('ordering with a missing creation time (spec case 11)', () => {
  const x = makeExperiment({ experimentId: '1', name: 'x', creationTime: 2000 });
  const y = makeExperiment({ experimentId: '2', name: 'y', creationTime: 3000 });
  const z = makeExperiment({ experimentId: '3', name: 'z', creationTime: 4000 });
  const n = makeExperiment({ experimentId: '4', name: 'n', creationTime: null });
  const experiments = [defaultExperiment, x, y, z, n];

  it.each([
    ['name', ['Default', 'n', 'x', 'y', 'z']],
    ['name DESC', ['z', 'y', 'x', 'n', 'Default']],
    ['creation_time DESC', ['z', 'y', 'x', 'Default', 'n']],
    ['creation_time ASC', ['Default', 'x', 'y', 'z', 'n']],
  ])('order_by %s gives %j', (item, expected) => {
    expect(names(experiments, { orderBy: [item] })).toEqual(expected);
  });
});

describe('pages of experiments (spec case 13)', () => {
  const experiments = [
    defaultExperiment,
    ...Array.from({ length: 9 }, (_, i) => makeExperiment({ experimentId: String(100 + i), name: String(i), creationTime: 2000 + i })),
  ];

  it('walks three pages of four and ends without a token', () => {
    const first = searchExperiments(experiments, { maxResults: 4 });
    const second = searchExperiments(experiments, { maxResults: 4, pageToken: first.nextPageToken });
    const third = searchExperiments(experiments, { maxResults: 4, pageToken: second.nextPageToken });
    expect([first, second, third].map((page) => experimentNames(page.experiments))).toEqual([
      ['8', '7', '6', '5'],
      ['4', '3', '2', '1'],
      ['0', 'Default'],
    ]);
    expect(third.nextPageToken).toBeUndefined();
  });
});

describe('LIKE on experiment names (spec case 71)', () => {
  const experiment = makeExperiment({ name: 'jamie-foo C+W bar' });

  it.each(['name LIKE "jamie-foo C+W bar"', 'name LIKE "jamie-foo C+%"'])('finds the experiment with %s', (filter) => {
    expect(names([experiment], { filter })).toEqual(['jamie-foo C+W bar']);
  });
});
