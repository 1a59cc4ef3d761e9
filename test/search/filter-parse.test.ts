import { describe, expect, it } from 'vitest';
import { parseExperimentFilter, parseRunFilter, type RunClause } from '../../src/search/index.js';

/** The clauses of a filter without their source spans, for comparison with literals. */
function clauses(filter: string): unknown[] {
  return parseRunFilter(filter).clauses.map(({ span: _span, ...rest }: RunClause) => rest);
}

const num = (text: string, value = Number(text)) => ({ kind: 'number', text, value });

describe('parsing run filters (spec case 61)', () => {
  it.each([
    ['metric.acc >= 0.94', { kind: 'numericComparison', target: { kind: 'metric', key: 'acc' }, operator: '>=', value: num('0.94') }],
    ['metric.acc>=100', { kind: 'numericComparison', target: { kind: 'metric', key: 'acc' }, operator: '>=', value: num('100') }],
    ["params.m!='tf'", { kind: 'stringComparison', target: { kind: 'param', key: 'm' }, operator: '!=', value: 'tf' }],
    ['params."m"!="tf"', { kind: 'stringComparison', target: { kind: 'param', key: 'm' }, operator: '!=', value: 'tf' }],
    ['metric."legit name" >= 0.243', { kind: 'numericComparison', target: { kind: 'metric', key: 'legit name' }, operator: '>=', value: num('0.243') }],
    ['metrics."X//Y#$$@&Z" = 3', { kind: 'numericComparison', target: { kind: 'metric', key: 'X//Y#$$@&Z' }, operator: '=', value: num('3') }],
    ['`metric`.a >= 0.1', { kind: 'numericComparison', target: { kind: 'metric', key: 'a' }, operator: '>=', value: num('0.1') }],
    ['metrics."accuracy.2.0" > 5', { kind: 'numericComparison', target: { kind: 'metric', key: 'accuracy.2.0' }, operator: '>', value: num('5') }],
    ['metrics.`spacey name` > 5', { kind: 'numericComparison', target: { kind: 'metric', key: 'spacey name' }, operator: '>', value: num('5') }],
    ['params."p.a.r.a.m" != "a"', { kind: 'stringComparison', target: { kind: 'param', key: 'p.a.r.a.m' }, operator: '!=', value: 'a' }],
    ["attribute.artifact_uri = '1/23/4'", { kind: 'stringComparison', target: { kind: 'attribute', key: 'artifact_uri' }, operator: '=', value: '1/23/4' }],
    ["run.status = 'RUNNING'", { kind: 'stringComparison', target: { kind: 'attribute', key: 'status' }, operator: '=', value: 'RUNNING' }],
    ["dataset.name = 'my_dataset'", { kind: 'stringComparison', target: { kind: 'dataset', key: 'name' }, operator: '=', value: 'my_dataset' }],
    ['tags.version IS NULL', { kind: 'nullCheck', target: { kind: 'tag', key: 'version' }, operator: 'IS NULL' }],
    ['params.lr IS NOT NULL', { kind: 'nullCheck', target: { kind: 'param', key: 'lr' }, operator: 'IS NOT NULL' }],
  ])('reads %s', (filter, expected) => {
    expect(clauses(filter)).toEqual([expected]);
  });

  it('reads the empty filter as no clauses', () => {
    expect(parseRunFilter('')).toEqual({ kind: 'filter', clauses: [] });
  });

  it.each([
    ["params.m = 'LR'", 'LR'],
    ['params.m = "LR"', 'LR'],
    [`params.m = "L'Hosp"`, "L'Hosp"],
  ])('takes the value of %s from between its quotes', (filter, value) => {
    expect(clauses(filter)).toMatchObject([{ value }]);
  });
});

