import type { Run } from '../entities/index.js';

/**
 * One run as a flat record, the shape of a row of Python's `mlflow.search_runs()` DataFrame:
 * `run_id`, `experiment_id`, `status`, `artifact_uri`, `start_time`, `end_time` (Dates, UTC),
 * then `metrics.<key>` (numbers), `params.<key>` and `tags.<key>` (strings).
 */
export type RunRecord = {
  readonly run_id: string;
  readonly experiment_id: string;
  readonly status: string;
  readonly artifact_uri: string;
  readonly start_time: Date;
  readonly end_time: Date | null;
} & Readonly<Record<`metrics.${string}` | `params.${string}` | `tags.${string}`, number | string | undefined>>;

const INFO_COLUMNS = ['run_id', 'experiment_id', 'status', 'artifact_uri', 'start_time', 'end_time'] as const;

/**
 * Flattens runs into records, one per run, in the order given. A key that some runs lack is
 * simply absent from their records (it shows as an empty cell in CSV).
 *
 * @example
 * const { runs } = await client.searchRuns([id]);
 * console.table(runsToRecords(runs));
 */
export function runsToRecords(runs: readonly Run[]): RunRecord[] {
  return runs.map((run) => {
    const record: Record<string, unknown> = {
      run_id: run.info.runId,
      experiment_id: run.info.experimentId,
      status: run.info.status,
      artifact_uri: run.info.artifactUri,
      start_time: new Date(run.info.startTime),
      end_time: run.info.endTime === null ? null : new Date(run.info.endTime),
    };
    for (const [prefix, values] of [['metrics', run.data.metrics], ['params', run.data.params], ['tags', run.data.tags]] as const) {
      for (const key of Object.keys(values).sort()) record[`${prefix}.${key}`] = values[key];
    }
    return record as RunRecord;
  });
}

/** The columns of a set of records: the info columns, then every metric, param and tag column, sorted within each group. */
export function recordColumns(records: readonly RunRecord[]): string[] {
  const extra = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) if (key.includes('.')) extra.add(key);
  const group = (prefix: string) => [...extra].filter((c) => c.startsWith(`${prefix}.`)).sort();
  return [...INFO_COLUMNS, ...group('metrics'), ...group('params'), ...group('tags')];
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  return String(value);
}

/**
 * Records as CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes
 * doubled; lines end in CRLF), with a header row of column names.
 *
 * @example await writeFile('runs.csv', recordsToCsv(runsToRecords(runs)));
 */
export function recordsToCsv(records: readonly RunRecord[]): string {
  const columns = recordColumns(records);
  const escape = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const lines = [columns.map(escape).join(',')];
  for (const record of records) {
    lines.push(columns.map((column) => escape(cellText((record as Record<string, unknown>)[column]))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Records as one JSON document (an array). Dates become ISO strings; NaN and ±Infinity, which
 * JSON cannot hold, become the strings "NaN", "Infinity" and "-Infinity".
 *
 * @example console.log(recordsToJson(runsToRecords(runs)));
 */
export function recordsToJson(records: readonly RunRecord[]): string {
  return JSON.stringify(records, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    return value;
  });
}
