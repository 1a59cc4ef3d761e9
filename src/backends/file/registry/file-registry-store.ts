import { promises as fsp } from 'node:fs';
import type { ModelVersion, ModelVersionStage, RegisteredModel } from '../../../entities/index.js';
import { InternalError, InvalidParameterError, ResourceAlreadyExistsError, ResourceNotFoundError } from '../../../errors/index.js';
import type { StoreWarning } from '../../../store/tracking-store.js';
import { registryLayout, versionOfFolder } from '../../../format/layout.js';
import { STAGE_DELETED_INTERNAL, renderModelVersionMeta, renderRegisteredModelMeta, type ModelVersionMeta, type RegisteredModelMeta } from '../../../format/registry-meta.js';
import { pathToFileUri } from '../../../format/uri.js';
import type { CreateModelVersionInput, RegistryStore, RegistryTag } from '../../../store/registry-store.js';
import { ensureDir, listSubdirs, moveDir, pathExists, readTextOrNull, removeFile, writeFileAtomic } from '../fs-io.js';
import { withStoreLock } from '../locks.js';
import {
  isVisible,
  latestPerStage,
  readAliases,
  readModelMeta,
  readRegisteredModel,
  readVersion,
  readVersions,
  toModelVersion,
  type StoredVersion,
} from './registry-files.js';

const modelNotFound = (name: string) => new ResourceNotFoundError(`Registered Model with name=${name} not found`);
const versionNotFound = (name: string, version: number) => new ResourceNotFoundError(`Model Version (name=${name}, version=${version}) not found`);

/**
 * The file model registry: `<root>/models/` laid out exactly as Python MLflow's registry
 * FileStore (spec section 7). Every change holds the store lock, so two processes creating
 * versions of one model get distinct numbers; meta.yaml rewrites are atomic.
 */
export class FileRegistryStore implements RegistryStore {
  readonly uri: string;

  /** `warn` hears of each model a listing skips because its files cannot be read. */
  constructor(
    readonly root: string,
    private readonly warn: (warning: StoreWarning) => void = () => undefined,
  ) {
    this.uri = pathToFileUri(root);
  }

