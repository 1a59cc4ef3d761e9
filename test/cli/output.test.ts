import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { varyingKeys } from '../../src/cli/output/columns.js';
import { renderPairs, renderTable } from '../../src/cli/output/table.js';
import type { Run } from '../../src/entities/index.js';

const plain = pc.createColors(false);
const colored = pc.createColors(true);
const ANSI = /\x1b\[[0-9;]*m/g;

/** A run with only the data varyingKeys looks at. */
const run = (params: Record<string, string>, metrics: Record<string, number> = {}): Run => ({ data: { params, metrics, latestMetrics: {}, tags: {} } }) as unknown as Run;

describe('renderTable', () => {
  it('draws a box with a rule under the header and none between rows, cells on the left', () => {
    expect(renderTable(plain, ['key', 'value'], [['lr', '0.01'], ['optimizer', 'sgd']])).toBe(
      [
        '┌───────────┬───────┐',
        '│ key       │ value │',
        '├───────────┼───────┤',
        '│ lr        │ 0.01  │',
        '│ optimizer │ sgd   │',
        '└───────────┴───────┘',
      ].join('\n'),
    );
  });

  it('lines up wide characters, colored cells, and cells with line breaks or tabs (kept on one line)', () => {
    const lines = renderTable(colored, ['name', 'status'], [['日本語', colored.green('FINISHED')], ['a\nb\tc', 'KILLED']]).split('\n');
    expect(lines.map((line) => line.replace(ANSI, ''))).toEqual([
      '┌────────┬──────────┐',
      '│ name   │ status   │',
      '├────────┼──────────┤',
      '│ 日本語 │ FINISHED │',
      '│ a⏎b c  │ KILLED   │',
      '└────────┴──────────┘',
    ]);
    expect(lines[1]).toContain(colored.bold('name'));
    expect(lines[3]).toContain(colored.green('FINISHED'));
  });

  it('holds no escape codes without colors', () => {
    expect(renderTable(plain, ['status'], [[plain.green('FINISHED')]])).not.toMatch(ANSI);
  });

  it('renders a 2,000-row table in linear time', () => {
    const headers = Array.from({ length: 17 }, (_, i) => `params.p${i}`);
    const rows = Array.from({ length: 2000 }, (_, r) => headers.map((_, c) => `v${(r * c) % 7}`));
    const start = performance.now();
    const lines = renderTable(plain, headers, rows).split('\n');
    // cli-table3, used before, took over 5 s here: its layout is quadratic in the number of cells.
    expect(performance.now() - start).toBeLessThan(2000);
    expect(lines).toHaveLength(2004);
  });
});

describe('renderPairs', () => {
  it('draws keys and values without a header', () => {
    expect(renderPairs(plain, [['Run', 'sweep (abc)'], ['Status', 'FINISHED']])).toBe(
      ['┌────────┬─────────────┐', '│ Run    │ sweep (abc) │', '│ Status │ FINISHED    │', '└────────┴─────────────┘'].join('\n'),
    );
  });
});

describe('varyingKeys', () => {
  it('keeps the keys whose values differ or are missing from some runs, sorted', () => {
    const runs = [run({ lr: '0.1', opt: 'sgd', seed: '1' }, { acc: 0.5, loss: 1 }), run({ lr: '0.01', opt: 'sgd' }, { acc: 0.5, loss: 2 }), run({ opt: 'sgd', seed: '1' }, { acc: 0.5, loss: 1 })];
    expect(varyingKeys(runs, 'params')).toEqual(['lr', 'seed']);
    expect(varyingKeys(runs, 'metrics')).toEqual(['loss']);
  });

  it('keeps every key of a single run', () => {
    expect(varyingKeys([run({ b: '1', a: '2' })], 'params')).toEqual(['a', 'b']);
  });
});
