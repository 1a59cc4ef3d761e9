import { createRequire } from 'node:module';
import type { Colors } from '../context.js';

type Printer = typeof import('console-table-printer');
let printer: Printer | undefined;

/** The table library, loaded on the first table: JSON and CSV output never pay for it. */
function tableLibrary(): Printer {
  printer ??= createRequire(import.meta.url)('console-table-printer') as Printer;
  return printer;
}

// Control characters, ESC excepted (it starts the color codes).
const CONTROL = /[\x00-\x1a\x1c-\x1f\x7f-\x9f]/;
const LINE_BREAKS = /\r?\n|\r/g;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/**
 * A cell on one line: line breaks shown as ⏎, other control characters (tabs…) as spaces. The
 * table library measures a cell as one line of printable characters and color codes.
 */
function cellText(text: string): string {
  return CONTROL.test(text) ? text.replace(LINE_BREAKS, '⏎').replace(CONTROLS, ' ') : text;
}

/**
 * A table for people, drawn by console-table-printer (linear in the number of cells: a
 * 1,000-row table renders in about 0.1 s, where cli-table3 took seconds): box borders, a rule
 * under the header, none between body rows, cells on the left. Its own colors are off, so that
 * piped output holds no escape codes; the header is bold when `colors` are on.
 */
export function renderTable(colors: Colors, headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const { Table } = tableLibrary();
  const table = new Table({
    columns: headers.map((header, i) => ({ name: String(i), title: colors.bold(cellText(header)), alignment: 'left' as const })),
    shouldDisableColors: true,
  });
  for (const row of rows) {
    const cells: Record<string, string> = {};
    for (let i = 0; i < headers.length; i += 1) cells[i] = cellText(row[i] ?? '');
    table.addRow(cells);
  }
  return table.render();
}

/** Two columns, key and value, without a header: for one entity's fields. */
export function renderPairs(colors: Colors, pairs: readonly (readonly [string, string])[]): string {
  const lines = renderTable(colors, ['', ''], pairs.map(([key, value]) => [colors.bold(key), value])).split('\n');
  // The library always draws a header: drop its line and the rule under it (lines 1 and 2).
  return [lines[0], ...lines.slice(3)].join('\n');
}
