import { promises as fsp } from 'node:fs';
import { relative, sep } from 'node:path';
import type { ProblemCode, StoreFix, StoreProblem } from './problems.js';

/** Leftovers younger than this may belong to a writer at work right now, so they are left alone. */
export const LEFTOVER_AGE_MS = 60_000;

/** Collects problems with paths relative to the store root. */
export class ScanContext {
  readonly problems: StoreProblem[] = [];

  constructor(
    readonly root: string,
    readonly now: number,
  ) {}

  add(code: ProblemCode, path: string, message: string, fix?: StoreFix): void {
    const shown = relative(this.root, path).split(sep).join('/');
    this.problems.push(fix === undefined ? { code, path: shown, message } : { code, path: shown, message, fix });
  }

  /** True when the file or folder was last changed more than LEFTOVER_AGE_MS ago. */
  async isOld(path: string): Promise<boolean> {
    const stats = await fsp.lstat(path).catch(() => undefined);
    return stats !== undefined && this.now - stats.mtimeMs > LEFTOVER_AGE_MS;
  }
}

/** The entries of a folder, split into folders and files; empty when it does not exist. */
export async function readFolder(path: string): Promise<{ dirs: string[]; files: string[] }> {
  const entries = await fsp.readdir(path, { withFileTypes: true }).catch(() => []);
  const dirs: string[] = [];
  const files: string[] = [];
  for (const entry of entries) (entry.isDirectory() ? dirs : files).push(entry.name);
  return { dirs: dirs.sort(), files: files.sort() };
}
