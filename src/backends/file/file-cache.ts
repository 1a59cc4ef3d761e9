import { closeSync, fstatSync, openSync, readSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { MAX_HELPER_BATCH, StatHelper } from './stat-helper.js';

/**
 * A cache of parsed files, each entry checked against the file's stat before use, so a value
 * is never older than the file (whoever wrote it: this process, another one, Python MLflow).
 * Writes by rename change the inode, in-place rewrites and appends change size or mtime.
 *
 * Reads here are synchronous on purpose: a search stats and reads thousands of small files,
 * and the thread-pool round trip of each async call costs more than the call itself.
 */
/**
 * What identifies a version of a file or folder: inode, size, modification and change times.
 * A rename over it changes the inode; an in-place rewrite or an append changes the rest.
 */
interface Signature {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

/** Stands for "did not exist" in a dependency. */
const ABSENT: Signature = { ino: -1, size: -1, mtimeMs: -1, ctimeMs: -1 };
/** Stands for "changed too recently to vouch for": never matches, so it is always re-read. */
const RACY: Signature = { ino: -2, size: -2, mtimeMs: -2, ctimeMs: -2 };

/**
 * A file modified less than this long before it was read is not cached. File systems keep
 * times at a granularity of up to 2 s (FAT; 1 s on HFS+ and small-inode ext; a kernel tick
 * on Linux before 6.13), so a second write within the same tick, with the same size, would
 * leave every field of the signature unchanged. Once a file is older than the window, any
 * later write gets a later time. (Git's index guards against "racily clean" entries the same
 * way.)
 */
const RACY_WINDOW_MS = 3000;


/** Entries kept before the cache starts over, so a long-lived process stays bounded. */
const MAX_ENTRIES = 500_000;

/**
 * Checks of at least this many files share the work with a helper thread (which is started by
 * the first such check and helps from the next one on). Below it, the hand-over costs more
 * than it saves.
 */
const PARALLEL_FROM = 4000;

/**
 * One helper thread for the whole process (per JavaScript thread), however many stores and
 * clients are open: checks are synchronous, so two can never use it at the same time.
 */
const sharedHelper = new StatHelper();

/** A file or folder that a value was built from, with its signature then. */
export type Dependency = readonly [path: string, sig: Signature];

export class FileCache {
  private readonly files = new Map<string, { sig: Signature; value: unknown }>();
  private readonly dirs = new Map<string, { sig: Signature; files: string[]; subdirs: string[] }>();
  private recording: Dependency[] | undefined;
  private readonly helper = sharedHelper;
  /** The part of a large check's files that the helper thread checks. */
  private helperShare = 0.5;

  /**
   * @param now the clock that decides whether a file changed too recently to cache.
   * @param parallelFrom how many files a check must have to be shared with a helper thread.
   */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly parallelFrom = PARALLEL_FROM,
  ) {}

  /** True once large checks are shared with the helper thread (it starts with the first one). */
  get sharesChecks(): boolean {
    return this.helper.ready;
  }

  private isRacy(stats: Stats): boolean {
    return this.now() - Math.max(stats.mtimeMs, stats.ctimeMs) < RACY_WINDOW_MS;
  }

  /** The signature to record for what `stats` describes: RACY when it changed too lately. */
  private versionOf(stats: Stats): Signature {
    return this.isRacy(stats) ? RACY : signature(stats);
  }

  /**
   * Runs `build` and returns its value with every file and folder it read through this cache,
   * so the value can later be reused while `unchanged(deps)` holds.
   */
  record<T>(build: () => T): { value: T; deps: Dependency[]; stable: boolean } {
    const outer = this.recording;
    const deps: Dependency[] = [];
    this.recording = deps;
    try {
      const value = build();
      return { value, deps, stable: !deps.some(([, sig]) => sig === RACY) };
    } finally {
      this.recording = outer;
      outer?.push(...deps);
    }
  }

  /** True when every dependency still has the signature it had (one stat each). */
  unchanged(deps: readonly Dependency[]): boolean {
    for (const [path, sig] of deps) {
      let stats: Stats | undefined;
      try {
        stats = statOrAbsent(path);
      } catch {
        return false; // cannot be vouched for: the caller reads it again and meets the error
      }
      if (!matches(stats, sig)) return false;
    }
    return true;
  }

  /**
   * `unchanged` for many lists of dependencies at once. `checked[i]`, when given, holds
   * dependencies already checked a moment ago in the same operation (same path and same
   * version), which list i then skips. A large check is shared with a helper thread, which
   * makes the stat calls of the later lists while this thread makes the others.
   */
  unchangedEach(lists: readonly (readonly Dependency[])[], checked?: readonly (readonly Dependency[] | undefined)[]): boolean[] {
    if (checked === undefined) return this.checkEach(lists);
    return this.checkEach(lists.map((deps, i) => {
      const skip = checked[i];
      return skip === undefined ? deps : deps.filter(([path, sig]) => !skip.some(([p, s]) => s === sig && p === path));
    }));
  }

  private checkEach(lists: readonly (readonly Dependency[])[]): boolean[] {
    let total = 0;
    for (const deps of lists) total += deps.length;
    if (total < this.parallelFrom) return lists.map((deps) => this.unchanged(deps));
    if (!this.helper.ready) {
      this.helper.start();
      return lists.map((deps) => this.unchanged(deps));
    }
    // The helper takes the lists from `split` on: its share of the files, which follows how
    // fast each thread got through its part last time (a busy machine gives the helper less
    // time, and then less work).
    let split = lists.length;
    let theirsCount = 0;
    const share = Math.min(total * this.helperShare, MAX_HELPER_BATCH / 2);
    while (split > 0 && theirsCount < share) theirsCount += lists[--split]!.length;
    const theirs = lists.slice(split);
    const paths: string[] = [];
    const signatures = new Float64Array(4 * theirsCount);
    for (const deps of theirs) {
      for (const [path, sig] of deps) {
        const at = 4 * paths.length;
        signatures[at] = sig.ino;
        signatures[at + 1] = sig.size;
        signatures[at + 2] = sig.mtimeMs;
        signatures[at + 3] = sig.ctimeMs;
        paths.push(path);
      }
    }
    const wait = this.helper.check({ paths, signatures });
    const start = performance.now();
    const ours = lists.slice(0, split).map((deps) => this.unchanged(deps));
    const ourMs = performance.now() - start;
    const answer = wait();
    if (answer === undefined) return [...ours, ...theirs.map((deps) => this.unchanged(deps))];
    this.adjustShare(total - theirsCount, ourMs, theirsCount, answer.elapsedMs);
    let at = 0;
    for (const deps of theirs) {
      let all = true;
      for (let i = 0; i < deps.length; i += 1) if (answer.same[at + i] !== 1) all = false;
      at += deps.length;
      ours.push(all);
    }
    return ours;
  }

  /** Sets the helper's next share so that both threads would have finished together this time. */
  private adjustShare(ourCount: number, ourMs: number, theirCount: number, theirMs: number): void {
    const ourRate = ourCount / Math.max(ourMs, 0.01);
    const theirRate = theirCount / Math.max(theirMs, 0.01);
    const balanced = theirRate / (ourRate + theirRate);
    this.helperShare = Math.min(0.6, Math.max(0.1, (this.helperShare + balanced) / 2));
  }

  /** The parsed content of a file, or undefined when it does not exist (or is a folder). */
  read<T>(path: string, parse: (bytes: Buffer, stats: Stats) => T): T | undefined {
    const hit = this.files.get(path);
    if (hit !== undefined) {
      // Known file: one stat says whether the cached value still holds.
      let stats: Stats | undefined;
      try {
        stats = statOrAbsent(path);
      } catch {
        stats = undefined; // read again below, which reports the error
      }
      if (stats !== undefined && stats.isFile() && matches(stats, hit.sig)) {
        this.recording?.push([path, hit.sig]);
        return hit.value as T;
      }
      this.files.delete(path);
    }
    // New or changed file: open it once and take the signature from the open descriptor, so
    // the bytes read and the signature kept belong to the same file.
    const loaded = readWithStats(path);
    if (loaded === undefined) {
      this.recording?.push([path, ABSENT]);
      return undefined;
    }
    if (loaded.bytes === undefined) {
      // Something that is not a file (a folder named like a key): no value, but its own
      // signature, so that a value built without it stays valid until it changes.
      this.recording?.push([path, this.versionOf(loaded.stats)]);
      return undefined;
    }
    const value = parse(loaded.bytes, loaded.stats);
    if (this.isRacy(loaded.stats)) {
      this.recording?.push([path, RACY]);
      return value;
    }
    const sig = signature(loaded.stats);
    if (this.files.size >= MAX_ENTRIES) this.files.clear();
    this.files.set(path, { sig, value });
    this.recording?.push([path, sig]);
    return value;
  }

  /** True when `path` is a folder; what was found is recorded like a file that was read. */
  isFolder(path: string): boolean {
    const stats = statOrAbsent(path);
    this.recording?.push([path, stats === undefined ? ABSENT : this.versionOf(stats)]);
    return stats?.isDirectory() === true;
  }

  /**
   * Every file below `root` (relative paths with `/`, sorted), not following symbolic links;
   * each folder's listing is reused while its own stat is unchanged.
   */
  walk(root: string): string[] {
    const found: string[] = [];
    const visit = (dir: string, prefix: string): void => {
      const listing = this.list(dir);
      if (listing === undefined) return;
      for (const name of listing.files) found.push(prefix === '' ? name : `${prefix}/${name}`);
      for (const name of listing.subdirs) visit(join(dir, name), prefix === '' ? name : `${prefix}/${name}`);
    };
    visit(root, '');
    return found.sort();
  }

  private list(dir: string): { files: string[]; subdirs: string[] } | undefined {
    const stats = statOrAbsent(dir);
    if (stats === undefined || !stats.isDirectory()) {
      this.dirs.delete(dir);
      this.recording?.push([dir, stats === undefined ? ABSENT : signature(stats)]);
      return undefined;
    }
    const hit = this.dirs.get(dir);
    if (hit !== undefined && matches(stats, hit.sig)) {
      this.recording?.push([dir, hit.sig]);
      return hit;
    }
    const sig = this.versionOf(stats);
    this.recording?.push([dir, sig]);
    const files: string[] = [];
    const subdirs: string[] = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile()) files.push(entry.name);
      else if (entry.isDirectory()) subdirs.push(entry.name);
    }
    const listing = { sig, files, subdirs };
    if (sig !== RACY) {
      if (this.dirs.size >= MAX_ENTRIES) this.dirs.clear();
      this.dirs.set(dir, listing);
    }
    return listing;
  }
}

const NO_THROW_IF_ABSENT = { throwIfNoEntry: false } as const;

/**
 * stat, with "not there" as undefined: ENOENT without the cost of an exception, and ENOTDIR (a
 * parent is a file, as `tags/model` is for the key `model/version`) caught. Other errors throw.
 */
function statOrAbsent(path: string): Stats | undefined {
  try {
    return statSync(path, NO_THROW_IF_ABSENT);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

function readWithStats(path: string): { bytes: Buffer | undefined; stats: Stats } | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { bytes: undefined, stats };
    const bytes = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const count = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (count === 0) break;
      filled += count;
    }
    return { bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled), stats };
  } finally {
    closeSync(fd);
  }
}

function signature(stats: Stats): Signature {
  return { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs };
}

/** Compares without allocating: a search checks hundreds of thousands of these. */
function matches(stats: Stats | undefined, sig: Signature): boolean {
  if (stats === undefined) return sig === ABSENT;
  return stats.ino === sig.ino && stats.size === sig.size && stats.mtimeMs === sig.mtimeMs && stats.ctimeMs === sig.ctimeMs;
}
