import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appendTable, parseTableJson, renderTableJson, toTable, type TableCell, type TableData } from '../../src/format/table-json.js';
import { formatUjsonFloat } from '../../src/format/ujson-float.js';

/** Made by compat/py/table_golden.py with pandas: what mlflow.log_table writes. */
const golden = JSON.parse(readFileSync(new URL('./table-golden.json', import.meta.url), 'utf8')) as {
  floats: [string, string][];
  tables: { data: unknown; json: string }[];
};

const NON_FINITE: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity };
function revive(value: unknown): TableCell | TableData {
  if (Array.isArray(value)) return value.map(revive) as TableCell[];
  if (value !== null && typeof value === 'object') {
    const marker = (value as { $float?: string }).$float;
    if (marker !== undefined) return NON_FINITE[marker] as number;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)])) as TableCell;
  }
  return value as TableCell;
}

describe('pandas float text in table artifacts', () => {
  it.each(golden.floats)('writes %s as pandas does', (repr, expected) => {
    expect(formatUjsonFloat(Number(repr))).toBe(expected);
  });

  it('writes NaN and the infinities as null', () => {
    expect([NaN, Infinity, -Infinity].map(formatUjsonFloat)).toEqual(['null', 'null', 'null']);
  });
});

describe('table artifacts', () => {
  it.each(golden.tables.map((t) => [t.json, t] as const))('writes %s byte for byte as pandas', (_json, table) => {
    expect(renderTableJson(toTable(revive(table.data) as TableData))).toBe(table.json);
  });

  it('takes row records and fills a missing cell with null', () => {
    expect(toTable([{ a: 1 }, { b: 'x' }])).toEqual({ columns: ['a', 'b'], rows: [[1, null], [null, 'x']] });
  });

  it('refuses columns of different lengths, naming each length', () => {
    expect(() => toTable({ a: [1, 2], b: [1] })).toThrow('a=2, b=1');
  });

  it('appends rows over the union of the columns, as pd.concat does', () => {
    const first = parseTableJson('{"columns":["x","y"],"data":[[1,0.5]]}');
    const table = appendTable(first, toTable({ x: [2], z: ['q'] }));
    expect(renderTableJson(table)).toBe('{"columns":["x","y","z"],"data":[[1,0.5,null],[2,null,"q"]]}');
  });

  it('refuses a file that is not in split orientation', () => {
    expect(() => parseTableJson('{"a": [1]}')).toThrow('split orientation');
  });
});
