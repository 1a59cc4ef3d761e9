import { constants as fsConstants, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { customAlphabet } from 'nanoid';
import { lazyPackage } from '../../lazy-package.js';
import { TEMP_PREFIX } from '../../format/layout.js';
import { InternalError } from '../../errors/index.js';

/**
 * File access for the file backend: reads that treat "missing" as a value, atomic rewrites,
 * appends, and directory walks. Nothing here knows the mlruns layout.
 */

export function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** A file's bytes, or null when the file does not exist. */
export async function readBytesOrNull(path: string): Promise<Buffer | null> {
  try {
    return await fsp.readFile(path);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** A file's content as UTF-8 text, or null when the file does not exist. */
export async function readTextOrNull(path: string): Promise<string | null> {
  return (await readBytesOrNull(path))?.toString('utf8') ?? null;
}

/** fs-extra, for moves that may cross file systems (rename cannot). */
const fsExtra = lazyPackage<typeof import('fs-extra')>('fs-extra');

const tempSuffix = customAlphabet('abcdefghijklmnopqrstuvwxyz0123456789', 12);

export { TEMP_PREFIX };

/**
 * Replaces a file's content atomically: the text goes to a temporary file in `tempDir` (which
 * must be on the same file system and is a folder MLflow never lists entries of), then is
 * renamed over the target. A reader, or a process killed mid-write, sees the old bytes or the
 * new, never a mix. `durable` also flushes the bytes to disk before the rename, so a power
 * loss cannot leave an empty file either; it is used for meta.yaml files, which are few.
 */
export async function writeFileAtomic(path: string, content: string, tempDir = dirname(path), durable = false): Promise<void> {
  await fsp.mkdir(dirname(path), { recursive: true });
  await replaceFile(path, content, tempDir, durable);
}

/**
 * writeFileAtomic without creating any folder: the target's folder must exist. Store code
 * uses it under run and experiment folders, so that a write racing with an experiment being
 * moved to `.trash` fails (ENOENT) instead of re-creating the old folder.
 */
export async function replaceFile(path: string, content: string, tempDir = dirname(path), durable = false): Promise<void> {
  const temp = join(tempDir, `${TEMP_PREFIX}${basename(path).slice(0, 40)}-${tempSuffix()}`);
  const handle = await fsp.open(temp, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    if (durable) await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
}

/**
 * Creates `baseDir` (whose parent must exist) and the sub-folders a key with `/` needs below
 * it, one level at a time, never above `baseDir`.
 */
export async function ensureKeyParents(baseDir: string, key: string): Promise<void> {
  let dir = baseDir;
  await mkdirOne(dir);
  if (!(await isDirectory(dir))) {
    throw new InternalError(`'${dir}' should be a folder but is a file: the store is damaged there (mlruns doctor lists such problems).`);
  }
  for (const segment of key.split('/').slice(0, -1)) {
    dir = join(dir, segment);
    await mkdirOne(dir);
  }
}

/** mkdir of one folder whose parent must exist; an existing folder is fine. */
export async function mkdirOne(dir: string): Promise<void> {
  try {
    await fsp.mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Opening a symbolic link with this flag fails (ELOOP); 0 where the platform has no such flag. */
const NO_FOLLOW = fsConstants.O_NOFOLLOW ?? 0;

/**
 * Appends text with one write() on a file opened in append mode, so lines from concurrent
 * writers land whole, one after the other (local file systems apply O_APPEND writes
 * atomically). A file that does not exist yet is created with the text already in it (see
 * createWithText), so a process killed mid-way never leaves an empty file, which MLflow
 * cannot read. A symbolic link in the file's place is refused (ELOOP), never followed. The
 * folder must exist; `tempDir` is as for replaceFile.
 */
export async function appendText(path: string, text: string, tempDir = dirname(path)): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await fsp.open(path, fsConstants.O_WRONLY | fsConstants.O_APPEND | NO_FOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (await createWithText(path, text, tempDir)) return;
    // Another writer created it meanwhile: append after its lines.
    handle = await fsp.open(path, fsConstants.O_WRONLY | fsConstants.O_APPEND | NO_FOLLOW);
  }
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Creates `path` holding `text`, atomically: the text goes to a temporary file that is then
 * hard-linked to `path`, which fails if `path` exists. False when it already existed. On file
 * systems without hard links (FAT, some network shares) it falls back to a plain append.
 */
async function createWithText(path: string, text: string, tempDir: string): Promise<boolean> {
  const temp = join(tempDir, `${TEMP_PREFIX}${basename(path).slice(0, 40)}-${tempSuffix()}`);
  await fsp.writeFile(temp, text, 'utf8');
  try {
    await fsp.link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    await fsp.appendFile(path, text, { encoding: 'utf8', flag: 'a' });
    return true;
  } finally {
    await fsp.rm(temp, { force: true });
  }
}

export async function ensureDir(path: string): Promise<void> {
  await fsp.mkdir(path, { recursive: true });
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await fsp.access(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await fsp.stat(path)).isDirectory();
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Names of the sub-folders of `path` (following symlinks), sorted; [] when it does not exist. */
export async function listSubdirs(path: string): Promise<string[]> {
  let entries;
  try {
    entries = await fsp.readdir(path, { withFileTypes: true });
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) names.push(entry.name);
    else if (entry.isSymbolicLink() && (await isDirectory(join(path, entry.name)))) names.push(entry.name);
  }
  return names.sort();
}

/**
 * Every file below `root`, as paths relative to it with `/` separators, sorted. Symbolic links
 * are not followed (a planted link must not make us read outside the store). [] when missing.
 */
export async function walkFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string, prefix: string): Promise<void> {
    let entries;
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) await walk(join(dir, entry.name), relative);
      else if (entry.isFile()) found.push(relative);
    }
  }
  await walk(root, '');
  return found.sort();
}

/** True when `path` is a regular file (not a folder, not missing). */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await fsp.stat(path)).isFile();
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Removes a folder and everything in it; nothing happens when it does not exist. */
export async function removeTree(path: string): Promise<void> {
  await fsp.rm(path, { recursive: true, force: true });
}

/** Renames a folder; fails (EEXIST/ENOTEMPTY) when the target exists and is not empty. */
export async function renameDir(from: string, to: string): Promise<void> {
  await fsp.rename(from, to);
}

export async function removeFile(path: string): Promise<void> {
  await fsp.rm(path, { force: true });
}

/** Moves a folder; fails if the target exists. */
export async function moveDir(from: string, to: string): Promise<void> {
  await fsExtra().move(from, to, { overwrite: false });
}

/**
 * Pauses before an empty meta.yaml is read again: Python MLflow rewrites metas in place, so a
 * reader can catch one empty for a moment. After these it counts as malformed.
 */
export const REWRITE_RETRY_DELAYS_MS: readonly number[] = [50, 100];

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
