import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileUriToPath, isLocalUri, pathToFileUri } from '../../format/uri.js';
import { pathExists } from './fs-io.js';

/**
 * Portable stores (spec 8.3): MLflow freezes absolute paths into every experiment and run
 * meta.yaml, so an mlruns folder that was moved or cloned from git points at a place that no
 * longer exists. When a recorded local location is missing and ends in the ids of the entity
 * it belongs to, the same folder under the store we were opened on is meant, provided the
 * root it names is gone too or is our own root (a deleted experiment now under `.trash`).
 * That proviso keeps an artifact root outside the store (`/data/art/<exp>/<run>/artifacts`
 * that nothing was logged to yet) where it is. Locations that exist, and non-local ones
 * (s3://...), are used as recorded.
 */

/** A recorded local URI or path as an absolute local path (relative ones against the cwd, as MLflow does). */
function localPath(recorded: string): string {
  const path = fileUriToPath(recorded);
  if (/^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\')) return path;
  return isAbsolute(path) ? path : resolve(path);
}

/** True when the path's last segments (split on `/` and `\`) are exactly `tail`. */
function endsWith(path: string, tail: readonly string[]): boolean {
  const segments = path.split(/[\\/]+/).filter((s) => s !== '');
  return tail.every((segment, i) => segments[segments.length - tail.length + i] === segment);
}

/**
 * True when both paths name the same folder: the same device and inode, so that links, bind
 * mounts and automounted paths are seen through; the same resolved path when either is missing.
 */
export async function sameFolder(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  if (x === undefined || y === undefined) return resolve(a) === resolve(b);
  return x.dev === y.dev && x.ino === y.ino;
}

async function rebase(recorded: string, tail: readonly string[], current: string, storeRoot: string): Promise<string> {
  if (!isLocalUri(recorded)) return recorded;
  const path = localPath(recorded);
  // Kept in its recorded form (bare path or file URI, as MLflow wrote it) unless relative.
  const asRecorded = isAbsolute(fileUriToPath(recorded)) ? recorded : pathToFileUri(path);
  if ((await pathExists(path)) || !endsWith(path, tail)) return asRecorded;
  const recordedRoot = path.split(/[\\/]+/).slice(0, -tail.length).join('/') || '/';
  const moved = !(await pathExists(recordedRoot)) || (await sameFolder(recordedRoot, storeRoot));
  return moved ? pathToFileUri(current) : asRecorded;
}

/**
 * Where a run's artifacts are now: its recorded `artifact_uri`, or `artifactDir` (the
 * `artifacts/` folder of the run where it was found, under the root or under `.trash`) when
 * the recorded folder is gone and ends in `<experiment_id>/<run_id>/artifacts`.
 */
export function resolveRunArtifactUri(recorded: string, ids: { experimentId: string; runId: string }, artifactDir: string, storeRoot: string): Promise<string> {
  return rebase(recorded, [ids.experimentId, ids.runId, 'artifacts'], artifactDir, storeRoot);
}

/**
 * Where new runs of an experiment keep their artifacts: its recorded `artifact_location`, or
 * its folder under the root when the recorded one is gone and ends in `<experiment_id>`.
 */
export function resolveExperimentArtifactLocation(recorded: string, experimentId: string, experimentDir: string, storeRoot: string): Promise<string> {
  return rebase(recorded, [experimentId], experimentDir, storeRoot);
}

/**
 * Where an MLflow 3 logged model's artifacts are now: its recorded `artifact_location`, or
 * `artifactDir` (the `artifacts/` folder of the model where it was found) when the recorded
 * folder is gone and ends in `<experiment_id>/models/<model_id>/artifacts`.
 */
export function resolveLoggedModelArtifactUri(recorded: string, ids: { experimentId: string; modelId: string }, artifactDir: string, storeRoot: string): Promise<string> {
  return rebase(recorded, [ids.experimentId, 'models', ids.modelId, 'artifacts'], artifactDir, storeRoot);
}
