/**
 * PyYAML's SafeConstructor for the typed scalars (construct_yaml_int, _float, _timestamp and
 * _binary), applied to the text of a scalar the resolver or an explicit tag has typed.
 */
import type { Node as YamlNode } from 'yaml';
import { fail } from './errors.js';

/** Python-style `int` arithmetic on arbitrary-size integers, returned as number when exact. */
function toIntegerValue(value: bigint): number | bigint {
  const small = Number(value);
  return Number.isSafeInteger(small) ? small : value;
}

/** PyYAML construct_yaml_int: sign, then 0b / 0x / leading-0 octal / base 60 / decimal. */
export function constructInt(text: string, node: YamlNode): number | bigint {
  let digits = text.replaceAll('_', '');
  const sign = digits.startsWith('-') ? -1n : 1n;
  if (digits.startsWith('-') || digits.startsWith('+')) digits = digits.slice(1);
  try {
    if (digits === '0') return 0;
    if (digits.startsWith('0b')) return toIntegerValue(sign * BigInt(`0b${digits.slice(2)}`));
    if (digits.startsWith('0x')) return toIntegerValue(sign * BigInt(`0x${digits.slice(2)}`));
    if (digits.startsWith('0')) return toIntegerValue(sign * BigInt(`0o${digits.slice(1)}`));
    if (digits.includes(':')) {
      const total = digits.split(':').reduce((acc, part) => acc * 60n + BigInt(part), 0n);
      return toIntegerValue(sign * total);
    }
    if (!/^[0-9]+$/.test(digits)) throw new SyntaxError(digits);
    return toIntegerValue(sign * BigInt(digits));
  } catch (cause) {
    return fail(`invalid integer ${JSON.stringify(text)}`, node, cause);
  }
}

/** PyYAML construct_yaml_float: `_` ignored, `.inf` / `.nan`, base 60 with a fraction. */
export function constructFloat(text: string, node: YamlNode): number {
  let body = text.replaceAll('_', '').toLowerCase();
  const sign = body.startsWith('-') ? -1 : 1;
  if (body.startsWith('-') || body.startsWith('+')) body = body.slice(1);
  if (body === '.inf') return sign * Infinity;
  if (body === '.nan') return NaN;
  const value = body.includes(':')
    ? body.split(':').reduce((acc, part) => acc * 60 + Number(part), 0)
    : Number(body);
  if (body === '' || Number.isNaN(value)) fail(`invalid float ${JSON.stringify(text)}`, node);
  return sign * value;
}

const TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/;

/**
 * PyYAML builds a `datetime.date` or `datetime.datetime`; we return a `Date`, reading a time
 * without a zone as UTC (PyYAML's naive datetime) and keeping milliseconds of the fraction.
 */
export function constructTimestamp(text: string, node: YamlNode): Date {
  const m = TIMESTAMP.exec(text);
  if (!m) fail(`invalid timestamp ${JSON.stringify(text)}`, node);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetMinutes = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11] ?? 0)) : 0;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const validDay = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  // Python's datetime rejects what Date would roll over: 2024-02-30, year 0, 24:00:00.
  if (!validDay || year < 1 || hour > 23 || minute > 59 || second > 59) fail(`invalid timestamp ${JSON.stringify(text)}`, node);
  date.setUTCHours(hour, minute - offsetMinutes, second, millis);
  return date;
}

/** PyYAML construct_yaml_binary gives `bytes`; base64 with any whitespace in between. */
export function constructBinary(text: string, node: YamlNode): Uint8Array {
  try {
    return Uint8Array.from(atob(text.replace(/\s+/g, '')), (ch) => ch.charCodeAt(0));
  } catch (cause) {
    return fail(`invalid base64 data ${JSON.stringify(text)}`, node, cause);
  }
}
