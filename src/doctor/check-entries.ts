import { promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import { TEMP_PREFIX, walkFiles } from '../backends/file/fs-io.js';
import { isMlflowError } from '../errors/index.js';
import { MetricLineError, parseMetricLine } from '../format/metric-lines.js';
import { validateKey } from '../validation/index.js';
import type { ScanContext } from './scan-context.js';

/** Files operating systems drop into folders; never data, and they break MLflow's reading. */
const OS_JUNK: ReadonlySet<string> = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks the files of a `metrics/`, `params/` or `tags/` folder (spec 3.1): every file is a
 * key to MLflow, so junk and badly named files break its reading of the run; values with CRLF
 * come from a Windows checkout (spec 8.3.4); metric lines must have 2, 3 or 5 fields.
 */
export async function checkEntries(scan: ScanContext, dir: string, kind: 'metrics' | 'params' | 'tags', owner: string): Promise<void> {
  for (const key of await walkFiles(dir)) {
    const path = join(dir, ...key.split('/'));
    const name = basename(path);
    if (name.startsWith(TEMP_PREFIX)) {
      if (await scan.isOld(path)) scan.add('TEMP_FILE', path, `leftover temporary file of an interrupted write`, { kind: 'remove', target: path });
      continue;
    }
    if (OS_JUNK.has(name)) {
      scan.add('JUNK_FILE', path, `'${name}' in ${kind}/ of ${owner} is read by MLflow as a ${kind.slice(0, -1)} and breaks reading it`, { kind: 'remove', target: path });
      continue;
    }
    try {
      validateKey(key, 'tag');
    } catch (error) {
      if (!isMlflowError(error)) throw error;
      scan.add('INVALID_ENTRY', path, `'${key}' in ${kind}/ of ${owner} is not a valid key, and MLflow fails reading the run; rename or remove it`);
      continue;
    }
    const bytes = await fsp.readFile(path);
    if (kind === 'metrics') checkMetricFile(scan, path, bytes.toString('utf8'), key, owner);
    else checkValue(scan, path, bytes, kind, owner);
  }
}

function checkValue(scan: ScanContext, path: string, bytes: Buffer, kind: 'params' | 'tags', owner: string): void {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    scan.add('INVALID_ENTRY', path, `this ${kind.slice(0, -1)} of ${owner} is not UTF-8 text; MLflow fails reading the run`);
    return;
  }
  if (text.includes('\r\n')) {
    scan.add(
      'CRLF_VALUE',
      path,
      `this ${kind.slice(0, -1)} of ${owner} has Windows line endings (CRLF), likely from a git checkout with core.autocrlf; ` +
        `add 'mlruns/** -text' to .gitattributes and check the store out again`,
    );
  }
}

function checkMetricFile(scan: ScanContext, path: string, text: string, key: string, owner: string): void {
  if (text.trim() === '') {
    scan.add('MALFORMED_METRIC', path, `metric '${key}' of ${owner} has no data; MLflow fails every search of its experiment`);
    return;
  }
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    try {
      parseMetricLine(line, key, '');
    } catch (error) {
      if (!(error instanceof MetricLineError)) throw error;
      scan.add('MALFORMED_METRIC', path, `line ${i + 1} of metric '${key}' of ${owner} is malformed (${JSON.stringify(line)}); MLflow fails reading the run`);
      return;
    }
  }
}
