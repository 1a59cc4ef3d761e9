import { formatUjsonFloat } from './ujson-float.js';

/**
 * MLflow's JSON table artifact (`mlflow.log_table`): pandas
 * `DataFrame.to_json(orient="split", index=False)`, i.e. `{"columns":[...],"data":[[row]...]}`
 * with no spaces. Pure codec; the client does the file work.
 */

/** A table cell: what pandas would hold for the same Python value. */
export type TableCell = string | number | bigint | boolean | null | undefined | readonly TableCell[] | { readonly [key: string]: TableCell };

/** Column name → values (all the same length), or a list of row records. */
export type TableData = Readonly<Record<string, readonly TableCell[]>> | readonly Readonly<Record<string, TableCell>>[];

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
}

export class TableFormatError extends Error {}

/**
 * A table from column arrays or row records, as `pd.DataFrame(data)` builds it: columns in
 * first-seen order, a cell missing from a row record is null.
 *
 * @example toTable({ x: [1, 2], y: ['a', 'b'] }); // { columns: ['x', 'y'], rows: [[1, 'a'], [2, 'b']] }
 */
export function toTable(data: TableData): Table {
  if (Array.isArray(data)) {
    const records = data as readonly Readonly<Record<string, TableCell>>[];
    const columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
    return { columns, rows: records.map((record) => columns.map((column) => (Object.hasOwn(record, column) ? record[column] : null))) };
  }
  const record = data as Readonly<Record<string, readonly TableCell[] | TableCell>>;
  const columns = Object.keys(record);
  const values = columns.map((column) => record[column]);
  // pd.DataFrame({a: 1, b: 'x'}) fails and MLflow retries with [data]: one row.
  if (values.every((value) => !Array.isArray(value))) return { columns, rows: values.length === 0 ? [] : [values as TableCell[]] };
  const lengths = new Set(values.map((value) => (Array.isArray(value) ? value.length : -1)));
  if (lengths.size !== 1 || lengths.has(-1)) {
    throw new TableFormatError(`every column of a table must be an array of the same length; got lengths ${columns.map((c, i) => `${c}=${Array.isArray(values[i]) ? (values[i] as TableCell[]).length : 'scalar'}`).join(', ')}`);
  }
  const count = [...lengths][0] ?? 0;
  return { columns, rows: Array.from({ length: count }, (_, i) => values.map((value) => (value as readonly TableCell[])[i])) };
}

/** Rows of `more` after the rows of `first`, over the union of their columns (pd.concat). */
export function appendTable(first: Table, more: Table): Table {
  const columns = [...first.columns, ...more.columns.filter((c) => !first.columns.includes(c))];
  const align = (table: Table) => table.rows.map((row) => columns.map((column) => {
    const index = table.columns.indexOf(column);
    return index === -1 ? null : row[index];
  }));
  return { columns, rows: [...align(first), ...align(more)] };
}

/** Reads a table artifact written by MLflow or by {@link renderTableJson}. */
export function parseTableJson(text: string): Table {
  const parsed = JSON.parse(text) as { columns?: unknown; data?: unknown };
  if (!Array.isArray(parsed.columns) || !Array.isArray(parsed.data) || !parsed.data.every(Array.isArray)) {
    throw new TableFormatError('not a table in split orientation: expected {"columns": [...], "data": [[...], ...]}');
  }
  return { columns: parsed.columns.map(String), rows: parsed.data as TableCell[][] };
}

type ColumnKind = 'int' | 'float' | 'bool' | 'object';

/**
 * The column's pandas dtype for the same Python values: int64 when every cell is an integer,
 * float64 when every cell is a number or missing (and one is a number), bool when every cell
 * is a boolean, object otherwise.
 */
function columnKind(cells: readonly TableCell[]): ColumnKind {
  const missing = (cell: TableCell) => cell === null || cell === undefined;
  const isNumber = (cell: TableCell) => typeof cell === 'number' || typeof cell === 'bigint';
  if (cells.length > 0 && cells.every((c) => (typeof c === 'number' && Number.isInteger(c)) || typeof c === 'bigint')) return 'int';
  if (cells.some(isNumber) && cells.every((c) => isNumber(c) || missing(c))) return 'float';
  if (cells.length > 0 && cells.every((c) => typeof c === 'boolean')) return 'bool';
  return 'object';
}

/**
 * The bytes MLflow writes for a table. Numbers follow the column's dtype: an int column as
 * integers, a float column with pandas' float text (`1.0`, `0.3333333333`, null for NaN).
 *
 * @example renderTableJson(toTable({ x: [1, 2], y: [0.5, null] })); // '{"columns":["x","y"],"data":[[1,0.5],[2,null]]}'
 */
export function renderTableJson(table: Table): string {
  const kinds = table.columns.map((_, i) => columnKind(table.rows.map((row) => row[i])));
  const rows = table.rows.map((row) => `[${table.columns.map((_, i) => cell(row[i], kinds[i] ?? 'object')).join(',')}]`);
  return `{"columns":[${table.columns.map(quote).join(',')}],"data":[${rows.join(',')}]}`;
}

function cell(value: TableCell, kind: ColumnKind): string {
  if (kind === 'float' && typeof value === 'number') return formatUjsonFloat(value);
  if (kind === 'float' && typeof value === 'bigint') return formatUjsonFloat(Number(value));
  return encode(value);
}

function encode(value: TableCell): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? BigInt(value).toString() : formatUjsonFloat(value);
  if (Array.isArray(value)) return `[${value.map(encode).join(',')}]`;
  return `{${Object.entries(value as Record<string, TableCell>).map(([key, item]) => `${quote(key)}:${encode(item)}`).join(',')}}`;
}

/** A string as ultrajson escapes it: `\/`, short escapes, `\u00XX` controls, every non-ASCII unit as `\uxxxx`. */
function quote(text: string): string {
  return `"${text.replace(/["\\/\u0000-\u001f\u0080-\uffff]/g, (char) => {
    const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return short[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  })}"`;
}
