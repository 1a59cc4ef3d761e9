import { join } from 'node:path';
import type { Experiment, ViewType } from '../../entities/index.js';
import { InvalidParameterError, ResourceNotFoundError } from '../../errors/index.js';
import { parseExperimentMeta } from '../../format/experiment-meta.js';
import { isExperimentFolderName, layout } from '../../format/layout.js';
import { MetaFormatError } from '../../format/meta-fields.js';
import { isExperimentIdName, validateExperimentId } from '../../validation/index.js';
import { isDirectory, listSubdirs } from './fs-io.js';
import type { RunReader, WarningSink } from './run-reader.js';
import { readYamlFile } from './yaml-file.js';

export interface ExperimentLocation {
  readonly id: string;
  readonly dir: string;
  readonly deleted: boolean;
}

/**
 * The experiment folders of a view: root sub-folders for active ones, `.trash` sub-folders for
 * deleted ones. Folders whose names cannot be experiment ids (`.git`, `.ipynb_checkpoints`)
 * are reported and skipped, where MLflow would abort the whole listing.
 */
export async function experimentLocations(root: string, viewType: ViewType, warn: WarningSink): Promise<ExperimentLocation[]> {
  const found: ExperimentLocation[] = [];
  const scan = async (parent: string, deleted: boolean): Promise<void> => {
    for (const name of await listSubdirs(parent)) {
      if (!deleted && !isExperimentFolderName(name)) continue;
      if (!isExperimentIdName(name)) {
        warn({ code: 'STRAY_FOLDER', path: join(parent, name), message: `'${name}' is not an experiment id; skipped` });
        continue;
      }
      found.push({ id: name, dir: join(parent, name), deleted });
    }
  };
  if (viewType !== 'DELETED_ONLY') await scan(root, false);
  if (viewType !== 'ACTIVE_ONLY') await scan(layout.trash(root), true);
  return found;
}

/** Where an experiment's folder is (active first, then `.trash`), or undefined. */
export async function findExperiment(root: string, experimentId: string): Promise<ExperimentLocation | undefined> {
  validateExperimentId(experimentId);
  for (const deleted of [false, true]) {
    const dir = layout.experimentDir(root, experimentId, deleted);
    if (await isDirectory(dir)) return { id: experimentId, dir, deleted };
  }
  return undefined;
}

/**
 * Reads one experiment from its folder. Throws MetaFormatError when the meta.yaml is missing,
 * empty or malformed, or names another id than its folder.
 */
export async function readExperiment(location: ExperimentLocation, reader: RunReader): Promise<Experiment> {
  const parsed = await readYamlFile(layout.experimentMeta(location.dir));
  if (parsed === undefined) throw new MetaFormatError(`there is no meta.yaml`);
  const meta = parseExperimentMeta(parsed, location.deleted);
  if (meta.experimentId !== location.id) {
    throw new MetaFormatError(`its meta.yaml names experiment id '${meta.experimentId}', not the folder's '${location.id}'`);
  }
  const tags = reader.readEntries(location.dir, 'tags', 'all');
  return { ...meta, lifecycleStage: location.deleted ? 'deleted' : meta.lifecycleStage, tags };
}

/** Every readable experiment of a view; unreadable ones are reported and skipped. */
export async function listExperiments(root: string, viewType: ViewType, reader: RunReader, warn: WarningSink): Promise<Experiment[]> {
  const experiments: Experiment[] = [];
  const byName = new Map<string, ExperimentLocation[]>();
  for (const location of await experimentLocations(root, viewType, warn)) {
    try {
      const experiment = await readExperiment(location, reader);
      experiments.push(experiment);
      byName.set(experiment.name, [...(byName.get(experiment.name) ?? []), location]);
    } catch (error) {
      if (!(error instanceof MetaFormatError)) throw error;
      warn({ code: 'MALFORMED_EXPERIMENT', path: location.dir, message: `experiment skipped: ${error.message}` });
    }
  }
  // Names are unique in a store; two stores merged (or copied folders) can break that. One
  // warning per name, at the first folder, as `mlruns doctor` reports it.
  for (const [name, places] of byName) {
    if (places.length < 2) continue;
    const ids = places.map((p) => p.id).join(', ');
    warn({ code: 'DUPLICATE_EXPERIMENT_NAME', path: places[0]!.dir, message: `experiments ${ids} are all named '${name}'; a lookup by name finds the newest. Rename all but one` });
  }
  return experiments;
}

/** Reads an experiment by id, with MLflow's errors when it is missing or unreadable. */
export async function getExperiment(root: string, experimentId: string, reader: RunReader): Promise<{ experiment: Experiment; location: ExperimentLocation }> {
  const location = await findExperiment(root, experimentId);
  if (location === undefined) {
    throw new ResourceNotFoundError(`Could not find experiment with ID ${experimentId}. List experiments to see the ids this store holds.`);
  }
  try {
    return { experiment: await readExperiment(location, reader), location };
  } catch (error) {
    if (!(error instanceof MetaFormatError)) throw error;
    throw new ResourceNotFoundError(`Experiment '${experimentId}' does not exist: ${error.message} (in '${location.dir}').`, { cause: error });
  }
}

export function assertActive(experiment: Experiment, action: string): void {
  if (experiment.lifecycleStage !== 'active') {
    throw new InvalidParameterError(
      `The experiment ${experiment.experimentId} must be in the 'active' lifecycle_stage to ${action}; ` +
        `it is deleted. Restore it first.`,
    );
  }
}
