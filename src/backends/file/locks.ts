import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { InternalError } from '../../errors/index.js';

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

const OPTIONS = {
  stale: 10_000,
  update: 2_000,
  realpath: false,
  retries: { retries: 200, factor: 1.3, minTimeout: 5, maxTimeout: 250, randomize: true },
} as const;

async function withLockAt<T>(target: string, lockPath: string, what: string, fn: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(target, { ...OPTIONS, lockfilePath: lockPath });
  } catch (error) {
    throw new InternalError(
      `Could not lock ${what} at '${lockPath}' for writing: ${(error as Error).message}. ` +
        `Another process may hold it; if none does, remove that folder.`,
      { cause: error },
    );
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
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
