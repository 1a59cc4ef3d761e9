import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * A record of every file, folder and link below a folder (paths, kinds, sizes, modification
 * times), without following links, to prove that nothing changed there.
 */
export type TreeSnapshot = ReadonlyMap<string, string>;

/** Snapshots `dir`, leaving out the sub-trees `skip` (absolute paths), such as the store itself. */
export async function snapshotTree(dir: string, skip: readonly string[]): Promise<TreeSnapshot> {
  const entries = new Map<string, string>();
  const visit = async (path: string): Promise<void> => {
    if (skip.some((s) => path === s || path.startsWith(s + sep))) return;
    const stats = await lstat(path);
    const kind = stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'dir' : 'file';
    entries.set(relative(dir, path) || '.', `${kind} ${stats.isDirectory() ? '-' : stats.size} ${stats.mtimeMs}`);
    if (kind === 'dir') for (const name of await readdir(path)) await visit(join(path, name));
  };
  await visit(dir);
  return entries;
}

/** What differs between two snapshots, one line per path; [] when nothing does. */
export function snapshotChanges(before: TreeSnapshot, after: TreeSnapshot): string[] {
  const changes: string[] = [];
  for (const [path, entry] of after) {
    const old = before.get(path);
    if (old === undefined) changes.push(`${path}: created (${entry})`);
    else if (old !== entry) changes.push(`${path}: changed (${old} -> ${entry})`);
  }
  for (const path of before.keys()) if (!after.has(path)) changes.push(`${path}: removed`);
  return changes;
}
