/**
 * Reading the file registry (spec section 7): a registered model's folder with its meta.yaml,
 * tags/ and aliases/, and its version-<n>/ folders. Nothing here writes.
 */
import { join } from 'node:path';
import { MODEL_VERSION_STAGES, type ModelVersion, type ModelVersionStage, type RegisteredModel } from '../../../entities/index.js';
import { InternalError } from '../../../errors/index.js';
import { MetaFormatError } from '../../../format/meta-fields.js';
import { registryLayout, versionOfFolder } from '../../../format/layout.js';
import {
  STAGE_DELETED_INTERNAL,
  parseModelVersionMeta,
  parseRegisteredModelMeta,
  type ModelVersionMeta,
  type RegisteredModelMeta,
} from '../../../format/registry-meta.js';
import { TEMP_PREFIX, listSubdirs, readTextOrNull, walkFiles } from '../fs-io.js';
import { readYamlFile } from '../yaml-file.js';

/** A version as stored: its meta, tags and folder. */
export interface StoredVersion {
  readonly meta: ModelVersionMeta;
  readonly tags: Readonly<Record<string, string>>;
  readonly dir: string;
}

/** Every file below `dir` as key → content (keys with `/` are nested files), temp files skipped. */
export async function readKeyFolder(dir: string): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  for (const key of await walkFiles(dir)) {
    if (key.split('/').some((part) => part.startsWith(TEMP_PREFIX))) continue;
    const text = await readTextOrNull(join(dir, ...key.split('/')));
    if (text !== null) entries[key] = text;
  }
  return entries;
}

async function readMeta<T>(path: string, parse: (parsed: unknown) => T): Promise<T | undefined> {
  try {
    const parsed = await readYamlFile(path);
    return parsed === undefined ? undefined : parse(parsed);
  } catch (error) {
    if (error instanceof MetaFormatError) throw new InternalError(`The registry file '${path}' is malformed: ${error.message}.`, { cause: error });
    throw error;
  }
}

export function readModelMeta(modelDir: string): Promise<RegisteredModelMeta | undefined> {
  return readMeta(registryLayout.modelMeta(modelDir), parseRegisteredModelMeta);
}

export function readAliases(modelDir: string): Promise<Record<string, string>> {
  return readKeyFolder(registryLayout.aliases(modelDir));
}

/** A version folder's content, deleted or not; undefined when it has no meta.yaml. */
export async function readVersion(versionDir: string): Promise<StoredVersion | undefined> {
  const meta = await readMeta(registryLayout.versionMeta(versionDir), parseModelVersionMeta);
  if (meta === undefined) return undefined;
  return { meta, tags: await readKeyFolder(registryLayout.versionTags(versionDir)), dir: versionDir };
}

/** Every version folder of a model (soft-deleted ones included), by ascending number. */
export async function readVersions(modelDir: string): Promise<StoredVersion[]> {
  const numbers = (await listSubdirs(modelDir)).map(versionOfFolder).filter((n): n is number => n !== undefined);
  const versions: StoredVersion[] = [];
  for (const n of numbers.sort((a, b) => a - b)) {
    const version = await readVersion(registryLayout.versionDir(modelDir, n));
    if (version !== undefined) versions.push(version);
  }
  return versions;
}

export function isVisible(version: StoredVersion): boolean {
  return version.meta.currentStage !== STAGE_DELETED_INTERNAL;
}

/** The public entity of a stored version, with the aliases that point at it. */
export function toModelVersion(stored: StoredVersion, aliases: Readonly<Record<string, string>>): ModelVersion {
  const { meta } = stored;
  const number = String(meta.version);
  return {
    name: meta.name,
    version: number,
    creationTimestamp: meta.creationTimestamp,
    lastUpdatedTimestamp: meta.lastUpdatedTimestamp,
    description: meta.description,
    userId: meta.userId,
    currentStage: meta.currentStage as ModelVersionStage,
    source: meta.source,
    runId: meta.runId,
    runLink: meta.runLink,
    status: meta.status,
    statusMessage: meta.statusMessage,
    modelId: meta.modelId,
    tags: stored.tags,
    aliases: Object.keys(aliases).filter((alias) => aliases[alias] === number).sort(),
  };
}

/** The highest visible version in each stage, in the order of `stages`. */
export function latestPerStage(versions: readonly StoredVersion[], stages: readonly ModelVersionStage[]): StoredVersion[] {
  const latest: StoredVersion[] = [];
  for (const stage of stages) {
    const inStage = versions.filter((v) => v.meta.currentStage === stage);
    const top = inStage.reduce<StoredVersion | undefined>((best, v) => (best === undefined || v.meta.version > best.meta.version ? v : best), undefined);
    if (top !== undefined) latest.push(top);
  }
  return latest;
}

/** A registered model read whole: meta, tags, aliases and latest versions. */
export async function readRegisteredModel(modelDir: string): Promise<RegisteredModel | undefined> {
  const meta = await readModelMeta(modelDir);
  if (meta === undefined) return undefined;
  const aliases = await readAliases(modelDir);
  const versions = await readVersions(modelDir);
  return {
    name: meta.name,
    creationTimestamp: meta.creationTimestamp,
    lastUpdatedTimestamp: meta.lastUpdatedTimestamp,
    description: meta.description,
    latestVersions: latestPerStage(versions, MODEL_VERSION_STAGES).map((v) => toModelVersion(v, aliases)),
    tags: await readKeyFolder(registryLayout.modelTags(modelDir)),
    aliases,
  };
}