  /** Reads one model for a listing; a model whose files are malformed is skipped with a warning. */
  private async readListed<T>(name: string, read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof InternalError)) throw error;
      this.warn({ code: 'MALFORMED_MODEL', path: this.dir(name), message: `registered model skipped: ${error.message}` });
      return undefined;
    }
  }

  private dir(name: string): string {
    return registryLayout.modelDir(this.root, name);
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return withStoreLock(this.root, fn);
  }

  private async requireModel(name: string): Promise<RegisteredModelMeta> {
    const meta = await readModelMeta(this.dir(name));
    if (meta === undefined) throw modelNotFound(name);
    return meta;
  }

  private async requireVersion(name: string, version: number): Promise<StoredVersion> {
    await this.requireModel(name);
    const stored = await readVersion(registryLayout.versionDir(this.dir(name), version));
    if (stored === undefined || !isVisible(stored)) throw versionNotFound(name, version);
    return stored;
  }

  private async writeModelMeta(meta: RegisteredModelMeta): Promise<void> {
    const dir = this.dir(meta.name);
    await writeFileAtomic(registryLayout.modelMeta(dir), renderRegisteredModelMeta(meta, await readAliases(dir)), dir, true);
  }

  /** Bumps the model's last_updated_timestamp, as every tag, alias, version and stage change does. */
  private async touch(name: string, time = Date.now()): Promise<void> {
    await this.writeModelMeta({ ...(await this.requireModel(name)), lastUpdatedTimestamp: time });
  }

  private async writeVersionMeta(dir: string, meta: ModelVersionMeta): Promise<void> {
    await writeFileAtomic(registryLayout.versionMeta(dir), renderModelVersionMeta(meta), dir, true);
  }

  private async entity(name: string, stored: StoredVersion): Promise<ModelVersion> {
    return toModelVersion(stored, await readAliases(this.dir(name)));
  }

  // ---- registered models -----------------------------------------------------------------------

  async createRegisteredModel(name: string, tags: readonly RegistryTag[], description: string | null): Promise<RegisteredModel> {
    await this.locked(async () => {
      const dir = this.dir(name);
      if (await pathExists(dir)) throw new ResourceAlreadyExistsError(`Registered Model (name=${name}) already exists.`);
      await ensureDir(dir);
      for (const tag of tags) await writeFileAtomic(registryLayout.modelTag(dir, tag.key), tag.value, dir);
      const now = Date.now();
      await this.writeModelMeta({ name, creationTimestamp: now, lastUpdatedTimestamp: now, description, deploymentJobId: null, deploymentJobState: null });
    });
    return this.getRegisteredModel(name);
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    const model = await readRegisteredModel(this.dir(name));
    if (model === undefined) throw modelNotFound(name);
    return model;
  }

  /** Moves the whole folder (tags and aliases too; MLflow's own rename drops those) and rewrites the names. */
  async renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel> {
    await this.locked(async () => {
      const meta = await this.requireModel(name);
      if (await pathExists(this.dir(newName))) throw new ResourceAlreadyExistsError(`Registered Model (name=${newName}) already exists.`);
      await moveDir(this.dir(name), this.dir(newName));
      const now = Date.now();
      await this.writeModelMeta({ ...meta, name: newName, lastUpdatedTimestamp: now });
      for (const version of await readVersions(this.dir(newName))) {
        await this.writeVersionMeta(version.dir, { ...version.meta, name: newName, lastUpdatedTimestamp: now });
      }
    });
    return this.getRegisteredModel(newName);
  }

  async updateRegisteredModel(name: string, description: string | null): Promise<RegisteredModel> {
    await this.locked(async () => this.writeModelMeta({ ...(await this.requireModel(name)), description, lastUpdatedTimestamp: Date.now() }));
    return this.getRegisteredModel(name);
  }

  async deleteRegisteredModel(name: string): Promise<void> {
    await this.locked(async () => {
      await this.requireModel(name);
      await fsp.rm(this.dir(name), { recursive: true, force: true });
    });
  }

  async listRegisteredModels(): Promise<RegisteredModel[]> {
    const models: RegisteredModel[] = [];
    for (const name of await listSubdirs(registryLayout.models(this.root))) {
      const model = await this.readListed(name, async () => {
        const read = await readRegisteredModel(this.dir(name));
        // A folder without meta.yaml is no model; one that holds versions or tags lost it.
        if (read === undefined && (await listSubdirs(this.dir(name))).length > 0) {
          this.warn({ code: 'MALFORMED_MODEL', path: registryLayout.modelMeta(this.dir(name)), message: 'registered model skipped: its folder holds versions or tags but no meta.yaml' });
        }
        return read;
      });
      if (model !== undefined) models.push(model);
    }
    return models;
  }

  async setRegisteredModelTag(name: string, tag: RegistryTag): Promise<void> {
    await this.locked(async () => {
      await this.requireModel(name);
      await writeFileAtomic(registryLayout.modelTag(this.dir(name), tag.key), tag.value, this.dir(name));
      await this.touch(name);
    });
  }

  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    await this.locked(async () => {
      await this.requireModel(name);
      await this.removeAndTouch(name, registryLayout.modelTag(this.dir(name), key));
    });
  }

  private async removeAndTouch(name: string, path: string): Promise<void> {
    if (!(await pathExists(path))) return;
    await removeFile(path);
    await this.touch(name);
  }

  // ---- model versions ----------------------------------------------------------------------------

  async createModelVersion(input: CreateModelVersionInput): Promise<ModelVersion> {
    const stored = await this.locked(async () => {
      await this.requireModel(input.name);
      const dir = this.dir(input.name);
      const numbers = (await listSubdirs(dir)).map(versionOfFolder).filter((n): n is number => n !== undefined);
      const version = Math.max(0, ...numbers) + 1;
      const versionDir = registryLayout.versionDir(dir, version);
      // Not recursive: a folder someone else made in the meantime is an error, never shared.
      await fsp.mkdir(versionDir);
      const now = Date.now();
      const meta: ModelVersionMeta = {
        name: input.name, version, creationTimestamp: now, lastUpdatedTimestamp: now, description: input.description,
        userId: null, currentStage: 'None', source: input.source, runId: input.runId, runLink: input.runLink,
        status: 'READY', statusMessage: null, storageLocation: input.storageLocation, modelId: null, deploymentJobState: null,
      };
      for (const tag of input.tags) await writeFileAtomic(registryLayout.versionTag(versionDir, tag.key), tag.value, versionDir);
      await this.writeVersionMeta(versionDir, meta);
      await this.touch(input.name, now);
      return (await readVersion(versionDir))!;
    });
    return this.entity(input.name, stored);
  }

  async getModelVersion(name: string, version: number): Promise<ModelVersion> {
    return this.entity(name, await this.requireVersion(name, version));
  }

  async updateModelVersion(name: string, version: number, description: string | null): Promise<ModelVersion> {
    await this.locked(async () => {
      const stored = await this.requireVersion(name, version);
      await this.writeVersionMeta(stored.dir, { ...stored.meta, description, lastUpdatedTimestamp: Date.now() });
    });
    return this.getModelVersion(name, version);
  }

  async transitionModelVersionStage(name: string, version: number, stage: ModelVersionStage, archiveExistingVersions: boolean): Promise<ModelVersion> {
    await this.locked(async () => {
      const target = await this.requireVersion(name, version);
      const now = Date.now();
      if (archiveExistingVersions) {
        for (const other of await readVersions(this.dir(name))) {
          if (other.meta.version === version || other.meta.currentStage !== stage) continue;
          await this.writeVersionMeta(other.dir, { ...other.meta, currentStage: 'Archived', lastUpdatedTimestamp: now });
        }
      }
      await this.writeVersionMeta(target.dir, { ...target.meta, currentStage: stage, lastUpdatedTimestamp: now });
      await this.touch(name, now);
    });
    return this.getModelVersion(name, version);
  }

  /** Soft delete, as MLflow: the folder stays (numbers are never reused), its aliases go. */
  async deleteModelVersion(name: string, version: number): Promise<void> {
    await this.locked(async () => {
      const stored = await this.requireVersion(name, version);
      const now = Date.now();
      await this.writeVersionMeta(stored.dir, { ...stored.meta, currentStage: STAGE_DELETED_INTERNAL, lastUpdatedTimestamp: now });
      const aliases = await readAliases(this.dir(name));
      for (const [alias, target] of Object.entries(aliases)) {
        if (target === String(version)) await removeFile(registryLayout.alias(this.dir(name), alias));
      }
      await this.touch(name, now);
    });
  }

  async listModelVersions(): Promise<ModelVersion[]> {
    const all: ModelVersion[] = [];
    for (const name of await listSubdirs(registryLayout.models(this.root))) {
      const dir = this.dir(name);
      const aliases = await readAliases(dir);
      for (const stored of (await this.readListed(name, () => readVersions(dir))) ?? []) if (isVisible(stored)) all.push(toModelVersion(stored, aliases));
    }
    return all;
  }

  async getLatestVersions(name: string, stages: readonly ModelVersionStage[]): Promise<ModelVersion[]> {
    await this.requireModel(name);
    const visible = (await readVersions(this.dir(name))).filter(isVisible);
    const aliases = await readAliases(this.dir(name));
    return latestPerStage(visible, stages).map((v) => toModelVersion(v, aliases));
  }

  async getModelVersionDownloadUri(name: string, version: number): Promise<string> {
    const { meta } = await this.requireVersion(name, version);
    return meta.storageLocation || meta.source;
  }

  async setModelVersionTag(name: string, version: number, tag: RegistryTag): Promise<void> {
    await this.locked(async () => {
      const stored = await this.requireVersion(name, version);
      await writeFileAtomic(registryLayout.versionTag(stored.dir, tag.key), tag.value, stored.dir);
      await this.touch(name);
    });
  }

  async deleteModelVersionTag(name: string, version: number, key: string): Promise<void> {
    await this.locked(async () => {
      const stored = await this.requireVersion(name, version);
      await this.removeAndTouch(name, registryLayout.versionTag(stored.dir, key));
    });
  }

  // ---- aliases -------------------------------------------------------------------------------------

  async setRegisteredModelAlias(name: string, alias: string, version: number): Promise<void> {
    await this.locked(async () => {
      await this.requireVersion(name, version);
      await writeFileAtomic(registryLayout.alias(this.dir(name), alias), String(version), this.dir(name));
      await this.touch(name);
    });
  }

  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    await this.locked(async () => {
      await this.requireModel(name);
      await this.removeAndTouch(name, registryLayout.alias(this.dir(name), alias));
    });
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    await this.requireModel(name);
    if (alias.toLowerCase() === 'latest') {
      const visible = (await readVersions(this.dir(name))).filter(isVisible);
      const top = visible.at(-1);
      if (top === undefined) throw new ResourceNotFoundError(`Registered Model with name=${name} has no versions, so the alias 'latest' points nowhere.`);
      return this.entity(name, top);
    }
    const target = await readTextOrNull(registryLayout.alias(this.dir(name), alias));
    if (target === null) throw new InvalidParameterError(`Registered model alias ${alias} not found.`);
    return this.getModelVersion(name, Number(target.trim()));
  }
}
