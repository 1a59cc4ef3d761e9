import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DatasetInput, Metric, Run, RunInfo } from '../../entities/index.js';
import { InternalError } from '../../errors/index.js';
import { parseFlatYaml } from '../../format/flat-yaml.js';
import { parseDatasetMeta, parseInputMeta } from '../../format/inputs-meta.js';
import { JUNK_FILE_NAMES, RUN_FOLDERS, layout, type EntryKind } from '../../format/layout.js';
import { EmptyMetaError, MetaFormatError } from '../../format/meta-fields.js';
import { MetricLineError, latestMetricInBytes, parseMetricFile, settledByteLength } from '../../format/metric-lines.js';
import { parseRunMeta } from '../../format/run-meta.js';
import { parseYaml } from '../../format/yaml/index.js';
import { isValidKeyName } from '../../validation/index.js';
import { ALL_RUN_FIELDS, type RunFields, type StoreWarning } from '../../store/tracking-store.js';
import { FileCache, type Dependency } from './file-cache.js';
import { REWRITE_RETRY_DELAYS_MS, TEMP_PREFIX, readBytesOrNull, sleep } from './fs-io.js';

export type WarningSink = (warning: StoreWarning) => void;

const RUN_NAME_TAG = 'mlflow.runName';
// ignoreBOM: a value that starts with U+FEFF keeps it, as Python's 'utf-8' codec keeps it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A run's metric file: its latest line, or why it could not be read. */
type MetricFile = { latest: Metric | undefined } | { error: string };

/** Parses a meta.yaml's bytes: the fast flat reader first, the full YAML parser otherwise. */
export function parseMetaBytes(bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return EMPTY;
  return parseFlatYaml(text) ?? parseYamlOrThrow(text);
}

const EMPTY = Symbol('empty meta.yaml');

function parseYamlOrThrow(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    return new MetaFormatError(`it is not valid YAML: ${(error as Error).message}`);
  }
}

/**
 * Reads runs from their folders through a stat-checked cache: the first search reads every
 * file it needs, later ones re-read only files that changed. It reads only the fields a
 * search asks for, and skips (with a warning) whatever cannot be a key or a value, where
 * MLflow would fail the whole search.
 */
/** How many whole runs stay cached (the latest used are kept). */
const WHOLE_RUNS_KEPT = 5000;
/** How many field-limited runs (what a search filters and sorts on) stay cached. */
const LISTED_RUNS_KEPT = 100_000;

/** Returned by `listed` when a run's meta.yaml is empty and was changed a moment ago. */
export const BEING_REWRITTEN = Symbol('meta.yaml being rewritten');

/** An experiment's id and folder. */
interface ExperimentFolder {
  readonly id: string;
  readonly dir: string;
}

/** A value built from a run's files, with those files' signatures and the warnings it gave. */
interface Memo<T> {
  readonly key: string;
  readonly value: T;
  readonly deps: readonly Dependency[];
  readonly warnings: readonly StoreWarning[];
}

export class RunReader {
  private readonly cache = new FileCache();
  /** Whole runs, reused while none of the files they were built from changed. */
  private readonly wholeRuns = new Map<string, Memo<Run | undefined>>();
  /** Runs as a search lists them (some fields only), reused the same way. */
  private readonly listedRuns = new Map<string, Memo<Run | undefined>>();
  /** Where warnings given while a memoized value is built are also kept, to repeat on reuse. */
  private captured: StoreWarning[] | undefined;
  /** Warnings already given in the current search (see `inSearch`), so each is given once. */
  private reported: Set<string> | undefined;

  constructor(private readonly sink: WarningSink) {}

  /** Reports a warning (and keeps it with the value being built, if any). */
  private warn(warning: StoreWarning): void {
    this.captured?.push(warning);
    this.deliver(warning);
  }

  private deliver(warning: StoreWarning): void {
    if (this.reported !== undefined) {
      const key = `${warning.code}\0${warning.path}\0${warning.message}`;
      if (this.reported.has(key)) return;
      this.reported.add(key);
    }
    this.sink(warning);
  }

