import { promises as fsp } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { InvalidStateError } from '../../errors/index.js';
import { isNotFound } from './fs-io.js';

/**
 * Writes below the store root go through real folders and files only. A symbolic link on the
 * way (a run or experiment folder, its metrics/, params/, tags/ or artifacts/ folder, a key's
 * file, `.trash`) is refused, so a store from a clone or an archive that holds links cannot
 * make a write land outside it. The root itself may be a link; reads follow links, as MLflow's.
 *
 * Checks every existing component of `path` below `base` (one lstat each); components that do
 * not exist yet will be created as real folders. A path outside `base` is not checked.
 */
export async function assertNoLinks(base: string, path: string): Promise<void> {
  const link = await firstLink(base, path);
  if (link !== undefined) {
    throw new InvalidStateError(
      `Refusing to write through '${link.path}': it is a symbolic link (to '${link.target}') inside the store. mlruns writes only to ` +
        `real folders and files below the store root, so that a store that holds links cannot make it write elsewhere. ` +
        `Replace the link with a copy of what it points to.`,
    );
  }
}

/** The first symbolic link among the existing components of `path` below `base`, if any. */
export async function firstLink(base: string, path: string): Promise<{ path: string; target: string } | undefined> {
  const inside = relative(base, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  let current = base;
  for (const part of inside.split(sep)) {
    current = join(current, part);
    let isLink: boolean;
    try {
      isLink = (await fsp.lstat(current)).isSymbolicLink();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    if (isLink) return { path: current, target: await fsp.readlink(current).catch(() => 'somewhere') };
  }
  return undefined;
}
