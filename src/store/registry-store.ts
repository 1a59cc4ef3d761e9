import type { ModelVersion, ModelVersionStage, RegisteredModel } from '../entities/index.js';

export interface RegistryTag {
  readonly key: string;
  readonly value: string;
}

export interface CreateModelVersionInput {
  readonly name: string;
  readonly source: string;
  readonly runId: string | null;
  readonly tags: readonly RegistryTag[];
  readonly runLink: string | null;
  readonly description: string | null;
  /** Where the model's files are; the download URI (defaults to the source). */
  readonly storageLocation: string;
}

/**
 * What every model registry backend does. Arguments arrive validated and normalised by the
 * client (names, versions as integers, canonical stages); a backend translates its native
 * failures into MlflowError codes with MLflow's messages. Unknown models and versions are
 * RESOURCE_DOES_NOT_EXIST; soft-deleted versions are invisible.
 */
export interface RegistryStore {
  /** The registry's location as a URI. */
  readonly uri: string;

  createRegisteredModel(name: string, tags: readonly RegistryTag[], description: string | null): Promise<RegisteredModel>;
  getRegisteredModel(name: string): Promise<RegisteredModel>;
  renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel>;
  updateRegisteredModel(name: string, description: string | null): Promise<RegisteredModel>;
  deleteRegisteredModel(name: string): Promise<void>;
  /** Every readable registered model, in no particular order. */
  listRegisteredModels(): Promise<RegisteredModel[]>;
  setRegisteredModelTag(name: string, tag: RegistryTag): Promise<void>;
  deleteRegisteredModelTag(name: string, key: string): Promise<void>;

  /** Creates the next version (max existing + 1, deleted ones included), READY, stage None. */
  createModelVersion(input: CreateModelVersionInput): Promise<ModelVersion>;
  getModelVersion(name: string, version: number): Promise<ModelVersion>;
  updateModelVersion(name: string, version: number, description: string | null): Promise<ModelVersion>;
  transitionModelVersionStage(name: string, version: number, stage: ModelVersionStage, archiveExistingVersions: boolean): Promise<ModelVersion>;
  deleteModelVersion(name: string, version: number): Promise<void>;
  /** Every visible version of every registered model, in no particular order. */
  listModelVersions(): Promise<ModelVersion[]>;
  /** The highest visible version in each of `stages`, in the order of `stages`. */
  getLatestVersions(name: string, stages: readonly ModelVersionStage[]): Promise<ModelVersion[]>;
  getModelVersionDownloadUri(name: string, version: number): Promise<string>;
  setModelVersionTag(name: string, version: number, tag: RegistryTag): Promise<void>;
  deleteModelVersionTag(name: string, version: number, key: string): Promise<void>;

  setRegisteredModelAlias(name: string, alias: string, version: number): Promise<void>;
  deleteRegisteredModelAlias(name: string, alias: string): Promise<void>;
  /** The version an alias points at; `latest` (any case) is the highest visible version. */
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion>;
}
