import { join } from 'node:path';
import type { DatasetInput, Metric, Run, RunInfo } from '../../entities/index.js';
import { InternalError } from '../../errors/index.js';
import { parseDatasetMeta, parseInputMeta } from '../../format/inputs-meta.js';
import { layout, type EntryKind } from '../../format/layout.js';
import { MetaFormatError } from '../../format/meta-fields.js';
import { MetricLineError, latestMetric, parseMetricFile } from '../../format/metric-lines.js';
import { parseRunMeta } from '../../format/run-meta.js';
import { isPathUnique } from '../../validation/index.js';
import type { StoreWarning } from '../../store/tracking-store.js';
import { readBytesOrNull, readTextOrNull, walkFiles, listSubdirs, TEMP_PREFIX } from './fs-io.js';
import { readYamlFile } from './yaml-file.js';

export type WarningSink = (warning: StoreWarning) => void;

const RUN_NAME_TAG = 'mlflow.runName';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Key names that tools and operating systems drop into folders; never entries. */
const JUNK_FILES: ReadonlySet<string> = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.gitkeep', '.keep']);
const KEY_CHARACTERS = /^[\p{L}\p{N}_/.\- :]*$/u;

/**
 * The keys of a run's metrics/, params/ or tags/ folder: every file below it, as MLflow reads
 * them, minus what cannot be a key (OS junk such as .DS_Store, our temporary files, names
 * MLflow would reject), each of which is reported instead of failing the whole read.
 */
export async function listEntryKeys(dir: string, warn: WarningSink): Promise<string[]> {
  const keys: string[] = [];
  for (const relative of await walkFiles(dir)) {
    const name = relative.slice(relative.lastIndexOf('/') + 1);
    if (name.startsWith(TEMP_PREFIX)) continue;
    if (JUNK_FILES.has(name) || !KEY_CHARACTERS.test(relative) || !isPathUnique(relative)) {
      warn({ code: 'STRAY_FILE', path: join(dir, relative), message: `'${relative}' is not a valid key name; skipped` });
      continue;
    }
    keys.push(relative);
  }
  return keys;
}

/** Reads a param or tag file: the whole file is the value, byte for byte, as UTF-8. */
export async function readEntryValue(path: string, warn: WarningSink): Promise<string | undefined> {
  const bytes = await readBytesOrNull(path);
  if (bytes === null) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    warn({ code: 'STRAY_FILE', path, message: 'the file is not UTF-8 text; skipped' });
    return undefined;
  }
}

/** Reads every entry of one kind into a key → value record, preserving insertion order. */
export async function readEntries(runDir: string, kind: 'params' | 'tags', warn: WarningSink): Promise<Record<string, string>> {
  const dir = layout.runEntries(runDir, kind);
  const record: Record<string, string> = {};
  for (const key of await listEntryKeys(dir, warn)) {
    const value = await readEntryValue(join(dir, key), warn);
    if (value !== undefined) Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return record;
}

/** A metric's whole history in file order; a malformed line is an InternalError. */
export async function readMetricHistory(runDir: string, key: string, experimentId: string): Promise<Metric[]> {
  const path = layout.runEntry(runDir, 'metrics' as EntryKind, key);
  const text = await readTextOrNull(path);
  if (text === null) return [];
  try {
    return parseMetricFile(text, key, experimentId);
  } catch (error) {
    if (error instanceof MetricLineError) throw new InternalError(`${error.message} (file '${path}')`, { cause: error });
    throw error;
  }
}

async function readLatestMetrics(runDir: string, experimentId: string, warn: WarningSink): Promise<Record<string, Metric>> {
  const dir = layout.runEntries(runDir, 'metrics');
  const latest: Record<string, Metric> = {};
  for (const key of await listEntryKeys(dir, warn)) {
    try {
      const best = latestMetric(await readMetricHistory(runDir, key, experimentId));
      if (best === undefined) {
        warn({ code: 'STRAY_FILE', path: join(dir, key), message: `metric '${key}' has no data; skipped` });
        continue;
      }
      Object.defineProperty(latest, key, { value: best, enumerable: true, writable: true, configurable: true });
    } catch (error) {
      if (!(error instanceof InternalError)) throw error;
      warn({ code: 'STRAY_FILE', path: join(dir, key), message: `${error.message}; skipped` });
    }
  }
  return latest;
}

async function readDatasetInputs(runDir: string, experimentDir: string, warn: WarningSink): Promise<DatasetInput[]> {
  const inputs: DatasetInput[] = [];
  for (const inputId of await listSubdirs(layout.runInputs(runDir))) {
    const metaPath = layout.runInputMeta(runDir, inputId);
    try {
      const input = parseInputMeta(await readYamlFile(metaPath));
      if (input.sourceType !== 'DATASET') continue;
      const dataset = parseDatasetMeta(await readYamlFile(layout.datasetMeta(experimentDir, input.sourceId)));
      inputs.push({ dataset, tags: input.tags });
    } catch (error) {
      if (!(error instanceof MetaFormatError)) throw error;
      warn({ code: 'MALFORMED_RUN', path: metaPath, message: `run input skipped: ${error.message}` });
    }
  }
  return inputs;
}

/** Reads the run meta.yaml of a folder; undefined when there is none, MetaFormatError when malformed. */
export async function readRunInfoIfAny(runDir: string): Promise<RunInfo | undefined> {
  const parsed = await readYamlFile(layout.runMeta(runDir));
  return parsed === undefined ? undefined : parseRunMeta(parsed);
}

/** Reads the run meta.yaml of a folder; throws MetaFormatError when it is missing or malformed. */
export async function readRunInfo(runDir: string): Promise<RunInfo> {
  const info = await readRunInfoIfAny(runDir);
  if (info === undefined) throw new MetaFormatError(`there is no meta.yaml`);
  return info;
}

/** Loads a whole run (info, latest metrics, params, tags, dataset inputs) from its folder. */
export async function loadRun(runDir: string, experimentDir: string, info: RunInfo, warn: WarningSink): Promise<Run> {
  const [latestMetrics, params, tags, datasetInputs] = await Promise.all([
    readLatestMetrics(runDir, info.experimentId, warn),
    readEntries(runDir, 'params', warn),
    readEntries(runDir, 'tags', warn),
    readDatasetInputs(runDir, experimentDir, warn),
  ]);
  const metrics: Record<string, number> = {};
  for (const [key, metric] of Object.entries(latestMetrics)) {
    Object.defineProperty(metrics, key, { value: metric.value, enumerable: true, writable: true, configurable: true });
  }
  const runName = info.runName !== '' ? info.runName : (tags[RUN_NAME_TAG] ?? '');
  return {
    info: runName === info.runName ? info : { ...info, runName },
    data: { metrics, latestMetrics, params, tags },
    inputs: { datasetInputs },
  };
}