describe('entities and keys', () => {
  it.each([
    ['metric', 'metric'], ['metrics', 'metric'], ['param', 'param'], ['params', 'param'], ['parameter', 'param'],
    ['parameters', 'param'], ['tag', 'tag'], ['tags', 'tag'], ['`tags`', 'tag'],
  ])('accepts %s as the entity %s', (entity, kind) => {
    const value = kind === 'metric' ? '1' : "'x'";
    expect(clauses(`${entity}.k = ${value}`)).toMatchObject([{ target: { kind, key: 'k' } }]);
  });

  it.each(['attribute', 'attributes', 'attr', 'run'])('accepts %s as the attribute entity', (entity) => {
    expect(clauses(`${entity}.status = 'FAILED'`)).toMatchObject([{ target: { kind: 'attribute', key: 'status' } }]);
  });

  it('reads a key without an entity as an attribute', () => {
    expect(clauses("run_name = 'x'")).toMatchObject([{ target: { kind: 'attribute', key: 'run_name' } }]);
  });

  it('splits the identifier at the first dot, so unquoted dotted keys work', () => {
    expect(clauses("tags.mlflow.runName = 'x'")).toMatchObject([{ target: { kind: 'tag', key: 'mlflow.runName' } }]);
  });

  it.each(['`run name`', '`Run name`', '`Run Name`'])('resolves the alias %s to run_name', (alias) => {
    expect(clauses(`attributes.${alias} = 'x'`)).toMatchObject([{ target: { kind: 'attribute', key: 'run_name' } }]);
  });

  it.each(['created', 'Created'])('resolves the alias %s to start_time', (alias) => {
    expect(clauses(`attributes.${alias} > 1`)).toMatchObject([{ target: { kind: 'attribute', key: 'start_time' } }]);
  });

  it('strips one level of single quotes from a key', () => {
    expect(clauses("metrics.'acc' = 1")).toMatchObject([{ target: { key: 'acc' } }]);
  });

  it('keeps a key that starts with a digit', () => {
    expect(clauses('metrics.1abc = 1')).toMatchObject([{ target: { key: '1abc' } }]);
  });

  it('keeps non-ASCII keys', () => {
    expect(clauses('metrics.точность > 0.5')).toMatchObject([{ target: { key: 'точность' } }]);
  });

  it.each(['select', 'name', 'status', 'key', 'and', 'or', 'not', 'null', 'is', 'asc'])(
    'accepts the SQL word %s as a bare key after a dot',
    (word) => {
      expect(clauses(`params.${word} = 'a'`)).toMatchObject([{ target: { kind: 'param', key: word } }]);
    },
  );

  it.each(['from', 'in', 'as', 'case', 'values', 'using'])('rejects the keyword %s as a bare key, as MLflow does', (word) => {
    expect(() => parseRunFilter(`params.${word} = 'a'`)).toThrow('Invalid clause(s) in filter string');
  });

  it('reads a space after the dot as part of the key, as MLflow does', () => {
    expect(clauses('metrics. acc = 1')).toMatchObject([{ target: { key: ' acc' } }]);
  });
});

describe('numbers (spec 6.1)', () => {
  it.each(['1', '-1', '0.5', '.5', '5.', '1e5', '1E-5', '-0.5e-3', '-.5'])('reads %s as a number', (text) => {
    expect(clauses(`metrics.a = ${text}`)).toEqual([
      { kind: 'numericComparison', target: { kind: 'metric', key: 'a' }, operator: '=', value: num(text) },
    ]);
  });

  it.each(['1e+5', '1_000', 'inf', 'nan'])('does not read %s as a number', (text) => {
    expect(() => parseRunFilter(`metrics.a = ${text}`)).toThrow('Expected numeric value type for metric');
  });

  it('does not read a hexadecimal number as a value at all', () => {
    expect(() => parseRunFilter('metrics.a = 0x1F')).toThrow("Invalid clause(s) in filter string: 'metrics.a', '=', '0x1F'");
  });

  it('reads Unicode decimal digits as digits, as Python does', () => {
    expect(clauses('metrics.a = ٣')).toMatchObject([{ value: { text: '3', value: 3 } }]);
  });

  it('accepts a float literal for a time attribute', () => {
    expect(clauses('start_time > 1.5')).toMatchObject([{ value: { value: 1.5 } }]);
  });
});

describe('values are taken literally', () => {
  it('does not collapse doubled single quotes', () => {
    expect(clauses("params.x = 'it''s'")).toMatchObject([{ value: "it''s" }]);
  });

  it('does not process backslash escapes', () => {
    expect(clauses(String.raw`params.x = 'it\'s'`)).toMatchObject([{ value: String.raw`it\'s` }]);
  });

  it('reads the empty string', () => {
    expect(clauses("params.x = ''")).toMatchObject([{ value: '' }]);
  });
});

describe('clause separators', () => {
  it('reads AND in any case', () => {
    expect(clauses("params.a = 'x' and params.b = 'y' AnD params.c = 'z'")).toHaveLength(3);
  });

  it('tolerates a trailing AND', () => {
    expect(clauses("params.a = 'x' AND")).toHaveLength(1);
  });

  it('tolerates repeated and leading ANDs', () => {
    expect(clauses("AND params.a = 'x' AND AND params.b = 'y'")).toHaveLength(2);
  });

  it('accepts clauses with no AND between them, as MLflow does', () => {
    expect(clauses("params.a='x'params.b='y'")).toHaveLength(2);
  });

  it('needs no whitespace around comparators', () => {
    expect(clauses('metric.acc>=100')).toHaveLength(1);
  });
});

