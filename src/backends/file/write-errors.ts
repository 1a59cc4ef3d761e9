import { InternalError, InvalidParameterError, MlflowError, ResourceNotFoundError } from '../../errors/index.js';

/**
 * Turns a file-system failure during a store write into the MlflowError it means:
 * - ENOENT: the run or experiment folder went away mid-write (deleted, moved to `.trash`);
 * - EISDIR, ENOTDIR, EEXIST: a key clashes with another that uses it as a folder
 *   (`a` and `a/b` cannot both exist, as in MLflow);
 * - anything else: an INTERNAL_ERROR naming what was being written.
 */
export function storeWriteError(error: unknown, what: string): MlflowError {
  if (error instanceof MlflowError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = (error as Error | undefined)?.message ?? String(error);
  if (code === 'ENOENT') {
    return new ResourceNotFoundError(`Could not write ${what}: its folder no longer exists (it was deleted or moved to .trash meanwhile). Nothing more was written.`, { cause: error });
  }
  if (code === 'EISDIR' || code === 'ENOTDIR' || code === 'EEXIST') {
    return new InvalidParameterError(
      `Could not write ${what}: the key clashes with another key that uses it as a folder ('a' and 'a/b' cannot both exist). Use another key.`,
      { cause: error },
    );
  }
  return new InternalError(`Could not write ${what}: ${detail}`, { cause: error });
}
