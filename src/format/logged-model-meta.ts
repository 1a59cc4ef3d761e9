import { asMapping, lifecycleStage, optionalMillis, requiredText, scalarText } from './meta-fields.js';

/**
 * The fields of an MLflow 3 logged model's meta.yaml (`<experiment>/models/<model_id>/`) that
 * this library uses: garbage collection removes the deleted ones. `delete_logged_model` sets
 * `lifecycle_stage: deleted` and `last_updated_timestamp`; a meta.yaml without a stage is active.
 */
export interface LoggedModelMeta {
  readonly modelId: string;
  readonly name: string;
  /** The experiment it names, if it names one. */
  readonly experimentId: string | undefined;
  readonly lifecycleStage: 'active' | 'deleted';
  /** When it last changed (ms; for a deleted model, when it was deleted), or null when absent. */
  readonly lastUpdatedTime: number | null;
  /** Its recorded artifact_location ('' when absent). */
  readonly artifactLocation: string;
}

/** Reads a parsed logged-model meta.yaml; MetaFormatError names what is wrong with it. */
export function parseLoggedModelMeta(parsed: unknown): LoggedModelMeta {
  const meta = asMapping(parsed, 'logged model');
  return {
    modelId: requiredText(meta, 'model_id'),
    name: scalarText(meta, 'name') ?? '',
    experimentId: scalarText(meta, 'experiment_id'),
    lifecycleStage: lifecycleStage(meta, 'active'),
    lastUpdatedTime: optionalMillis(meta, 'last_updated_timestamp'),
    artifactLocation: scalarText(meta, 'artifact_location') ?? '',
  };
}

/**
 * What is wrong when a logged model's meta.yaml names another model than its folder, or another
 * experiment than the one it is in (MLflow then cannot open it); undefined when the ids agree.
 */
export function loggedModelIdMismatch(meta: LoggedModelMeta, folderName: string, experimentId: string): string | undefined {
  if (meta.modelId !== folderName) return `its meta.yaml names model '${meta.modelId}', not the folder's '${folderName}'`;
  if (meta.experimentId !== undefined && meta.experimentId !== experimentId) return `its meta.yaml names experiment '${meta.experimentId}', not '${experimentId}'`;
  return undefined;
}