describe('comparators', () => {
  it.each([
    ['like', 'LIKE'], ['ILike', 'ILIKE'],
  ])('reads %s as %s', (written, operator) => {
    expect(clauses(`params.a ${written} 'x%'`)).toMatchObject([{ operator }]);
  });

  it.each(['is null', 'IS NULL', 'Is Null'])('reads %s in any case', (written) => {
    expect(clauses(`tags.a ${written}`)).toMatchObject([{ kind: 'nullCheck', operator: 'IS NULL' }]);
  });

  it('reads IS NOT NULL only with a single space between NOT and NULL, as MLflow does', () => {
    expect(clauses('tags.a is not null')).toMatchObject([{ operator: 'IS NOT NULL' }]);
    expect(() => parseRunFilter('tags.a IS NOT  NULL')).toThrow('Invalid clause(s) in filter string');
  });
});

describe('IN lists (spec case 58)', () => {
  it.each(["('a','b')", "('a', 'b')", "('a',  'b')", '("a", \'b\')'])('reads the list %s', (list) => {
    expect(clauses(`run_id IN ${list}`)).toEqual([
      { kind: 'listComparison', target: { kind: 'attribute', key: 'run_id' }, operator: 'IN', values: ['a', 'b'] },
    ]);
  });

  it('reads NOT IN and lower-case in', () => {
    expect(clauses("run_id not in ('a') AND run_id in ('b')")).toMatchObject([{ operator: 'NOT IN' }, { operator: 'IN' }]);
  });

  it('reads a one-element list without a trailing comma', () => {
    expect(clauses("run_id IN ('a')")).toMatchObject([{ values: ['a'] }]);
  });

  it('keeps list items with capital letters or no letters at all', () => {
    expect(clauses("run_id IN ('a', 'B', '123')")).toMatchObject([{ values: ['a', 'B', '123'] }]);
  });

  it('reads list items as Python string literals, escapes included', () => {
    expect(clauses(String.raw`run_id IN ('a\nb', "c" 'd', r'e\n', '\x41')`)).toMatchObject([{ values: ['a\nb', 'cd', String.raw`e\n`, 'A'] }]);
  });

  it('accepts a list with = and !=, which MLflow compares as a tuple', () => {
    expect(clauses("run_id = ('a', 'b')")).toMatchObject([{ kind: 'listComparison', operator: '=' }]);
  });

  it('reads dataset lists', () => {
    expect(clauses("datasets.context IN ('train', 'test')")).toMatchObject([{ target: { kind: 'dataset', key: 'context' }, values: ['train', 'test'] }]);
  });
});

describe('quirks MLflow has that we share', () => {
  it('reads a double-quoted value made of two quoted parts by its outer quotes', () => {
    expect(clauses('params.x = "a"."b"')).toMatchObject([{ value: 'a"."b' }]);
  });

  it('reads an identifier followed by DESC as one key', () => {
    expect(clauses('metrics.a desc = 1')).toMatchObject([{ target: { key: 'a desc' } }]);
  });

  it('reads a comparison and a name before IS NULL as one param key', () => {
    expect(clauses("params.a = 'x' tags.b IS NULL")).toMatchObject([{ kind: 'nullCheck', target: { kind: 'param', key: "a = 'x' tags.b" } }]);
  });
});

describe('parsing experiment filters (spec 6.4)', () => {
  it.each([
    ["name = 'a'", { kind: 'stringComparison', target: { kind: 'attribute', key: 'name' } }],
    ["attribute.`name` != 'a'", { kind: 'stringComparison', target: { kind: 'attribute', key: 'name' } }],
    ['creation_time >= 5', { kind: 'numericComparison', target: { kind: 'attribute', key: 'creation_time' } }],
    ['last_update_time < 5', { kind: 'numericComparison', target: { kind: 'attribute', key: 'last_update_time' } }],
    ["tag.`k e y` = 'value'", { kind: 'stringComparison', target: { kind: 'tag', key: 'k e y' } }],
    ['tags."k e y" = \'value\'', { kind: 'stringComparison', target: { kind: 'tag', key: 'k e y' } }],
    ['tags.key IS NULL', { kind: 'nullCheck', target: { kind: 'tag', key: 'key' } }],
    ["experiment_id IN ('1', '2')", { kind: 'listComparison', target: { kind: 'attribute', key: 'experiment_id' } }],
  ])('reads %s', (filter, expected) => {
    expect(parseExperimentFilter(filter).clauses).toMatchObject([expected]);
  });
});
