import { isStoreFolder, recreateEmptyFolders } from '../backends/file/repair.js';
import { InternalError, ResourceNotFoundError } from '../errors/index.js';
import { defaultTrackingUri, resolveStoreRoot } from './tracking-uri.js';

/**
 * Recreates the empty folders that git does not keep, so Python MLflow 3.8+ can open a store
 * fresh from `git clone`: `.trash/`, and `metrics/`, `params/`, `tags/` and `artifacts/` in
 * every run folder. (MLflow reports a run without them as "not found"; this library reads such
 * runs either way.) Returns the folders it created, relative to the store root. Nothing else is
 * touched, so it is safe to run after every clone or pull.
 *
 * @example
 * // after `git clone`:
 * const created = await ensureRunFolders('./mlruns'); // ['0/5f1c.../params', ...]
 */
export async function ensureRunFolders(trackingUri: string = defaultTrackingUri()): Promise<string[]> {
  const root = resolveStoreRoot(trackingUri);
  if (!(await isStoreFolder(root))) {
    throw new ResourceNotFoundError(`There is no mlruns store at '${root}'. Give the folder that holds the experiment folders (usually ./mlruns).`);
  }
  try {
    return await recreateEmptyFolders(root);
  } catch (error) {
    throw new InternalError(`Could not recreate the empty folders of the store at '${root}': ${(error as Error).message}`, { cause: error });
  }
}
