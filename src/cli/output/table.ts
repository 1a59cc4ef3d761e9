import Table from 'cli-table3';
import type { Colors } from '../context.js';

/** No rule between body rows: compact tables that still line up. */
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/**
 * A table for people: a bold header when colors are on, no colors otherwise (cli-table3's own
 * header colors are switched off so that piped output holds no escape codes).
 */
export function renderTable(colors: Colors, headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const table = new Table({ head: headers.map((h) => colors.bold(h)), chars: CHARS, style: { head: [], border: [] } });
  for (const row of rows) table.push([...row]);
  return table.toString();
}

/** Two columns, key and value, without a header: for one entity's fields. */
export function renderPairs(colors: Colors, pairs: readonly (readonly [string, string])[]): string {
  const table = new Table({ chars: CHARS, style: { head: [], border: [] } });
  for (const [key, value] of pairs) table.push({ [colors.bold(key)]: value });
  return table.toString();
}
