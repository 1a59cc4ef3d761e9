import type { ModelVersion, ModelVersionStage, RegisteredModel } from '../entities/index.js';
import { MODEL_VERSION_STAGES } from '../entities/index.js';
import { InvalidParameterError } from '../errors/index.js';
import type { StoreWarning } from '../store/tracking-store.js';
import { FileRegistryStore } from '../backends/file/registry/file-registry-store.js';
import { searchModelVersions as searchVersionList, searchRegisteredModels as searchModelList } from '../search/index.js';
import type { RegistryStore, RegistryTag } from '../store/registry-store.js';
import { canonicalStage, describe, registryTag, validateAlias, validateModelName, validateVersion, type LoggableValue } from '../validation/index.js';
import { modelsUriOf, parseModelsUri } from '../format/models-uri.js';
import { resolveStoreRoot } from './tracking-uri.js';

export type RegistryTagsInput = Readonly<Record<string, LoggableValue>>;

export interface RegistrySearchInput {
  readonly filterString?: string;
  readonly maxResults?: number;
  readonly orderBy?: readonly string[];
  readonly pageToken?: string;
}

/** Versions may be given as numbers or as MLflow's version strings. */
export type VersionInput = number | string;

/** The registry URI MLflow uses when none is given: $MLFLOW_REGISTRY_URI, else the tracking URI. */
export function defaultRegistryUri(trackingUri: string): string {
  const fromEnv = process.env.MLFLOW_REGISTRY_URI;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : trackingUri;
}

function tagList(tags: RegistryTagsInput | undefined): RegistryTag[] {
  if (tags === undefined || tags === null) return [];
  if (typeof tags !== 'object' || Array.isArray(tags)) throw new InvalidParameterError(`Tags must be a record of key → value; got ${describe(tags)}.`);
  return Object.entries(tags).map(([key, value]) => registryTag(key, value));
}

function optionalText(value: unknown, what: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new InvalidParameterError(`${what} must be a string; got ${describe(value)}.`);
  return value;
}

/**
 * MLflow's model registry client methods in camelCase, over the file registry under
 * `<root>/models/` (spec section 7). `MlflowClient.registry` is one of these on the same store.
 *
 * @example
 * const registry = new ModelRegistryClient('./mlruns');
 * await registry.createRegisteredModel('iris', { description: 'Iris species classifier' });
 * const version = await registry.createModelVersion('iris', `runs:/${runId}/model`, runId);
 * await registry.setRegisteredModelAlias('iris', 'champion', version.version);
 */
export class ModelRegistryClient {
  /** The registry URI this client was opened on. */
  readonly registryUri: string;
  private readonly store: RegistryStore;

  constructor(registryUri: string = defaultRegistryUri(process.env.MLFLOW_TRACKING_URI || './mlruns'), options: { onWarning?: (warning: StoreWarning) => void } = {}) {
    if (typeof registryUri !== 'string' || registryUri === '') {
      throw new InvalidParameterError(`The registry URI must be a non-empty path or file:// URI; got ${describe(registryUri)}.`);
    }
    this.registryUri = registryUri;
    this.store = new FileRegistryStore(resolveStoreRoot(registryUri), options.onWarning);
  }

  // ---- registered models -------------------------------------------------------------------

  /** @example await registry.createRegisteredModel('iris', { tags: { team: 'vision' }, description: 'Iris classifier' }); */
  async createRegisteredModel(name: string, options: { tags?: RegistryTagsInput; description?: string } = {}): Promise<RegisteredModel> {
    validateModelName(name);
    return this.store.createRegisteredModel(name, tagList(options.tags), optionalText(options.description, 'description'));
  }