  /**
   * Runs `read` as part of a search whose steps share `reported`: a damaged file that both the
   * listing and the page read is reported once per search.
   */
  inSearch<T>(reported: Set<string>, read: () => T): T {
    const outer = this.reported;
    this.reported = reported;
    try {
      return read();
    } finally {
      this.reported = outer;
    }
  }

  /**
   * The value `build` makes from each run folder's files, reused while every file and folder
   * it read is unchanged (one stat each; the stats of all the runs are made in one check,
   * shared with a helper thread when large) and it was built for the same `key`. Warnings it
   * gave are given again on reuse, so every search reports what it skipped.
   */
  private memoizedEach<T>(
    entries: Map<string, Memo<T>>,
    limit: number,
    runDirs: readonly string[],
    key: string,
    build: (runDir: string) => T,
    checked?: (runDir: string) => readonly Dependency[] | undefined,
  ): T[] {
    // The memo of each folder, if any was built for `key`; dropped below when a file changed.
    const hits = runDirs.map((runDir) => {
      const hit = entries.get(runDir);
      return hit?.key === key ? hit : undefined;
    });
    const found = runDirs.flatMap((_, i) => (hits[i] === undefined ? [] : [i]));
    const unchanged = this.cache.unchangedEach(
      found.map((i) => hits[i]!.deps),
      checked && found.map((i) => checked(runDirs[i]!)),
    );
    for (const [n, i] of found.entries()) if (!unchanged[n]) hits[i] = undefined;
    return runDirs.map((runDir, i) => {
      const hit = hits[i];
      if (hit !== undefined) {
        for (const warning of hit.warnings) this.deliver(warning);
        // Most recently used last: the oldest-used are the first dropped.
        entries.delete(runDir);
        entries.set(runDir, hit);
        return hit.value;
      }
      return this.rebuild(entries, limit, runDir, key, () => build(runDir));
    });
  }

  /** Builds a run folder's value anew and keeps it, unless it read a file changed too lately. */
  private rebuild<T>(entries: Map<string, Memo<T>>, limit: number, runDir: string, key: string, build: () => T): T {
    const warnings: StoreWarning[] = [];
    const outer = this.captured;
    this.captured = warnings;
    let built: { value: T; deps: Dependency[]; stable: boolean };
    try {
      built = this.cache.record(build);
    } finally {
      this.captured = outer;
      outer?.push(...warnings);
    }
    entries.delete(runDir);
    if (built.stable) {
      entries.set(runDir, { key, value: built.value, deps: built.deps, warnings });
      // Least recently used first out: Map keeps insertion order.
      if (entries.size > limit) entries.delete(entries.keys().next().value as string);
    }
    return built.value;
  }

  /** The run's info, undefined when the folder has no meta.yaml; MetaFormatError when malformed. */
  readInfo(runDir: string): RunInfo | undefined {
    const parsed = this.cache.read(layout.runMeta(runDir), parseMetaBytes);
    if (parsed === undefined) return undefined;
    if (parsed === EMPTY) throw new EmptyMetaError(layout.runMeta(runDir));
    if (parsed instanceof MetaFormatError) throw parsed;
    return parseRunMeta(parsed);
  }

