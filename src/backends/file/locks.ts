import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { InternalError, ResourceNotFoundError } from '../../errors/index.js';
import { sleep } from './fs-io.js';
import { lazyPackage } from '../../lazy-package.js';

const properLockfile = lazyPackage<typeof import('proper-lockfile')>('proper-lockfile');

/**
 * Cross-process locks for read-modify-write steps, through proper-lockfile (a lock is a
 * folder created with mkdir, refreshed while held, and taken over when stale after a crash).
 *
 * The lock folder's name ends in `.trash`: MLflow skips every root entry whose name ends so
 * when it lists experiments, so a lock held while Python MLflow lists the store is invisible
 * to it (any other name would abort MLflow's listing with "Invalid experiment ID").
 */
const STORE_LOCK = '.mlruns-lock.trash';
/** Inside a run folder, anything but metrics/params/tags/artifacts is ignored by MLflow. */
const RUN_LOCK = '.mlruns-lock';

/** A held lock is refreshed every 2 s; one not refreshed for 10 s is taken over. */
const STALE_MS = 10_000;
const UPDATE_MS = 2_000;
/** How long to wait for a lock another process holds before giving up. */
const WAIT_MS = 120_000;

async function acquire(target: string, lockPath: string, what: string, onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
  const deadline = Date.now() + WAIT_MS;
  for (let delay = 5; ; delay = Math.min(delay * 1.5, 250)) {
    try {
      // No retries inside proper-lockfile: it would retry every error, a missing folder too.
      return await properLockfile().lock(target, { stale: STALE_MS, update: UPDATE_MS, realpath: false, retries: 0, lockfilePath: lockPath, onCompromised });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        throw new ResourceNotFoundError(`Could not lock ${what}: its folder no longer exists (it was deleted or moved to .trash meanwhile).`, { cause: error });
      }
      if (code !== 'ELOCKED' || Date.now() > deadline) {
        throw new InternalError(
          `Could not lock ${what} at '${lockPath}': ${(error as Error).message}. ` +
            `Another process has held it for ${WAIT_MS / 1000} s; a lock left by a crashed process is taken over ` +
            `automatically once it is ${STALE_MS / 1000} s old.`,
          { cause: error },
        );
      }
      await sleep(delay * (0.5 + Math.random()));
    }
  }
}

async function withLockAt<T>(target: string, lockPath: string, what: string, fn: () => Promise<T>): Promise<T> {
  // proper-lockfile's default reaction to a lock taken over while held (this process was
  // paused past the stale time) is to throw from a timer, which would kill the process.
  // Record it instead, and fail the operation that held the lock.
  let compromised: Error | undefined;
  const release = await acquire(target, lockPath, what, (error) => {
    compromised = error;
  });
  let result: T;
  try {
    result = await fn();
  } finally {
    if (compromised === undefined) await release().catch(() => undefined);
  }
  if (compromised !== undefined) {
    throw new InternalError(
      `The lock on ${what} was taken over by another process while this one held it (was the process paused for more than ` +
        `${STALE_MS / 1000} s?). The change was written, but may have raced with another writer; check the result.`,
      { cause: compromised },
    );
  }
  return result;
}

/** Serialises store-wide changes: experiment creation, rename, delete and restore. */
export async function withStoreLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  await fsp.mkdir(root, { recursive: true });
  return withLockAt(root, join(root, STORE_LOCK), 'the store', fn);
}

/** Serialises changes to one run's meta.yaml and params. */
export async function withRunLock<T>(runDir: string, fn: () => Promise<T>): Promise<T> {
  return withLockAt(runDir, join(runDir, RUN_LOCK), 'the run', fn);
}

export const LOCK_NAMES: ReadonlySet<string> = new Set([STORE_LOCK, RUN_LOCK]);
