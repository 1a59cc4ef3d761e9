import { formatPythonFloat } from './python-float.js';

/**
 * Text as Python's `json.dumps(value, indent=indent)` writes it, with its defaults:
 * `ensure_ascii` (every non-ASCII character as `\uXXXX`), `", "` and `": "` between items
 * without indent and `","` at line ends with one, `NaN` / `Infinity` for the non-finite
 * floats, and floats in `repr` form (`1e-05`). A JavaScript number that is an integer is
 * written as a Python int would be. `undefined`, functions and symbols are left out of
 * objects and become `null` in arrays, as JSON.stringify does; `toJSON()` is honoured.
 *
 * @example
 * renderPythonJson([{ path: 't.json', type: 'table' }]); // '[{"path": "t.json", "type": "table"}]'
 */
export function renderPythonJson(value: unknown, indent?: number): string {
  return render(value, indent, 0) ?? 'null';
}

function render(value: unknown, indent: number | undefined, depth: number): string | undefined {
  const json = (value as { toJSON?: () => unknown } | null)?.toJSON;
  if (typeof json === 'function') value = json.call(value);
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return number(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return container('[', ']', value.map((item) => render(item, indent, depth + 1) ?? 'null'), indent, depth);
      return container('{', '}', members(value as Record<string, unknown>, indent, depth), indent, depth);
    default:
      return undefined;
  }
}

function members(record: Record<string, unknown>, indent: number | undefined, depth: number): string[] {
  const out: string[] = [];
  for (const [key, item] of Object.entries(record)) {
    const text = render(item, indent, depth + 1);
    if (text !== undefined) out.push(`${quote(key)}: ${text}`);
  }
  return out;
}

function container(open: string, close: string, items: string[], indent: number | undefined, depth: number): string {
  if (items.length === 0) return `${open}${close}`;
  if (indent === undefined) return `${open}${items.join(', ')}${close}`;
  const inner = '\n' + ' '.repeat(indent * (depth + 1));
  return `${open}${inner}${items.join(`,${inner}`)}\n${' '.repeat(indent * depth)}${close}`;
}

function number(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(value) && Math.abs(value) < 1e16 && !Object.is(value, -0)) return String(value);
  return formatPythonFloat(value);
}

/** A JSON string literal with Python's ensure_ascii escapes (lowercase hex, surrogate pairs). */
function quote(text: string): string {
  // ensure_ascii escapes everything outside ' '..'~', DEL included.
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
