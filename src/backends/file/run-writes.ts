import { join } from 'node:path';
import type { Metric, Param, RunInfo, RunTag } from '../../entities/index.js';
import { InvalidParameterError, InvalidStateError, ResourceNotFoundError } from '../../errors/index.js';
import { newRunId, randomRunName } from '../../format/ids.js';
import { RUN_FOLDERS, layout } from '../../format/layout.js';
import { MetaFormatError } from '../../format/meta-fields.js';
import { renderMetricLine } from '../../format/metric-lines.js';
import { renderRunMeta } from '../../format/run-meta.js';
import { appendToUri } from '../../format/uri.js';
import type { CreateRunInput, RunInfoUpdate } from '../../store/tracking-store.js';
import { resolveExperimentArtifactLocation } from './artifact-location.js';
import { findExperiment, getExperiment } from './experiments.js';
import { appendText, ensureKeyParents, isFile, mkdirOne, readTextOrNull, removeFile, removeTree, renameDir, replaceFile } from './fs-io.js';
import { withRunLock } from './locks.js';
import { assertNoLinks } from './no-links.js';
import type { RunReader } from './run-reader.js';
import { storeWriteError } from './write-errors.js';

/**
 * The file store's run writes: creating a run, updating its info, deleting and restoring it,
 * and logging its metrics, params and tags (and the meta.yaml and entry-file helpers they
 * share). Each change but createRun takes the run folder FileStore located; finding runs and
 * remembering where they are stays in FileStore.
 */

const RUN_NAME_TAG = 'mlflow.runName';

/** Where a run lives and its info as meta.yaml gives it. */
export interface RunLocation {
  readonly runDir: string;
  readonly experimentDir: string;
  readonly info: RunInfo;
}

/**
 * A run's info read straight from disk, never from the cache: used inside a run lock to
 * read, change and rewrite meta.yaml. MetaFormatError when missing or malformed.
 */
export function readRunInfo(reader: RunReader, runDir: string): RunInfo {
  const info = reader.readInfoFresh(runDir);
  if (info === undefined) throw new MetaFormatError(`there is no meta.yaml in '${runDir}'`);
  return info;
}

