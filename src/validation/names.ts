import { InvalidParameterError } from '../errors/index.js';
import { checkPathNames, isSkippedFileName } from './file-names.js';
import { LIMITS, codePointLength } from './limits.js';

/**
 * Letters and digits as Python's Unicode `\w` sees them, plus MLflow's extra key characters:
 * `/`, `.`, `-`, space and `:`. Backslash, NUL and other controls are never allowed, so a key
 * can never name a path outside its folder except through `..` segments, checked below.
 */
const KEY_CHARACTERS = /^[\p{L}\p{N}_/.\- :]*$/u;

export type KeyKind = 'metric' | 'param' | 'tag' | 'experiment tag';

/**
 * Checks a metric, param or tag key: allowed characters, and "path-unique" (read as a POSIX
 * path it names exactly itself: no empty, `.` or `..` segment, no leading `/`, not starting
 * with `..`). Throws InvalidParameterError saying what is wrong and what is allowed.
 */
export function validateKey(key: unknown, kind: KeyKind): asserts key is string {
  if (typeof key !== 'string') {
    throw new InvalidParameterError(`A ${kind} key must be a string; got ${describe(key)}.`);
  }
  if (!KEY_CHARACTERS.test(key)) {
    throw new InvalidParameterError(
      `Invalid value ${JSON.stringify(key)} for ${kind} key: names may only contain letters, ` +
        `digits, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/).`,
    );
  }
  if (!isPathUnique(key)) {
    throw new InvalidParameterError(
      `Invalid value ${JSON.stringify(key)} for ${kind} key: keys are stored as file paths, so ` +
        `a key may not be empty, start with '/' or '..', end with '/', or contain '//', '/./' ` +
        `or '/../' segments.`,
    );
  }
  if (codePointLength(key) > LIMITS.entityKey && kind !== 'tag') {
    throw new InvalidParameterError(
      `The ${kind} key '${key.slice(0, 40)}...' exceeds the maximum length of ` +
        `${LIMITS.entityKey} characters.`,
    );
  }
  // Written, these would be skipped by every read: refused, so nothing logged is lost.
  const name = key.slice(key.lastIndexOf('/') + 1);
  if (isSkippedFileName(name)) {
    throw new InvalidParameterError(
      `Invalid ${kind} key '${key}': '${name}' is the name of a temporary file of this library or of a file operating systems ` +
        `create (.DS_Store, Thumbs.db, ...), which readers skip. Use another key.`,
    );
  }
  checkPathNames(key, `The ${kind} key`);
}

/** True for a key MLflow would accept: allowed characters and path-unique. */
export function isValidKeyName(key: string): boolean {
  return KEY_CHARACTERS.test(key) && isPathUnique(key);
}

/** True when posixpath.normpath(key) would give back the key itself. */
export function isPathUnique(key: string): boolean {
  if (key === '' || key.startsWith('/') || key.startsWith('..')) return false;
  return key.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

const RUN_ID = /^[a-zA-Z0-9][\p{L}\p{N}_-]{0,255}$/u;
const EXPERIMENT_ID = /^[a-zA-Z0-9][\p{L}\p{N}_-]{0,63}$/u;

/** True for a folder name that can be an experiment id (MLflow's pattern). */
export function isExperimentIdName(name: string): boolean {
  return EXPERIMENT_ID.test(name);
}

/** Run ids name folders: MLflow's pattern (alphanumeric, then word characters or '-'). */
export function validateRunId(runId: unknown): asserts runId is string {
  if (typeof runId !== 'string' || !RUN_ID.test(runId)) {
    throw new InvalidParameterError(
      `Invalid run id ${describe(runId)}: a run id starts with a letter or digit and holds only ` +
        `letters, digits, '_' and '-' (MLflow writes 32 lowercase hex characters).`,
    );
  }
}

/** Experiment ids name folders: MLflow's pattern (up to 64 word characters or '-'). */
export function validateExperimentId(experimentId: unknown): asserts experimentId is string {
  if (typeof experimentId !== 'string' || !EXPERIMENT_ID.test(experimentId)) {
    throw new InvalidParameterError(
      `Invalid experiment ID ${describe(experimentId)}: an experiment id is a string of up to ` +
        `64 letters, digits, '_' or '-' starting with a letter or digit, such as '0' or ` +
        `'473869837152367325'.`,
    );
  }
}

/** Experiment names: a non-empty string of at most 500 characters. */
export function validateExperimentName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name === '') {
    throw new InvalidParameterError(
      `Invalid experiment name: ${describe(name)}. Give a non-empty string.`,
    );
  }
  if (codePointLength(name) > LIMITS.experimentName) {
    throw new InvalidParameterError(
      `The experiment name 'name' exceeds the maximum length of ${LIMITS.experimentName} ` +
        `characters (got ${codePointLength(name)}).`,
    );
  }
}

/** A short, quoted rendering of any value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 60)}...` : value}'`;
  if (value === null) return 'None';
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  return typeof value === 'object' ? Object.prototype.toString.call(value) : String(value);
}
