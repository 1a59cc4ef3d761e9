/**
 * What our client reads of a registry and of logged models, in the shape of
 * compat/py/read_registry.py, so the two can be compared whole.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MlflowClient, MODEL_VERSION_STAGES, modelDirectory } from '../../src/index.js';
import { walkFiles } from '../../src/backends/file/fs-io.js';
import { readMlmodel } from '../../src/models/load-model.js';

export interface RegistryRead {
  registeredModels: Record<string, unknown>[];
  modelVersions: Record<string, unknown>[];
  aliasLookups: Record<string, string>;
  models: Record<string, Record<string, unknown>>;
}

async function readModel(client: MlflowClient, uri: string): Promise<Record<string, unknown>> {
  const dir = await modelDirectory(client, uri);
  const mlmodel = await readMlmodel(dir);
  const examplePath = join(dir, 'input_example.json');
  const files = await walkFiles(dir);
  return {
    flavors: mlmodel.flavors,
    runId: mlmodel.runId,
    artifactPath: mlmodel.artifactPath,
    signature: mlmodel.signature ?? null,
    inputExample: files.includes('input_example.json') ? JSON.parse(await readFile(examplePath, 'utf8')) : null,
    files,
  };
}

export async function readRegistryWithClient(client: MlflowClient, uris: readonly string[] = []): Promise<RegistryRead> {
  const registry = client.registry;
  const { registeredModels } = await registry.searchRegisteredModels({ maxResults: 1000 });
  const read: RegistryRead = { registeredModels: [], modelVersions: [], aliasLookups: {}, models: {} };
  for (const model of registeredModels) {
    const latest = await registry.getLatestVersions(model.name);
    read.registeredModels.push({
      name: model.name, description: model.description, creationTimestamp: model.creationTimestamp,
      lastUpdatedTimestamp: model.lastUpdatedTimestamp, tags: model.tags, aliases: model.aliases,
      latestVersions: Object.fromEntries(MODEL_VERSION_STAGES.flatMap((stage) => latest.filter((v) => v.currentStage === stage).map((v) => [stage, v.version]))),
    });
    const { modelVersions } = await registry.searchModelVersions({ filterString: `name = '${model.name}'`, orderBy: ['version_number ASC'] });
    for (const v of modelVersions) {
      read.modelVersions.push({
        name: v.name, version: v.version, currentStage: v.currentStage, source: v.source, runId: v.runId, description: v.description,
        status: v.status, tags: v.tags, aliases: [...v.aliases].sort(), creationTimestamp: v.creationTimestamp,
        lastUpdatedTimestamp: v.lastUpdatedTimestamp, downloadUri: await registry.getModelVersionDownloadUri(v.name, v.version),
      });
    }
    for (const alias of Object.keys(model.aliases)) read.aliasLookups[`${model.name}@${alias}`] = (await registry.getModelVersionByAlias(model.name, alias)).version;
  }
  for (const uri of uris) read.models[uri] = await readModel(client, uri);
  return read;
}
