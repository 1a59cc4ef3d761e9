import type { Run } from '../../entities/index.js';
import type { Cli } from '../context.js';
import { UsageError } from '../errors.js';
import { formatDuration, formatNumber, formatTime, runDuration, truncate } from './values.js';

/** A column of a run listing: its name, its text for people and for CSV. */
export interface RunColumn {
  readonly name: string;
  readonly cell: (run: Run, cli: Cli) => string;
  readonly csv: (run: Run) => string;
}

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

/** Colors a run status: green finished, red failed, yellow killed, cyan running. */
export function statusText(cli: Cli, status: string): string {
  const paint = { FINISHED: cli.colors.green, FAILED: cli.colors.red, KILLED: cli.colors.yellow, RUNNING: cli.colors.cyan }[status];
  return paint === undefined ? status : paint(status);
}

const INFO_COLUMNS: readonly RunColumn[] = [
  { name: 'run_id', cell: (r) => r.info.runId, csv: (r) => r.info.runId },
  { name: 'name', cell: (r) => truncate(r.info.runName, 30), csv: (r) => r.info.runName },
  { name: 'status', cell: (r, cli) => statusText(cli, r.info.status), csv: (r) => r.info.status },
  { name: 'start_time', cell: (r) => formatTime(r.info.startTime), csv: (r) => iso(r.info.startTime) },
  { name: 'end_time', cell: (r) => formatTime(r.info.endTime), csv: (r) => iso(r.info.endTime) },
  { name: 'duration', cell: (r) => formatDuration(runDuration(r.info)), csv: (r) => String(runDuration(r.info) ?? '') },
  { name: 'experiment_id', cell: (r) => r.info.experimentId, csv: (r) => r.info.experimentId },
  { name: 'user', cell: (r) => r.info.userId, csv: (r) => r.info.userId },
  { name: 'lifecycle_stage', cell: (r) => r.info.lifecycleStage, csv: (r) => r.info.lifecycleStage },
  { name: 'artifact_uri', cell: (r) => r.info.artifactUri, csv: (r) => r.info.artifactUri },
];

/** The info columns every listing starts with unless --columns says otherwise. */
export const DEFAULT_INFO = ['run_id', 'name', 'status', 'start_time', 'duration'];

/** A column by name: an info column, or `params.<key>`, `metrics.<key>`, `tags.<key>`. */
export function runColumn(name: string): RunColumn {
  const info = INFO_COLUMNS.find((c) => c.name === name);
  if (info !== undefined) return info;
  const match = /^(params|metrics|tags)\.(.+)$/.exec(name);
  if (match === null) {
    throw new UsageError(`Unknown column '${name}'. Use ${INFO_COLUMNS.map((c) => c.name).join(', ')}, or params.<key>, metrics.<key>, tags.<key>.`);
  }
  const [, group, key] = match as unknown as [string, 'params' | 'metrics' | 'tags', string];
  if (group === 'metrics') {
    return { name, cell: (r) => formatNumber(r.data.metrics[key]), csv: (r) => String(r.data.metrics[key] ?? '') };
  }
  return { name, cell: (r) => truncate(r.data[group][key] ?? ''), csv: (r) => r.data[group][key] ?? '' };
}

/**
 * The keys of a group whose values are not the same in every run (a missing value counts as
 * different), sorted; every key when there are fewer than two runs. One pass over the values.
 */
export function varyingKeys(runs: readonly Run[], group: 'params' | 'metrics'): string[] {
  const keys = new Map<string, { value: string; count: number; varies: boolean }>();
  for (const run of runs) {
    const values: Record<string, string | number> = run.data[group];
    for (const key of Object.keys(values)) {
      const value = String(values[key]);
      const seen = keys.get(key);
      if (seen === undefined) keys.set(key, { value, count: 1, varies: false });
      else {
        seen.count += 1;
        if (value !== seen.value) seen.varies = true;
      }
    }
  }
  return [...keys].filter(([, seen]) => runs.length < 2 || seen.varies || seen.count < runs.length).map(([key]) => key).sort();
}

/** Every key of a group, sorted. */
export function allKeys(runs: readonly Run[], group: 'params' | 'metrics' | 'tags'): string[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of Object.keys(run.data[group])) keys.add(key);
  return [...keys].sort();
}
