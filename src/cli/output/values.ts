/** How values look in tables: local times to the second, short durations, 6 significant digits. */

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2024-05-01 14:03:07` in local time; '' for null. */
export function formatTime(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `850ms`, `12.3s`, `4m 05s`, `2h 07m`, `3d 04h`; '' when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null || ms < 0) return '';
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(Math.floor(s % 60))}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${pad(h % 24)}h`;
}

/** A run's duration: end minus start, or until now while it is running; null when it never ended. */
export function runDuration(info: { startTime: number; endTime: number | null; status: string }, now = Date.now()): number | null {
  if (info.endTime !== null) return info.endTime - info.startTime;
  return info.status === 'RUNNING' ? now - info.startTime : null;
}

/** A metric value with at most 6 significant digits (`0.912346`, `1.5e+21`, `NaN`). */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** Text cut to `max` characters with an ellipsis, line breaks shown as ⏎. */
export function truncate(text: string, max = 40): string {
  const flat = text.replace(/\r?\n/g, '⏎');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** JSON with NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity" (JSON cannot hold them). */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity') : v),
    2,
  );
}

/** CSV (RFC 4180): a header row, fields with a comma, quote or line break quoted, CRLF line ends. */
export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return [headers, ...rows].map((row) => row.map(escape).join(',')).join('\r\n') + '\r\n';
}
