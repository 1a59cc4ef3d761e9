/**
 * The model registry's meta.yaml files (spec section 7), both ways, with no I/O: a registered
 * model's `models/<name>/meta.yaml` and a version's `models/<name>/version-<n>/meta.yaml`.
 * Tags and aliases live in their own folders and are read separately.
 */
import { MODEL_VERSION_STAGES, type ModelVersionStage } from '../entities/index.js';
import { MetaFormatError, asMapping, optionalMillis, requiredText, scalarText } from './meta-fields.js';
import { renderYaml } from './yaml/index.js';

/** MLflow's stage of a soft-deleted version: hidden from every read. */
export const STAGE_DELETED_INTERNAL = 'Deleted_Internal';

/** A registered model as its meta.yaml holds it. */
export interface RegisteredModelMeta {
  readonly name: string;
  readonly creationTimestamp: number | null;
  readonly lastUpdatedTimestamp: number | null;
  readonly description: string | null;
  /** Kept as read so a rewrite does not lose them; mlruns does not use deployment jobs. */
  readonly deploymentJobId: string | null;
  readonly deploymentJobState: string | null;
}

/** A model version as its meta.yaml holds it. */
export interface ModelVersionMeta {
  readonly name: string;
  readonly version: number;
  readonly creationTimestamp: number | null;
  readonly lastUpdatedTimestamp: number | null;
  readonly description: string | null;
  readonly userId: string | null;
  readonly currentStage: ModelVersionStage | typeof STAGE_DELETED_INTERNAL;
  readonly source: string;
  readonly runId: string | null;
  readonly runLink: string | null;
  readonly status: string;
  readonly statusMessage: string | null;
  readonly storageLocation: string | null;
  readonly modelId: string | null;
  readonly deploymentJobState: string | null;
}

const nullableText = (meta: Readonly<Record<string, unknown>>, field: string): string | null => scalarText(meta, field) ?? null;

/** Reads a registered model meta.yaml (any MLflow 2.x or 3.x shape; `aliases` is ignored). */
export function parseRegisteredModelMeta(parsed: unknown): RegisteredModelMeta {
  const meta = asMapping(parsed, 'registered model');
  return {
    name: requiredText(meta, 'name'),
    creationTimestamp: optionalMillis(meta, 'creation_timestamp'),
    lastUpdatedTimestamp: optionalMillis(meta, 'last_updated_timestamp'),
    description: nullableText(meta, 'description'),
    deploymentJobId: nullableText(meta, 'deployment_job_id'),
    deploymentJobState: nullableText(meta, 'deployment_job_state'),
  };
}

/**
 * Writes a registered model meta.yaml as MLflow 3.17 does, including the dumped alias mapping
 * (alias → version text) that MLflow writes and ignores on read.
 */
export function renderRegisteredModelMeta(model: RegisteredModelMeta, aliases: Readonly<Record<string, string>>): string {
  return renderYaml({
    aliases: { ...aliases },
    creation_timestamp: model.creationTimestamp,
    deployment_job_id: model.deploymentJobId,
    deployment_job_state: model.deploymentJobState,
    description: model.description,
    last_updated_timestamp: model.lastUpdatedTimestamp,
    name: model.name,
    workspace: 'default',
  });
}

function stageOf(text: string): ModelVersionMeta['currentStage'] {
  if (text === STAGE_DELETED_INTERNAL || (MODEL_VERSION_STAGES as readonly string[]).includes(text)) {
    return text as ModelVersionMeta['currentStage'];
  }
  throw new MetaFormatError(`field 'current_stage' should be one of None, Staging, Production, Archived, found ${JSON.stringify(text)}`);
}

/** Reads a model version meta.yaml. */
export function parseModelVersionMeta(parsed: unknown): ModelVersionMeta {
  const meta = asMapping(parsed, 'model version');
  const version = requiredText(meta, 'version');
  if (!/^\d+$/.test(version)) throw new MetaFormatError(`field 'version' should be a whole number, found ${JSON.stringify(version)}`);
  return {
    name: requiredText(meta, 'name'),
    version: Number(version),
    creationTimestamp: optionalMillis(meta, 'creation_timestamp'),
    lastUpdatedTimestamp: optionalMillis(meta, 'last_updated_timestamp'),
    description: nullableText(meta, 'description'),
    userId: nullableText(meta, 'user_id'),
    currentStage: stageOf(scalarText(meta, 'current_stage') ?? 'None'),
    source: scalarText(meta, 'source') ?? '',
    runId: nullableText(meta, 'run_id'),
    runLink: nullableText(meta, 'run_link'),
    status: scalarText(meta, 'status') ?? 'READY',
    statusMessage: nullableText(meta, 'status_message'),
    storageLocation: nullableText(meta, 'storage_location'),
    modelId: nullableText(meta, 'model_id'),
    deploymentJobState: nullableText(meta, 'deployment_job_state'),
  };
}

/** Writes a model version meta.yaml with the keys MLflow 3.17's file registry writes. */
export function renderModelVersionMeta(version: ModelVersionMeta): string {
  return renderYaml({
    creation_timestamp: version.creationTimestamp,
    current_stage: version.currentStage,
    deployment_job_state: version.deploymentJobState,
    description: version.description,
    last_updated_timestamp: version.lastUpdatedTimestamp,
    model_id: version.modelId,
    name: version.name,
    run_id: version.runId,
    run_link: version.runLink,
    source: version.source,
    status: version.status,
    status_message: version.statusMessage,
    storage_location: version.storageLocation,
    user_id: version.userId,
    version: version.version,
    workspace: 'default',
  });
}
