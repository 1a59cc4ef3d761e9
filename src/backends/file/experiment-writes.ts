import type { Experiment, RunInfo, RunTag } from '../../entities/index.js';
import { InvalidParameterError, InvalidStateError, ResourceAlreadyExistsError, ResourceNotFoundError } from '../../errors/index.js';
import { renderExperimentMeta } from '../../format/experiment-meta.js';
import { newExperimentId } from '../../format/ids.js';
import { DEFAULT_EXPERIMENT_ID, isRunFolderName, layout } from '../../format/layout.js';
import { MetaFormatError } from '../../format/meta-fields.js';
import { appendToUri, resolveLocalUri } from '../../format/uri.js';
import { assertActive, findExperiment, getExperiment, listExperiments, type ExperimentLocation } from './experiments.js';
import { ensureDir, ensureKeyParents, isDirectory, isFile, listSubdirs, mkdirOne, moveDir, pathExists, removeFile, removeTree, renameDir, replaceFile } from './fs-io.js';
import { withRunLock, withStoreLock } from './locks.js';
import { assertNoLinks } from './no-links.js';
import type { RunReader, WarningSink } from './run-reader.js';
import { readRunInfo, writeRunMeta } from './run-writes.js';
import { storeWriteError } from './write-errors.js';

/**
 * The file store's experiment writes: creating, renaming, deleting and restoring an
 * experiment (delete and restore also mark its runs), and setting and deleting its tags.
 * Each is called once the store is open; reading and listing experiments is in experiments.ts.
 */

/** What the experiment writes need from the store. */
export interface ExperimentStore {
  readonly root: string;
  /** The store's root as a file URI: new experiments' artifacts go under it by default. */
  readonly uri: string;
  readonly reader: RunReader;
  readonly warn: WarningSink;
}

export async function createExperiment(store: ExperimentStore, name: string, artifactLocation: string | undefined, tags: readonly RunTag[]): Promise<string> {
  return withStoreLock(store.root, async () => {
    await assertNameFree(store, name);
    let id = newExperimentId();
    while (await findExperiment(store.root, id)) id = newExperimentId();
    await writeNewExperiment(store, id, name, artifactLocation, tags);
    return id;
  });
}

/**
 * Builds the experiment in a staging folder that MLflow and this library never list (its
 * name ends in `.trash`), then renames it into place: no reader sees a half-made
 * experiment, and a failure or crash leaves nothing behind under an experiment id.
 */
export async function writeNewExperiment(store: ExperimentStore, id: string, name: string, artifactLocation: string | undefined, tags: readonly RunTag[]): Promise<void> {
  const dir = layout.experimentStaging(store.root, id);
  await removeTree(dir);
  await mkdirOne(dir);
  try {
    await writeExperimentFiles(store, dir, id, name, artifactLocation, tags);
    await renameDir(dir, layout.experimentDir(store.root, id));
  } catch (error) {
    await removeTree(dir);
    throw storeWriteError(error, `experiment '${name}'`);
  }
}

async function writeExperimentFiles(store: ExperimentStore, dir: string, id: string, name: string, artifactLocation: string | undefined, tags: readonly RunTag[]): Promise<void> {
  for (const tag of tags) {
    await ensureKeyParents(layout.experimentTags(dir), tag.key);
    await replaceFile(layout.experimentTag(dir, tag.key), tag.value, dir);
  }
  const now = Date.now();
  const experiment: Experiment = {
    experimentId: id,
    name,
    artifactLocation: artifactLocation ? resolveLocalUri(artifactLocation) : appendToUri(store.uri, id),
    lifecycleStage: 'active',
    creationTime: now,
    lastUpdateTime: now,
    tags: {},
  };
  await replaceFile(layout.experimentMeta(dir), renderExperimentMeta(experiment, false), dir, true);
}

async function assertNameFree(store: ExperimentStore, name: string): Promise<void> {
  const clash = (await listExperiments(store.root, 'ALL', store.reader, store.warn)).find((e) => e.name === name);
  if (clash === undefined) return;
  if (clash.lifecycleStage === 'deleted') {
    throw new ResourceAlreadyExistsError(
      `Experiment '${name}' already exists in deleted state (id ${clash.experimentId}). Restore it, ` +
        `or remove its folder from .trash (for example with 'mlruns gc') to use the name again.`,
    );
  }
  throw new ResourceAlreadyExistsError(`Experiment '${name}' already exists (id ${clash.experimentId}). Choose another name.`);
}

export async function renameExperiment(store: ExperimentStore, experimentId: string, newName: string): Promise<void> {
  await withStoreLock(store.root, async () => {
    const { experiment, location } = await getExperiment(store.root, experimentId, store.reader);
    if (experiment.lifecycleStage !== 'active') {
      throw new InvalidStateError(`Cannot rename experiment ${experimentId} in non-active lifecycle stage. Current stage: deleted. Restore it first.`);
    }
    await assertNameFree(store, newName);
    await writeExperimentMeta(store.root, location, { ...experiment, name: newName, lastUpdateTime: Date.now() });
  });
}

