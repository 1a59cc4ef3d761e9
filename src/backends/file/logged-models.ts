import { basename, join } from 'node:path';
import { layout } from '../../format/layout.js';
import { MetaFormatError, asMapping, lifecycleStage, optionalMillis, requiredText, scalarText } from '../../format/meta-fields.js';
import type { ExperimentLocation } from './experiments.js';
import { listSubdirs } from './fs-io.js';
import type { WarningSink } from './run-reader.js';
import { readYamlFile } from './yaml-file.js';

/**
 * MLflow 3's logged models, as far as this library needs them: garbage collection finds the
 * deleted ones and removes them for good, as `mlflow gc` does. Each lives in
 * `<experiment>/models/<model_id>/` with a meta.yaml; `delete_logged_model` marks it
 * `lifecycle_stage: deleted` and sets `last_updated_timestamp`.
 */
export interface LoggedModelFolder {
  readonly modelId: string;
  readonly name: string;
  readonly experimentId: string;
  readonly lifecycleStage: 'active' | 'deleted';
  /** When it last changed (ms; for a deleted model, when it was deleted), or null when absent. */
  readonly lastUpdatedTime: number | null;
  /** Its recorded artifact_location ('' when absent). */
  readonly artifactLocation: string;
  /** Its folder. */
  readonly dir: string;
}

/** Reads one logged model's meta.yaml; undefined when there is none (MLflow skips such folders). */
export async function readLoggedModel(dir: string, experimentId: string): Promise<LoggedModelFolder | undefined> {
  const path = join(dir, 'meta.yaml');
  const parsed = await readYamlFile(path);
  if (parsed === undefined) return undefined;
  const meta = asMapping(parsed, 'logged model');
  const modelId = requiredText(meta, 'model_id');
  if (modelId !== basename(dir)) throw new MetaFormatError(`its meta.yaml names model '${modelId}', not the folder's '${basename(dir)}'`);
  const recordedExperiment = scalarText(meta, 'experiment_id');
  if (recordedExperiment !== undefined && recordedExperiment !== experimentId) {
    throw new MetaFormatError(`its meta.yaml names experiment '${recordedExperiment}', not '${experimentId}'`);
  }
  return {
    modelId,
    name: scalarText(meta, 'name') ?? '',
    experimentId,
    lifecycleStage: lifecycleStage(meta, 'active'),
    lastUpdatedTime: optionalMillis(meta, 'last_updated_timestamp'),
    artifactLocation: scalarText(meta, 'artifact_location') ?? '',
    dir,
  };
}

/**
 * The logged models of the given experiments, in folder-name order. A model whose meta.yaml
 * cannot be read is reported and skipped (MLflow's gc would stop there).
 */
export async function listLoggedModels(experiments: readonly ExperimentLocation[], warn: WarningSink): Promise<LoggedModelFolder[]> {
  const found: LoggedModelFolder[] = [];
  for (const experiment of experiments) {
    const parent = layout.loggedModels(experiment.dir);
    for (const name of (await listSubdirs(parent)).sort()) {
      const dir = layout.loggedModelDir(experiment.dir, name);
      try {
        const model = await readLoggedModel(dir, experiment.id);
        if (model !== undefined) found.push(model);
      } catch (error) {
        if (!(error instanceof MetaFormatError)) throw error;
        warn({ code: 'MALFORMED_MODEL', path: join(dir, 'meta.yaml'), message: `logged model skipped: ${error.message}` });
      }
    }
  }
  return found;
}
