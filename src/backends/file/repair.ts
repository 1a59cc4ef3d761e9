import { promises as fsp } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { RUN_FOLDERS, isRunFolderName, layout } from '../../format/layout.js';
import { experimentLocations } from './experiments.js';
import { ensureDir, isDirectory, listSubdirs, pathExists } from './fs-io.js';

/**
 * Recreates the folders git does not keep when they are empty: `.trash/` and, in every run
 * folder that has a meta.yaml (active and deleted experiments), `metrics/`, `params/`,
 * `tags/` and `artifacts/`. MLflow 3.8+ reports a run without them as not found; this library
 * reads such runs either way. Returns the folders it created, relative to `root` with `/`.
 */
export async function recreateEmptyFolders(root: string): Promise<string[]> {
  const created: string[] = [];
  const ensure = async (dir: string): Promise<void> => {
    if (await isDirectory(dir)) return;
    await ensureDir(dir);
    created.push(relative(root, dir).split(sep).join('/'));
  };
  await ensure(layout.trash(root));
  for (const location of await experimentLocations(root, 'ALL', () => undefined)) {
    for (const name of await listSubdirs(location.dir)) {
      if (!isRunFolderName(name)) continue;
      const runDir = layout.runDir(location.dir, name);
      if (!(await pathExists(layout.runMeta(runDir)))) continue;
      for (const folder of RUN_FOLDERS) await ensure(join(runDir, folder));
    }
  }
  return created;
}

/** True when `root` is a folder (a store to repair must exist). */
export async function isStoreFolder(root: string): Promise<boolean> {
  return (await fsp.stat(root).catch(() => undefined))?.isDirectory() ?? false;
}