/** Creates a run in an experiment; the caller has opened the store and records the new run's folder. */
export async function createRun(root: string, reader: RunReader, experimentId: string, input: CreateRunInput): Promise<RunLocation> {
  const location = await findExperiment(root, experimentId);
  if (location === undefined) {
    throw new ResourceNotFoundError(`Could not create run under experiment with ID ${experimentId} - no such experiment exists.`);
  }
  const { experiment } = await getExperiment(root, experimentId, reader);
  if (experiment.lifecycleStage !== 'active' || location.deleted) {
    throw new InvalidStateError(`Could not create run under non-active experiment with ID ${experimentId}. Restore the experiment first.`);
  }
  const tagName = input.tags.findLast((t) => t.key === RUN_NAME_TAG)?.value;
  if (input.runName && tagName && input.runName !== tagName) {
    throw new InvalidParameterError(
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values ` +
        `(run_name='${input.runName}', mlflow.runName='${tagName}'). Give only one of them.`,
    );
  }
  const runName = input.runName || tagName || randomRunName();
  const tags = tagName ? input.tags : [...input.tags, { key: RUN_NAME_TAG, value: runName }];
  const runId = newRunId();
  const runDir = layout.runDir(location.dir, runId);
  await assertNoLinks(root, runDir);
  const info: RunInfo = {
    runId,
    runName,
    experimentId,
    userId: input.userId,
    status: 'RUNNING',
    startTime: input.startTime,
    endTime: null,
    // A moved or cloned store's stale experiment location is rebased, so the new run's
    // artifacts land in this store rather than at the old path.
    artifactUri: appendToUri(await resolveExperimentArtifactLocation(experiment.artifactLocation, experimentId, location.dir, root), runId, 'artifacts'),
    lifecycleStage: 'active',
    deletedTime: null,
  };
  // Built in a staging folder that MLflow and this library never list (as experiments are),
  // then renamed into place: no reader sees a half-made run, and a crash leaves nothing in
  // the experiment. The rename fails (ENOENT) if the experiment was moved to .trash
  // meanwhile, instead of re-creating its folder.
  const staging = layout.runStaging(root, runId);
  try {
    await mkdirOne(staging);
    for (const folder of RUN_FOLDERS) await mkdirOne(join(staging, folder));
    for (const tag of tags) await writeEntry(staging, 'tags', tag.key, tag.value);
    await writeRunMeta(staging, info);
    await renameDir(staging, runDir);
  } catch (error) {
    await removeTree(staging);
    throw storeWriteError(error, `a new run in experiment ${experimentId}`);
  }
  return { runDir, experimentDir: location.dir, info };
}

export async function writeRunMeta(runDir: string, info: RunInfo): Promise<void> {
  await replaceFile(layout.runMeta(runDir), renderRunMeta(info), runDir, true);
}

/** Writes one param or tag file under an existing run folder. */
async function writeEntry(runDir: string, kind: 'params' | 'tags', key: string, value: string): Promise<void> {
  await assertNoLinks(runDir, layout.runEntry(runDir, kind, key));
  await ensureKeyParents(layout.runEntries(runDir, kind), key);
  await replaceFile(layout.runEntry(runDir, kind, key), value, runDir);
}

/** Refuses changes to a deleted run (checked again under the run lock). */
function assertRunActive(info: RunInfo): void {
  if (info.lifecycleStage !== 'active') {
    throw new InvalidParameterError(`The run ${info.runId} must be in the 'active' lifecycle_stage to be changed; it is deleted. Restore it first.`);
  }
}

export async function updateRunInfo(reader: RunReader, runId: string, runDir: string, update: RunInfoUpdate): Promise<RunInfo> {
  return withRunLock(runDir, async () => {
    // Merged with what is on disk now, under the lock, so concurrent updates of different
    // fields (a rename and a termination) both land.
    const current = readRunInfo(reader, runDir);
    assertRunActive(current);
    const next: RunInfo = {
      ...current,
      status: update.status ?? current.status,
      endTime: update.endTime === undefined ? current.endTime : update.endTime,
      runName: update.runName || current.runName,
      deletedTime: null,
    };
    try {
      if (update.runName) await writeEntry(runDir, 'tags', RUN_NAME_TAG, update.runName);
      await writeRunMeta(runDir, next);
    } catch (error) {
      throw storeWriteError(error, `run '${runId}'`);
    }
    return next;
  });
}

export async function deleteRun(root: string, reader: RunReader, runDir: string): Promise<void> {
  await assertNoLinks(root, runDir);
  await withRunLock(runDir, async () => {
    const current = readRunInfo(reader, runDir);
    await writeRunMeta(runDir, { ...current, lifecycleStage: 'deleted', deletedTime: Date.now() });
  });
}

export async function restoreRun(root: string, reader: RunReader, runDir: string): Promise<void> {
  await assertNoLinks(root, runDir);
  await withRunLock(runDir, async () => {
    const current = readRunInfo(reader, runDir);
    await writeRunMeta(runDir, { ...current, lifecycleStage: 'active', deletedTime: null });
  });
}

export async function deleteTag(runId: string, runDir: string, key: string): Promise<void> {
  const path = layout.runEntry(runDir, 'tags', key);
  if (!(await isFile(path))) throw new ResourceNotFoundError(`No tag with name: ${key} in run with id ${runId}.`);
  await removeFile(path);
}

/**
 * Writes params, then metrics, then tags. Unlike MLflow, every param is checked against what
 * is stored before anything is written, so a conflicting batch changes nothing.
 */
export async function logBatch(reader: RunReader, runId: string, runDir: string, metrics: readonly Metric[], params: readonly Param[], tags: readonly RunTag[]): Promise<void> {
  if (params.length > 0 || tags.some((t) => t.key === RUN_NAME_TAG)) {
    await withRunLock(runDir, () => writeBatch(reader, runId, runDir, metrics, params, tags));
  } else {
    await writeBatch(reader, runId, runDir, metrics, params, tags);
  }
}

async function writeBatch(reader: RunReader, runId: string, runDir: string, metrics: readonly Metric[], params: readonly Param[], tags: readonly RunTag[]): Promise<void> {
  const newParams: Param[] = [];
  for (const param of params) {
    const path = layout.runEntry(runDir, 'params', param.key);
    const stored = await readTextOrNull(path).catch((error: unknown) => {
      throw storeWriteError(error, `param '${param.key}' of run '${runId}'`);
    });
    if (stored === null) newParams.push(param);
    else if (stored !== param.value) {
      throw new InvalidParameterError(
        `Changing param values is not allowed. Param with key='${param.key}' was already logged with ` +
          `value='${stored}' for run ID='${runId}'. Attempted logging new value '${param.value}'. ` +
          `Log the new value in a new run (for example a nested run).`,
      );
    }
  }
  try {
    for (const param of newParams) await writeEntry(runDir, 'params', param.key, param.value);
    await appendMetrics(runDir, metrics);
    for (const tag of tags) await writeEntry(runDir, 'tags', tag.key, tag.value);
    const nameTag = tags.findLast((t) => t.key === RUN_NAME_TAG);
    if (nameTag !== undefined) {
      const current = readRunInfo(reader, runDir);
      assertRunActive(current);
      await writeRunMeta(runDir, { ...current, runName: nameTag.value, deletedTime: null });
    }
  } catch (error) {
    throw storeWriteError(error, `to run '${runId}'`);
  }
}

/** One append per metric key, so a batch of points reaches each file in a single write. */
async function appendMetrics(runDir: string, metrics: readonly Metric[]): Promise<void> {
  const byKey = new Map<string, string>();
  for (const metric of metrics) byKey.set(metric.key, (byKey.get(metric.key) ?? '') + renderMetricLine(metric));
  for (const [key, text] of byKey) {
    await assertNoLinks(runDir, layout.runEntry(runDir, 'metrics', key));
    await ensureKeyParents(layout.runEntries(runDir, 'metrics'), key);
    await appendText(layout.runEntry(runDir, 'metrics', key), text, runDir);
  }
}
