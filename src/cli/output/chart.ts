import type { Metric } from '../../entities/index.js';
import type { Cli } from '../context.js';

const SERIES_COLORS = ['cyan', 'yellow', 'magenta', 'green', 'red', 'blue'] as const;

/** At most `width` points: the series is cut into buckets and each bucket's mean is kept. */
export function downsample(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  const out: number[] = [];
  for (let i = 0; i < width; i += 1) {
    const bucket = values.slice(Math.floor((i * values.length) / width), Math.floor(((i + 1) * values.length) / width));
    out.push(bucket.reduce((sum, v) => sum + v, 0) / bucket.length);
  }
  return out;
}

/**
 * A line chart of metric histories drawn with asciichart, one colored line per key, values in
 * step order, non-finite values left out; the library is loaded only when a chart is drawn.
 */
export async function metricChart(cli: Cli, histories: ReadonlyMap<string, readonly Metric[]>): Promise<string> {
  const asciichart = (await import('asciichart')).default;
  const width = Math.max(20, (process.stdout.columns ?? 80) - 14);
  const series = [...histories.values()].map((history) =>
    downsample([...history].sort((a, b) => a.step - b.step).map((m) => m.value).filter(Number.isFinite), width),
  ).filter((values) => values.length > 0);
  if (series.length === 0) return '';
  const names = [...histories.keys()];
  const colors = names.map((_, i) => (asciichart as unknown as Record<string, string>)[SERIES_COLORS[i % SERIES_COLORS.length] ?? 'cyan']);
  const plot = asciichart.plot(series, { height: 12, colors: cli.colors.isColorSupported ? colors : undefined, format: (x: number) => x.toPrecision(4).padStart(10) });
  const legend = names.map((name, i) => (cli.colors.isColorSupported ? asciichart.colored(`── ${name}`, colors[i]) : `── ${name}`)).join('   ');
  return `${plot}\n${' '.repeat(12)}${legend}  (by step)`;
}
