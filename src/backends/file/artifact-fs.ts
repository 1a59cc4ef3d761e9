import { promises as fsp } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { customAlphabet } from 'nanoid';
import { InvalidParameterError } from '../../errors/index.js';
import { isNotFound } from './fs-io.js';

/**
 * Where a path really is once every symbolic link on it is followed. Parts that do not exist
 * yet are appended to the real path of the longest existing prefix, so a path can be checked
 * before it is created. A dangling link is refused: where it points cannot be known.
 */
export async function realLocation(path: string): Promise<string> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(await fsp.realpath(current), ...missing.reverse());
    } catch (error) {
      if (!isNotFound(error)) throw error;
      const link = await fsp.lstat(current).catch(() => undefined);
      if (link?.isSymbolicLink()) {
        throw new InvalidParameterError(`'${current}' is a symbolic link to a place that does not exist; remove it or point it inside the artifact root.`);
      }
      const parent = dirname(current);
      if (parent === current) return path;
      missing.push(basename(current));
      current = parent;
    }
  }
}

/**
 * Checks that `target` (under `base`) stays inside `base` after symbolic links are followed,
 * and returns `target`. `shown` is the run-relative path for the error message.
 */
export async function assertInside(base: string, target: string, shown: string): Promise<string> {
  const realBase = await realLocation(base);
  const realTarget = await realLocation(target);
  if (realTarget !== realBase && !realTarget.startsWith(realBase.endsWith(sep) ? realBase : realBase + sep)) {
    throw new InvalidParameterError(
      `Invalid artifact path '${shown}': it leads to '${realTarget}' through a symbolic link, outside the ` +
        `run's artifact root '${realBase}'. Artifacts are only read and written inside the artifact root.`,
    );
  }
  return target;
}

/** A folder tree as found on disk: its sub-folders and files, each as path segments. */
export interface Tree {
  readonly dirs: string[][];
  readonly files: { readonly source: string; readonly segments: string[] }[];
}

/**
 * Every folder and file below `dir`, following symbolic links as shutil.copytree does, with
 * each real folder visited once so a link back up the tree cannot loop. `skip` names entries
 * to leave out (temporary files).
 */
export async function walkTree(dir: string, skip: (name: string) => boolean = () => false): Promise<Tree> {
  const tree: Tree = { dirs: [], files: [] };
  const seen = new Set<string>();
  async function walk(current: string, prefix: string[]): Promise<void> {
    const real = await fsp.realpath(current);
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of await fsp.readdir(current, { withFileTypes: true })) {
      if (skip(entry.name)) continue;
      const path = join(current, entry.name);
      const segments = [...prefix, entry.name];
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await fsp.stat(path).then((s) => s.isDirectory(), () => false)));
      if (isDir) {
        tree.dirs.push(segments);
        await walk(path, segments);
      } else {
        tree.files.push({ source: path, segments });
      }
    }
  }
  await walk(dir, []);
  return tree;
}

const tempName = customAlphabet('abcdefghijklmnopqrstuvwxyz0123456789', 10);

/**
 * Puts a file in place atomically: the bytes go to a temporary file in the destination folder,
 * which is then renamed over the target, so a reader sees no file or the whole file.
 */
export async function placeFileAtomic(target: string, tempPrefix: string, write: (temp: string) => Promise<void>): Promise<void> {
  await fsp.mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `${tempPrefix}${tempName()}`);
  try {
    await write(temp);
    await fsp.rename(temp, target);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
}

/** Copies a file with its permission bits and times, as shutil.copy2 does. */
export async function copyFileWithTimes(source: string, target: string): Promise<void> {
  await fsp.copyFile(source, target);
  const stats = await fsp.stat(source);
  await fsp.utimes(target, stats.atime, stats.mtime);
}
