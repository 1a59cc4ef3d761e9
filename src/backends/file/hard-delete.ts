import { promises as fsp } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { META_FILE } from '../../format/layout.js';
import { fileUriToPath, isLocalUri } from '../../format/uri.js';
import { sameFolder } from './artifact-location.js';
import { pathExists, removeFile } from './fs-io.js';

/**
 * The file side of `mlflow gc`: removing a deleted run's, logged model's or experiment's
 * folders for good (file_store.py `_hard_delete_run`, `_hard_delete_logged_model`,
 * `_hard_delete_experiment`) and the artifacts of runs and logged models (`mlflow gc` deletes
 * them through the artifact repository first).
 */

/** What became of a run's or logged model's artifacts when it was removed. */
export interface RemovedArtifacts {
  /** The local folder that was removed, if any. */
  readonly removed?: string;
  /** The location left in place (not local, or not shaped like a run's artifact folder). */
  readonly left?: string;
}

/**
 * Removes a run's or logged model's artifact folder when it is local. Unlike `mlflow gc`,
 * which deletes whatever the recorded location names, only a folder ending in
 * `<owner id>/artifacts` is removed, so a hand-edited location can never take a larger folder
 * with it; and not one that sits in another store's run or model folder (one with its own
 * meta.yaml, other than `ownerDir`): that is where a copied or cloned store still points while
 * the original is in place, and its artifacts are the original's.
 */
export async function removeArtifactFolder(artifactUri: string, ownerId: string, ownerDir: string): Promise<RemovedArtifacts> {
  if (artifactUri === '') return {};
  if (!isLocalUri(artifactUri)) return { left: artifactUri };
  const path = fileUriToPath(artifactUri);
  const segments = path.split(/[\\/]+/).filter((s) => s !== '');
  if (!isAbsolute(path) || segments.at(-1) !== 'artifacts' || segments.at(-2) !== ownerId) return { left: artifactUri };
  const holder = dirname(path);
  if ((await pathExists(join(holder, META_FILE))) && !(await sameFolder(holder, ownerDir))) return { left: artifactUri };
  const existed = await fsp.stat(path).then(() => true, () => false);
  await fsp.rm(path, { recursive: true, force: true });
  return existed ? { removed: path } : {};
}

/**
 * Removes a run's or logged model's folder. Its meta.yaml goes first: a folder without one is
 * skipped by every reader, MLflow included, so a crash part-way leaves nothing that looks like
 * a run or a model.
 */
export async function removeMetaFolder(dir: string): Promise<void> {
  await removeFile(join(dir, META_FILE));
  await fsp.rm(dir, { recursive: true, force: true });
}

/** Removes an experiment folder (under `.trash`) with everything in it. */
export async function removeExperimentFolder(experimentDir: string): Promise<void> {
  await fsp.rm(experimentDir, { recursive: true, force: true });
}
