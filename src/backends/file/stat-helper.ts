import { Worker } from 'node:worker_threads';

/**
 * A second thread that makes half of the stat calls of a large check, while the calling thread
 * makes the other half (git's preload-index does the same for its lstat calls). A repeated
 * search spends most of its time in stat system calls, one per file it used (about 100,000 at
 * 10,000 runs), and they do not depend on each other.
 *
 * The calling thread stays synchronous: it posts the paths, makes its own stats, then blocks
 * on a shared flag until the helper is done. When the helper is not running (still starting,
 * failed, or too slow), the caller makes every stat itself, so results never depend on it.
 */

/** Paths with the signature each must still have: 4 numbers per path (ino, size, mtime, ctime). */
export interface StatBatch {
  readonly paths: readonly string[];
  readonly signatures: Float64Array;
}

/**
 * The helper's code, run with `eval` so that it needs no file of its own (the same code runs
 * from the TypeScript sources in tests and from the built package). Its rules are the calling
 * thread's (file-cache.ts): a signature of -1s means "did not exist", which ENOENT and ENOTDIR
 * both are; a path whose stat fails otherwise counts as changed, so the caller reads it again.
 */
const HELPER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
parentPort.on('message', ({ joined, signatures, results, done, finished }) => {
  const paths = joined.split('\\0');
  for (let i = 0; i < paths.length; i += 1) {
    let same = 0;
    try {
      let s;
      try {
        s = statSync(paths[i], { throwIfNoEntry: false });
      } catch (error) {
        if (error.code !== 'ENOTDIR') throw error;
      }
      const at = i * 4;
      same = s === undefined
        ? signatures[at] === -1
        : s.ino === signatures[at] && s.size === signatures[at + 1] && s.mtimeMs === signatures[at + 2] && s.ctimeMs === signatures[at + 3];
    } catch {
      same = 0;
    }
    results[i] = same ? 1 : 0;
  }
  finished[0] = performance.timeOrigin + performance.now();
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
`;

/**
 * How long the caller waits for the helper before it stops trusting it and checks alone: 10 s,
 * and 0.1 ms more per path (a slow network file system can take that long per stat).
 */
const helperTimeoutMs = (paths: number): number => 10_000 + paths / 10;

/** The most paths handed over at once (bounds the helper's memory; the caller checks the rest). */
export const MAX_HELPER_BATCH = 200_000;

export class StatHelper {
  private worker: Worker | undefined;
  private online = false;
  private broken = false;

  /** Starts the helper thread (once); it is usable from the next turn of the event loop on. */
  start(): void {
    if (this.worker !== undefined || this.broken) return;
    try {
      // Small heap limits: the helper holds one batch of paths at a time and makes short-lived
      // stat objects, and a search's memory use should stay the caller's.
      const worker = new Worker(HELPER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 256 } });
      worker.unref();
      worker.once('online', () => {
        this.online = true;
      });
      worker.once('error', () => this.stop());
      worker.once('exit', () => this.stop());
      this.worker = worker;
    } catch {
      this.broken = true;
    }
  }

  /** True when a batch can be handed to the helper now. */
  get ready(): boolean {
    return this.online && !this.broken;
  }

  /**
   * Hands `batch` to the helper and returns a function that, called after the caller has done
   * its own share, waits for the helper and gives, per path, whether its signature still holds,
   * with the time from the hand-over to the helper's last stat; undefined when the helper failed (the caller then checks
   * those paths itself).
   */
  check(batch: StatBatch): () => { same: Uint8Array; elapsedMs: number } | undefined {
    const worker = this.worker;
    if (worker === undefined || !this.ready || batch.paths.length > MAX_HELPER_BATCH) return () => undefined;
    const results = new Int32Array(new SharedArrayBuffer(4 * batch.paths.length));
    const done = new Int32Array(new SharedArrayBuffer(4));
    const finished = new Float64Array(new SharedArrayBuffer(8));
    const postedAt = performance.timeOrigin + performance.now();
    try {
      // One joined string clones far faster than an array of many short strings. NUL cannot
      // occur in a path.
      worker.postMessage({ joined: batch.paths.join('\0'), signatures: batch.signatures, results, done, finished });
    } catch {
      return () => undefined;
    }
    return () => {
      if (Atomics.wait(done, 0, 0, helperTimeoutMs(batch.paths.length)) === 'timed-out') {
        this.stop();
        return undefined;
      }
      return { same: Uint8Array.from(results), elapsedMs: finished[0]! - postedAt };
    };
  }

  private stop(): void {
    this.broken = true;
    this.online = false;
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
