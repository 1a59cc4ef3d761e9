import { InvalidParameterError } from '../errors/index.js';
import { checkPathNames } from './file-names.js';
import { describe } from './names.js';

/**
 * The segments of a run-relative artifact path (`plots/loss.png` → `['plots', 'loss.png']`,
 * '' or undefined → the artifact root, `[]`). Empty and `.` segments are dropped, as
 * posixpath.normpath drops them. Anything that could name a place outside the artifact root is
 * an InvalidParameterError: a `..` segment (also percent-encoded), a leading `/`, a drive
 * letter, a backslash or a NUL. MLflow refuses the same (mlflow/utils/uri.py,
 * validate_path_is_safe).
 *
 * @example
 * artifactPathSegments('plots/./loss.png', 'artifact path'); // ['plots', 'loss.png']
 */
export function artifactPathSegments(path: unknown, what: string): string[] {
  if (path === undefined || path === null) return [];
  if (typeof path !== 'string') {
    throw new InvalidParameterError(`The ${what} must be a string such as 'plots/loss.png'; got ${describe(path)}.`);
  }
  const decoded = decodeRepeatedly(path);
  const escapes =
    /[\\\0]/.test(decoded) ||
    decoded.startsWith('/') ||
    /^[A-Za-z]:/.test(decoded) ||
    decoded.split('/').includes('..');
  if (escapes) {
    throw new InvalidParameterError(
      `Invalid ${what} '${path}': artifact paths are relative to the run's artifact root and may not ` +
        `contain '..' segments or backslashes, or start with '/' or a drive letter. Use a path like 'plots/loss.png'.`,
    );
  }
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  checkPathNames(segments.join('/'), `The ${what}`);
  return segments;
}

/** Undoes percent-encoding until the text stops changing, so `%252e%252e` is seen as `..`. */
function decodeRepeatedly(text: string): string {
  let current = text;
  for (let i = 0; i < 5; i += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}