export async function deleteExperiment(store: ExperimentStore, experimentId: string): Promise<void> {
  if (experimentId === DEFAULT_EXPERIMENT_ID) {
    throw new InvalidParameterError(`Cannot delete the default experiment '0'. This is an internally reserved experiment.`);
  }
  await withStoreLock(store.root, async () => {
    const location = await findExperiment(store.root, experimentId);
    if (location === undefined || location.deleted) {
      throw new ResourceNotFoundError(`Could not find active experiment with ID ${experimentId} to delete.`);
    }
    const trashed = layout.experimentDir(store.root, experimentId, true);
    await assertNoLinks(store.root, trashed);
    if (await pathExists(trashed)) {
      throw new ResourceAlreadyExistsError(
        `Cannot delete experiment ${experimentId}: a deleted experiment with the same id is already in .trash. ` +
          `Remove it for good first (mlruns gc), or move it out of .trash.`,
      );
    }
    const { experiment } = await getExperiment(store.root, experimentId, store.reader);
    const now = Date.now();
    await setRunsLifecycle(store, location, 'active', 'deleted', now);
    await writeExperimentMeta(store.root, location, { ...experiment, lifecycleStage: 'deleted', lastUpdateTime: now });
    await ensureDir(layout.trash(store.root));
    await moveDir(location.dir, trashed).catch((error: unknown) => {
      throw storeWriteError(error, `experiment ${experimentId} to .trash`);
    });
  });
}

export async function restoreExperiment(store: ExperimentStore, experimentId: string): Promise<void> {
  await withStoreLock(store.root, async () => {
    const trashed = layout.experimentDir(store.root, experimentId, true);
    if (!(await isDirectory(trashed))) {
      throw new ResourceNotFoundError(`Could not find deleted experiment with ID ${experimentId} to restore.`);
    }
    const active = layout.experimentDir(store.root, experimentId);
    if (await isDirectory(active)) {
      throw new ResourceAlreadyExistsError(`Cannot restore experiment with ID ${experimentId}: an active experiment with that id already exists.`);
    }
    // Everything is marked active while the folder is still in .trash (where it counts as
    // deleted whatever its files say), and moved last: a crash at any point leaves a
    // deleted experiment that a second restore finishes.
    const location: ExperimentLocation = { id: experimentId, dir: trashed, deleted: true };
    const { experiment } = await getExperiment(store.root, experimentId, store.reader);
    await setRunsLifecycle(store, location, 'deleted', 'active', null);
    await writeExperimentMeta(store.root, location, { ...experiment, lifecycleStage: 'active', lastUpdateTime: Date.now() });
    await moveDir(trashed, active).catch((error: unknown) => {
      throw storeWriteError(error, `experiment ${experimentId} out of .trash`);
    });
  });
}

async function writeExperimentMeta(root: string, location: ExperimentLocation, experiment: Experiment): Promise<void> {
  await assertNoLinks(root, location.dir);
  await replaceFile(layout.experimentMeta(location.dir), renderExperimentMeta(experiment, true), location.dir, true);
}

/** Marks every run of an experiment in stage `from` as `to` (delete/restore of the experiment). */
async function setRunsLifecycle(store: ExperimentStore, location: ExperimentLocation, from: 'active' | 'deleted', to: 'active' | 'deleted', deletedTime: number | null): Promise<void> {
  for (const name of await listSubdirs(location.dir)) {
    if (!isRunFolderName(name)) continue;
    const runDir = layout.runDir(location.dir, name);
    await assertNoLinks(store.root, runDir);
    await withRunLock(runDir, async () => {
      let info: RunInfo;
      try {
        info = readRunInfo(store.reader, runDir);
      } catch (error) {
        if (error instanceof MetaFormatError) return;
        throw error;
      }
      if (info.lifecycleStage !== from || info.experimentId !== location.id) return;
      await writeRunMeta(runDir, { ...info, lifecycleStage: to, deletedTime });
    });
  }
}

export async function setExperimentTag(store: ExperimentStore, experimentId: string, tag: RunTag): Promise<void> {
  const { experiment, location } = await getExperiment(store.root, experimentId, store.reader);
  assertActive(experiment, 'set tags');
  try {
    await assertNoLinks(store.root, layout.experimentTag(location.dir, tag.key));
    await ensureKeyParents(layout.experimentTags(location.dir), tag.key);
    await replaceFile(layout.experimentTag(location.dir, tag.key), tag.value, location.dir);
  } catch (error) {
    throw storeWriteError(error, `tag '${tag.key}' of experiment ${experimentId}`);
  }
}

export async function deleteExperimentTag(store: ExperimentStore, experimentId: string, key: string): Promise<void> {
  const { experiment, location } = await getExperiment(store.root, experimentId, store.reader);
  assertActive(experiment, 'delete tags');
  const path = layout.experimentTag(location.dir, key);
  await assertNoLinks(store.root, path);
  if (!(await isFile(path))) {
    throw new ResourceNotFoundError(`No tag with name: ${key} in experiment with id ${experimentId}.`);
  }
  await removeFile(path);
}