  /** The run's info read straight from disk, bypassing the cache (for read-modify-write). */
  readInfoFresh(runDir: string): RunInfo | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(layout.runMeta(runDir));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
    const parsed = parseMetaBytes(bytes);
    if (parsed === EMPTY) throw new EmptyMetaError(layout.runMeta(runDir));
    if (parsed instanceof MetaFormatError) throw parsed;
    return parseRunMeta(parsed);
  }

  /**
   * Like readInfo, but an empty meta.yaml is read twice more after short pauses before it
   * counts as malformed: Python MLflow rewrites run metas in place, so a reader can catch
   * one empty for a moment.
   */
  async readInfoPatiently(runDir: string): Promise<RunInfo | undefined> {
    for (const delay of REWRITE_RETRY_DELAYS_MS) {
      try {
        return this.readInfo(runDir);
      } catch (error) {
        if (!mayBeMidRewrite(error, runDir)) throw error;
        await sleep(delay);
      }
    }
    return this.readInfo(runDir);
  }

  /**
   * Loads whole runs (their meta.yaml included); undefined for a folder with no meta.yaml or a
   * malformed one (getRun says what is wrong with it). A
   * run loaded before is reused, after one stat per file and folder it was built from.
   * `listed`: the runs `listedEach` returned for these folders a moment ago in the same
   * search; the files each listing checked (the ones the filter and order_by read) are not
   * checked again, as long as that listing is the one kept for the folder.
   */
  loadWholeEach(runDirs: readonly string[], listed?: readonly Run[]): (Run | undefined)[] {
    const listedRun = new Map(listed === undefined ? [] : runDirs.map((runDir, i) => [runDir, listed[i]]));
    const checked = (runDir: string): readonly Dependency[] | undefined => {
      const memo = this.listedRuns.get(runDir);
      return memo !== undefined && memo.value !== undefined && memo.value === listedRun.get(runDir) ? memo.deps : undefined;
    };
    return this.memoizedEach(this.wholeRuns, WHOLE_RUNS_KEPT, runDirs, '', (runDir) => {
      let info: RunInfo | undefined;
      try {
        info = this.readInfo(runDir);
      } catch (error) {
        if (error instanceof MetaFormatError) return undefined;
        throw error;
      }
      return info === undefined ? undefined : this.load(runDir, dirname(runDir), info, ALL_RUN_FIELDS);
    }, listed === undefined ? undefined : checked);
  }

  /**
   * Run folders of an experiment as a search lists them, with the fields `fields` names (`key`
   * stands for them); undefined for a folder that is not a run or a damaged run (with a
   * warning). BEING_REWRITTEN when its meta.yaml is empty and changed a moment ago: Python
   * MLflow rewrites run metas in place, so the caller waits and asks again, the last time
   * with `final` set, when an empty meta.yaml counts as damage.
   */
  listedEach(runDirs: readonly string[], experiment: ExperimentFolder, fields: RunFields, key: string, final: boolean): (Run | undefined | typeof BEING_REWRITTEN)[] {
    const rewriting = new Set<string>();
    const runs = this.memoizedEach(this.listedRuns, LISTED_RUNS_KEPT, runDirs, key, (runDir) => {
      let info: RunInfo | undefined;
      try {
        info = this.readInfo(runDir);
      } catch (error) {
        if (!(error instanceof MetaFormatError)) throw error;
        if (!final && mayBeMidRewrite(error, runDir)) {
          rewriting.add(runDir);
          return undefined;
        }
        this.warn({ code: 'MALFORMED_RUN', path: runDir, message: `run skipped: ${error.message}` });
        return undefined;
      }
      return info === undefined ? this.checkNoRunData(runDir) : this.checkedLoad(runDir, experiment, info, fields);
    });
    return runs.map((run, i) => (rewriting.has(runDirs[i]!) ? BEING_REWRITTEN : run));
  }

  /**
   * A folder with no meta.yaml is not a run (MLflow skips it silently too), but one that holds
   * run data lost its meta.yaml: that is damage, and said so. (Runs are created with their
   * meta.yaml in place, and MLflow writes it before the data folders.)
   */
  private checkNoRunData(runDir: string): undefined {
    // Folders are looked at through the cache, so the memo of this folder follows them.
    const found = [...RUN_FOLDERS, 'inputs'].some((folder) => this.cache.isFolder(join(runDir, folder)));
    if (found) this.warn({ code: 'MALFORMED_RUN', path: layout.runMeta(runDir), message: 'run skipped: its folder holds run data but no meta.yaml' });
    return undefined;
  }

  /** Loads a listed run after checking that its meta.yaml agrees with where it was found. */
  private checkedLoad(runDir: string, experiment: ExperimentFolder, info: RunInfo, fields: RunFields): Run | undefined {
    if (info.experimentId !== experiment.id) {
      this.warn({ code: 'RUN_EXPERIMENT_MISMATCH', path: runDir, message: `run skipped: its meta.yaml names experiment '${info.experimentId}', not '${experiment.id}'` });
      return undefined;
    }
    // Listed under another id, the run could not be opened by that id (nor by MLflow).
    const folderName = basename(runDir);
    if (info.runId !== folderName) {
      this.warn({ code: 'MALFORMED_RUN', path: layout.runMeta(runDir), message: `run skipped: its meta.yaml names run '${info.runId}', not the folder's '${folderName}'` });
      return undefined;
    }
    return this.load(runDir, experiment.dir, info, fields);
  }

  /** Loads the fields of a run that `fields` names (all of them by default). */
  load(runDir: string, experimentDir: string, info: RunInfo, fields: RunFields): Run {
    const latestMetrics = this.readMetrics(runDir, info.experimentId, fields.metrics);
    const params = this.readEntries(runDir, 'params', fields.params);
    const tags = this.readEntries(runDir, 'tags', fields.tags);
    const metrics: Record<string, number> = {};
    for (const [key, metric] of Object.entries(latestMetrics)) define(metrics, key, metric.value);
    const datasetInputs = fields.inputs ? this.readDatasetInputs(runDir, experimentDir) : [];
    // Runs written before MLflow 1.29 have no run_name in meta.yaml; the tag holds it.
    const runName = info.runName !== '' ? info.runName : (this.entry(runDir, 'tags', RUN_NAME_TAG) ?? '');
    return {
      info: runName === info.runName ? info : { ...info, runName },
      data: { metrics, latestMetrics, params, tags },
      inputs: { datasetInputs },
    };
  }

  /** The keys of a metrics/, params/ or tags/ folder, skipping what cannot be a key. */
  keys(dir: string): string[] {
    const keys: string[] = [];
    for (const relative of this.cache.walk(dir)) {
      const name = relative.slice(relative.lastIndexOf('/') + 1);
      if (name.startsWith(TEMP_PREFIX)) continue;
      if (JUNK_FILE_NAMES.has(name) || !isKeyName(relative)) {
        this.warn({ code: 'STRAY_FILE', path: join(dir, relative), message: `'${relative}' is not a valid key name; skipped` });
        continue;
      }
      keys.push(relative);
    }
    return keys;
  }

  /** A param or tag value: the whole file, byte for byte, as UTF-8; undefined when absent or unreadable. */
  private entry(runDir: string, kind: 'params' | 'tags', key: string): string | undefined {
    const path = layout.runEntry(runDir, kind, key);
    const value = this.cache.read(path, decodeUtf8);
    if (value instanceof Error) {
      this.warn({ code: 'STRAY_FILE', path, message: 'the file is not UTF-8 text; skipped' });
      return undefined;
    }
    return value;
  }

  readEntries(dir: string, kind: 'params' | 'tags', wanted: 'all' | ReadonlySet<string>): Record<string, string> {
    const record: Record<string, string> = {};
    const keys = wanted === 'all' ? this.keys(layout.runEntries(dir, kind)) : wantedKeys(wanted);
    for (const key of keys) {
      const value = this.entry(dir, kind, key);
      if (value !== undefined) define(record, key, value);
    }
    return record;
  }

  private readMetrics(runDir: string, experimentId: string, wanted: 'all' | ReadonlySet<string>): Record<string, Metric> {
    const latest: Record<string, Metric> = {};
    const keys = wanted === 'all' ? this.keys(layout.runEntries(runDir, 'metrics')) : wantedKeys(wanted);
    for (const key of keys) {
      const path = layout.runEntry(runDir, 'metrics', key);
      const file = this.cache.read(path, (bytes, stats): MetricFile => {
        try {
          return { latest: latestMetricInBytes(bytes.subarray(0, settledByteLength(bytes, stats.mtimeMs, Date.now())), key, experimentId) };
        } catch (error) {
          if (error instanceof MetricLineError) return { error: error.message };
          throw error;
        }
      });
      if (file === undefined) continue;
      if ('error' in file) this.warn({ code: 'STRAY_FILE', path, message: `${file.error}; skipped` });
      else if (file.latest === undefined) this.warn({ code: 'STRAY_FILE', path, message: `metric '${key}' has no data; skipped` });
      else define(latest, key, file.latest);
    }
    return latest;
  }

  private readDatasetInputs(runDir: string, experimentDir: string): DatasetInput[] {
    const inputs: DatasetInput[] = [];
    const inputIds = new Set(this.cache.walk(layout.runInputs(runDir)).filter((p) => p.endsWith('/meta.yaml')).map((p) => p.slice(0, -'/meta.yaml'.length)));
    for (const inputId of [...inputIds].sort()) {
      // The warning names the file that failed: the input's meta.yaml or its dataset's.
      let metaPath = layout.runInputMeta(runDir, inputId);
      try {
        const input = parseInputMeta(this.meta(metaPath));
        if (input.sourceType !== 'DATASET') continue;
        metaPath = layout.datasetMeta(experimentDir, input.sourceId);
        const dataset = parseDatasetMeta(this.meta(metaPath));
        inputs.push({ dataset, tags: input.tags });
      } catch (error) {
        if (!(error instanceof MetaFormatError)) throw error;
        this.warn({ code: 'MALFORMED_RUN', path: metaPath, message: `run input skipped: ${error.message}` });
      }
    }
    return inputs;
  }

  private meta(path: string): unknown {
    const parsed = this.cache.read(path, parseMetaBytes);
    if (parsed === undefined) throw new MetaFormatError(`'${path}' does not exist`);
    if (parsed === EMPTY) throw new EmptyMetaError(path);
    if (parsed instanceof MetaFormatError) throw parsed;
    return parsed;
  }
}