  /** @example const model = await registry.getRegisteredModel('iris'); model.aliases; // { champion: '3' } */
  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    validateModelName(name);
    return this.store.getRegisteredModel(name);
  }

  /** @example await registry.renameRegisteredModel('iris', 'iris-classifier'); */
  async renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel> {
    validateModelName(name);
    validateModelName(newName, 'new_name');
    return this.store.renameRegisteredModel(name, newName);
  }

  /** Sets (or, with null, clears) the description. @example await registry.updateRegisteredModel('iris', { description: 'v2 features' }); */
  async updateRegisteredModel(name: string, options: { description?: string | null } = {}): Promise<RegisteredModel> {
    validateModelName(name);
    return this.store.updateRegisteredModel(name, optionalText(options.description, 'description'));
  }

  /** Deletes the model and every version, for good. @example await registry.deleteRegisteredModel('iris'); */
  async deleteRegisteredModel(name: string): Promise<void> {
    validateModelName(name);
    await this.store.deleteRegisteredModel(name);
  }

  /**
   * Registered models matching a filter (`name`, `tags.<key>`), by name unless ordered otherwise,
   * 100 per page by default (at most 1000).
   * @example const { registeredModels, nextPageToken } = await registry.searchRegisteredModels({ filterString: "name LIKE 'iris%'" });
   */
  async searchRegisteredModels(options: RegistrySearchInput = {}): Promise<{ registeredModels: RegisteredModel[]; nextPageToken?: string }> {
    return searchModelList(await this.store.listRegisteredModels(), {
      filter: options.filterString, orderBy: options.orderBy, maxResults: options.maxResults, pageToken: options.pageToken,
    });
  }

  /** @example await registry.setRegisteredModelTag('iris', 'team', 'vision'); */
  async setRegisteredModelTag(name: string, key: string, value: LoggableValue): Promise<void> {
    validateModelName(name);
    await this.store.setRegisteredModelTag(name, registryTag(key, value));
  }

  /** Deleting a tag that is not there does nothing, as in MLflow. @example await registry.deleteRegisteredModelTag('iris', 'team'); */
  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    validateModelName(name);
    await this.store.deleteRegisteredModelTag(name, registryTag(key, '').key);
  }

  // ---- model versions ------------------------------------------------------------------------

  /**
   * Registers the model files at `source` as the next version of a registered model. A
   * `models:/<name>/<version>` source points at that version's files.
   * @example const v = await registry.createModelVersion('iris', `runs:/${runId}/model`, runId, { tags: { data: 'v2' } });
   */
  async createModelVersion(
    name: string,
    source: string,
    runId?: string | null,
    options: { tags?: RegistryTagsInput; runLink?: string; description?: string } = {},
  ): Promise<ModelVersion> {
    validateModelName(name);
    if (typeof source !== 'string' || source === '') throw new InvalidParameterError(`Missing value for required parameter 'source'. Give the URI of the model's files.`);
    let storageLocation = source;
    const models = parseModelsUri(source);
    if (models !== undefined) {
      if (models.kind !== 'version') {
        throw new InvalidParameterError(`Unable to fetch model from model URI source artifact location '${source}': give a models:/<name>/<version> URI.`);
      }
      storageLocation = await this.store.getModelVersionDownloadUri(models.name, validateVersion(models.version));
    }
    return this.store.createModelVersion({
      name, source, runId: optionalText(runId, 'runId'), tags: tagList(options.tags),
      runLink: optionalText(options.runLink, 'runLink'), description: optionalText(options.description, 'description'), storageLocation,
    });
  }

  /** @example const v = await registry.getModelVersion('iris', 3); */
  async getModelVersion(name: string, version: VersionInput): Promise<ModelVersion> {
    validateModelName(name);
    return this.store.getModelVersion(name, validateVersion(version));
  }

  /** @example await registry.updateModelVersion('iris', 3, { description: 'retrained on May data' }); */
  async updateModelVersion(name: string, version: VersionInput, options: { description?: string | null } = {}): Promise<ModelVersion> {
    validateModelName(name);
    return this.store.updateModelVersion(name, validateVersion(version), optionalText(options.description, 'description'));
  }

  /** Soft-deletes a version: it disappears, its number is never reused, its aliases go. @example await registry.deleteModelVersion('iris', 1); */
  async deleteModelVersion(name: string, version: VersionInput): Promise<void> {
    validateModelName(name);
    await this.store.deleteModelVersion(name, validateVersion(version));
  }

  /**
   * Model versions matching a filter (`name`, `run_id`, `source_path`, `version_number`,
   * `tags.<key>`); newest change first by default, 10,000 per page (at most 200,000).
   * @example const { modelVersions } = await registry.searchModelVersions({ filterString: "name = 'iris'", orderBy: ['version_number DESC'] });
   */
  async searchModelVersions(options: RegistrySearchInput = {}): Promise<{ modelVersions: ModelVersion[]; nextPageToken?: string }> {
    return searchVersionList(await this.store.listModelVersions(), {
      filter: options.filterString, orderBy: options.orderBy, maxResults: options.maxResults, pageToken: options.pageToken,
    });
  }

  /**
   * The highest version in each stage asked for (all four when none are given).
   * @example const [production] = await registry.getLatestVersions('iris', ['Production']);
   */
  async getLatestVersions(name: string, stages?: readonly string[]): Promise<ModelVersion[]> {
    validateModelName(name);
    const wanted = stages === undefined || stages.length === 0 ? [...MODEL_VERSION_STAGES] : [...new Set(stages.map(canonicalStage))];
    return this.store.getLatestVersions(name, wanted);
  }

  /**
   * Moves a version to None, Staging, Production or Archived (any casing). With
   * `archiveExistingVersions`, the other versions in that stage (Staging or Production only)
   * become Archived.
   * @example await registry.transitionModelVersionStage('iris', 3, 'Production', true);
   */
  async transitionModelVersionStage(name: string, version: VersionInput, stage: string, archiveExistingVersions = false): Promise<ModelVersion> {
    validateModelName(name);
    const number = validateVersion(version);
    const canonical: ModelVersionStage = canonicalStage(stage);
    if (archiveExistingVersions && canonical !== 'Staging' && canonical !== 'Production') {
      throw new InvalidParameterError(
        `Model version transition cannot archive existing model versions because '${stage}' is not an Active stage. Valid stages are ['Staging', 'Production']`,
      );
    }
    return this.store.transitionModelVersionStage(name, number, canonical, archiveExistingVersions === true);
  }

  /** Where the version's files are: its storage location, else its source. @example const uri = await registry.getModelVersionDownloadUri('iris', 3); */
  async getModelVersionDownloadUri(name: string, version: VersionInput): Promise<string> {
    validateModelName(name);
    return this.store.getModelVersionDownloadUri(name, validateVersion(version));
  }

  /** @example await registry.setModelVersionTag('iris', 3, 'validated', 'yes'); */
  async setModelVersionTag(name: string, version: VersionInput, key: string, value: LoggableValue): Promise<void> {
    validateModelName(name);
    if (value === null || value === undefined) throw new InvalidParameterError('Tag value cannot be None');
    await this.store.setModelVersionTag(name, validateVersion(version), registryTag(key, value));
  }

  /** @example await registry.deleteModelVersionTag('iris', 3, 'validated'); */
  async deleteModelVersionTag(name: string, version: VersionInput, key: string): Promise<void> {
    validateModelName(name);
    await this.store.deleteModelVersionTag(name, validateVersion(version), registryTag(key, '').key);
  }

  // ---- aliases ---------------------------------------------------------------------------------

  /** Points an alias at a version, moving it if it pointed elsewhere. @example await registry.setRegisteredModelAlias('iris', 'champion', 3); */
  async setRegisteredModelAlias(name: string, alias: string, version: VersionInput): Promise<void> {
    validateModelName(name);
    validateAlias(alias, true);
    await this.store.setRegisteredModelAlias(name, alias, validateVersion(version));
  }

  /** @example await registry.deleteRegisteredModelAlias('iris', 'champion'); */
  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    validateModelName(name);
    validateAlias(alias, false);
    await this.store.deleteRegisteredModelAlias(name, alias);
  }

  /** The version an alias points at; `latest` is the highest version. @example const champion = await registry.getModelVersionByAlias('iris', 'champion'); */
  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    validateModelName(name);
    validateAlias(alias, false);
    return this.store.getModelVersionByAlias(name, alias);
  }

  /**
   * The version a `models:/` URI names: `models:/<name>/<version>`, `models:/<name>@<alias>`
   * or `models:/<name>/<stage>` (the highest version in that stage).
   * @example const v = await registry.resolveModelsUri('models:/iris@champion');
   */
  async resolveModelsUri(uri: string): Promise<ModelVersion> {
    const parsed = parseModelsUri(uri);
    if (parsed === undefined) throw new InvalidParameterError(`Not a proper models:/ URI: '${uri}'. Use models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/<stage>.`);
    switch (parsed.kind) {
      case 'version':
        return this.getModelVersion(parsed.name, parsed.version);
      case 'alias':
        return this.getModelVersionByAlias(parsed.name, parsed.alias);
      case 'stage': {
        const [latest] = await this.getLatestVersions(parsed.name, [parsed.stage]);
        if (latest === undefined) throw new InvalidParameterError(`No versions of model with name '${parsed.name}' and stage '${parsed.stage}' found`);
        return latest;
      }
    }
  }

  /** The `models:/` URI of a version. @example registry.modelsUri('iris', 3) // 'models:/iris/3' */
  modelsUri(name: string, version: VersionInput): string {
    return modelsUriOf(name, String(validateVersion(version)));
  }
}
