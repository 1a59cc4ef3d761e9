import { isAbsolute, resolve } from 'node:path';

/**
 * Local URIs as MLflow writes and reads them (spec 8.1): `file://` + the absolute path with
 * every byte outside `A-Z a-z 0-9 _ . - ~ /` percent-encoded, like Python's pathlib as_uri().
 */
export function pathToFileUri(absolutePath: string): string {
  const posix = absolutePath.replaceAll('\\', '/');
  const withSlash = /^[A-Za-z]:\//.test(posix) ? `/${posix}` : posix;
  let encoded = '';
  for (const byte of Buffer.from(withSlash, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9_.\-~/]/.test(char) || (char === ':' && encoded.length === 2)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `file://${encoded}`;
}

/** The scheme of a URI (`file`, `s3`, ...), or '' for a plain path (a Windows drive is a path). */
export function uriScheme(uri: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri);
  if (!match || /^[A-Za-z]:[\\/]/.test(uri)) return '';
  return (match[1] ?? '').toLowerCase();
}

/** True for a plain path or a `file:` URI without a host. */
export function isLocalUri(uri: string): boolean {
  const scheme = uriScheme(uri);
  if (scheme === '') return true;
  if (scheme !== 'file') return false;
  return !/^file:\/\/[^/]/i.test(uri) || /^file:\/\/localhost\//i.test(uri);
}

/**
 * The local path a `file:` URI or plain path names: strips `file:`, `//` and any `localhost`,
 * drops a query or fragment, percent-decodes, and turns `/C:/x` into `C:/x`.
 */
export function fileUriToPath(uri: string): string {
  if (uriScheme(uri) !== 'file') return uri;
  let rest = uri.slice('file:'.length);
  rest = rest.replace(/[?#].*$/s, '');
  if (rest.startsWith('//')) rest = rest.slice(2).replace(/^localhost(?=\/)/i, '');
  const decoded = safeDecode(rest);
  return /^\/[A-Za-z]:[\\/]/.test(decoded) ? decoded.slice(1) : decoded;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/**
 * A store root from a constructor argument: a plain path (relative ones are resolved against
 * the working directory) or a `file:` URI.
 */
export function rootFromUri(uriOrPath: string, cwd = process.cwd()): string {
  const path = fileUriToPath(uriOrPath);
  return isAbsolute(path) ? resolve(path) : resolve(cwd, path);
}

/**
 * Appends POSIX path segments to a URI's path, keeping any `?query#fragment` at the end, as
 * MLflow does when it derives experiment and run artifact locations.
 */
export function appendToUri(uri: string, ...segments: string[]): string {
  const match = /^([^?#]*)(.*)$/s.exec(uri);
  const base = match?.[1] ?? uri;
  const suffix = match?.[2] ?? '';
  const tail = segments.map((s) => s.replace(/^\/+|\/+$/g, '')).filter((s) => s !== '');
  const joined = [base.replace(/\/+$/, ''), ...tail].join('/');
  return `${joined}${suffix}`;
}

/**
 * Resolves an artifact location given by a caller as MLflow does: a relative plain path
 * becomes an absolute path against the working directory; `file:relative` becomes a file URI;
 * absolute paths and other schemes are kept.
 */
export function resolveLocalUri(uri: string, cwd = process.cwd()): string {
  if (!isLocalUri(uri)) return uri;
  const scheme = uriScheme(uri);
  const path = fileUriToPath(uri);
  if (isAbsolute(path)) return uri;
  const absolute = resolve(cwd, path);
  if (scheme === '') return absolute;
  const match = /^[^?#]*(.*)$/s.exec(uri);
  return `${pathToFileUri(absolute)}${match?.[1] ?? ''}`;
}
