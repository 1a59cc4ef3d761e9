import { InvalidParameterError } from '../errors/index.js';

/** `mlflow gc --older-than`'s format: days, hours, minutes, seconds, each optional, in that order. */
const OLDER_THAN = /^((?<days>[.\d]+?)d)?((?<hours>[.\d]+?)h)?((?<minutes>[.\d]+?)m)?((?<seconds>[.\d]+?)s)?$/;

/**
 * Parses an age such as `30d`, `1d2h3m4s` or `1.5h` into milliseconds, with MLflow's regex
 * and rounding (mlflow/cli `gc`: `int(timedelta(...).total_seconds() * 1000)`).
 *
 * @example parseOlderThan('2d8h5m20s'); // 201920000
 * @throws InvalidParameterError for text MLflow could not parse either.
 */
export function parseOlderThan(text: string): number {
  const groups = OLDER_THAN.exec(text)?.groups;
  const parts = groups === undefined ? [] : [groups.days, groups.hours, groups.minutes, groups.seconds];
  const numbers = parts.map((part) => (part === undefined ? 0 : Number(part)));
  if (groups === undefined || text === '' || numbers.some((n) => !Number.isFinite(n))) {
    throw new InvalidParameterError(
      `Could not parse any time information from '${text}'. Examples of valid strings: '8h', '2d8h5m20s', '2m4s'.`,
    );
  }
  const [days = 0, hours = 0, minutes = 0, seconds = 0] = numbers;
  return Math.trunc((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000);
}