/**
 * True when `error` says the run's meta.yaml is empty and the file changed in the last two
 * seconds, so it may be in the middle of an in-place rewrite. An old empty file is damage, to
 * be reported at once rather than waited on.
 */
function mayBeMidRewrite(error: unknown, runDir: string): boolean {
  if (!(error instanceof EmptyMetaError)) return false;
  const modified = statSync(layout.runMeta(runDir), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return Date.now() - modified <= 2000;
}

/**
 * Keys a search asked for by name. One that no run can hold (`../meta.yaml`, a NUL) is absent
 * from every run, so no file is opened for it: a filter must never read outside the store.
 */
function wantedKeys(wanted: ReadonlySet<string>): string[] {
  return [...wanted].filter(isKeyName);
}

/** Key names already checked: a search meets the same few names in every run. */
const checkedKeyNames = new Map<string, boolean>();

/** isValidKeyName, remembered (for up to 100,000 names). */
function isKeyName(key: string): boolean {
  let valid = checkedKeyNames.get(key);
  if (valid === undefined) {
    valid = isValidKeyName(key);
    if (checkedKeyNames.size < 100_000) checkedKeyNames.set(key, valid);
  }
  return valid;
}

function decodeUtf8(bytes: Buffer): string | Error {
  try {
    return utf8.decode(bytes);
  } catch (error) {
    return error as Error;
  }
}

/**
 * Sets a key on a plain record even when it is `__proto__` (whose assignment would set the
 * prototype instead). Other Object.prototype names are writable data properties, so plain
 * assignment makes them own properties, and is much faster than defineProperty.
 */
function define<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** A metric's whole history in file order, read fresh; a malformed line is an InternalError. */
export async function readMetricHistory(runDir: string, key: string, experimentId: string): Promise<Metric[]> {
  const path = layout.runEntry(runDir, 'metrics' as EntryKind, key);
  const bytes = await readBytesOrNull(path);
  if (bytes === null) return [];
  // A last line still being appended is left out (see settledByteLength); only then is the
  // file's modification time needed.
  const modified = bytes.at(-1) === 10 ? 0 : (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  try {
    return parseMetricFile(bytes.subarray(0, settledByteLength(bytes, modified, Date.now())).toString('utf8'), key, experimentId);
  } catch (error) {
    if (error instanceof MetricLineError) throw new InternalError(`${error.message} (file '${path}')`, { cause: error });
    throw error;
  }
}
