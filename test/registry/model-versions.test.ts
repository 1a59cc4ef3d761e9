import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelRegistryClient } from '../../src/index.js';
import { runScript } from '../helpers/child-script.js';
import { freshStorePath } from '../helpers/tmp.js';

async function registryWith(name: string, versions: number): Promise<{ registry: ModelRegistryClient; root: string }> {
  const root = await freshStorePath();
  const registry = new ModelRegistryClient(root);
  await registry.createRegisteredModel(name);
  for (let i = 1; i <= versions; i++) await registry.createModelVersion(name, `file:///models/${name}/${i}`, `run${i}`);
  return { registry, root };
}

const latest = async (registry: ModelRegistryClient, name: string) =>
  Object.fromEntries((await registry.getLatestVersions(name)).map((v) => [v.currentStage, v.version]));

describe('creating model versions', () => {
  it('numbers versions 1, 2, 3 and creates them READY in stage None', async () => {
    const { registry } = await registryWith('iris', 3);
    const v3 = await registry.getModelVersion('iris', 3);
    expect(v3).toMatchObject({ name: 'iris', version: '3', currentStage: 'None', status: 'READY', source: 'file:///models/iris/3', runId: 'run3', tags: {}, aliases: [] });
  });

  it('writes the version meta.yaml with the keys MLflow 3.17 writes', async () => {
    const { registry, root } = await registryWith('iris', 1);
    const v = await registry.getModelVersion('iris', '1');
    expect(await readFile(join(root, 'models', 'iris', 'version-1', 'meta.yaml'), 'utf8')).toBe(
      `creation_timestamp: ${v.creationTimestamp}\ncurrent_stage: None\ndeployment_job_state: null\ndescription: null\n` +
        `last_updated_timestamp: ${v.lastUpdatedTimestamp}\nmodel_id: null\nname: iris\nrun_id: run1\nrun_link: null\n` +
        `source: file:///models/iris/1\nstatus: READY\nstatus_message: null\nstorage_location: file:///models/iris/1\nuser_id: null\n` +
        `version: 1\nworkspace: default\n`,
    );
  });

  it('bumps the registered model last_updated_timestamp to the version creation time', async () => {
    const { registry } = await registryWith('iris', 1);
    const [model, v1] = [await registry.getRegisteredModel('iris'), await registry.getModelVersion('iris', 1)];
    expect(model.lastUpdatedTimestamp).toBe(v1.creationTimestamp);
  });

  it('refuses a version of an unknown model', async () => {
    const registry = new ModelRegistryClient(await freshStorePath());
    await expect(registry.createModelVersion('nope', 'file:///x')).rejects.toThrow('Registered Model with name=nope not found');
  });

  it('gives two processes creating versions at once distinct numbers', async () => {
    const { registry, root } = await registryWith('iris', 0);
    const body = `const r = new mlruns.ModelRegistryClient(storeRoot);
for (let i = 0; i < 5; i++) await r.createModelVersion('iris', 'file:///m/' + process.pid + '/' + i);`;
    const results = await Promise.all([runScript(body, root), runScript(body, root)]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const { modelVersions } = await registry.searchModelVersions({ filterString: "name = 'iris'" });
    expect(modelVersions.map((v) => Number(v.version)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  }, 60_000);

  it('reads a version by its number as a number or a string, and rejects other versions', async () => {
    const { registry } = await registryWith('iris', 1);
    expect((await registry.getModelVersion('iris', ' 1 ')).version).toBe('1');
    await expect(registry.getModelVersion('iris', 'one')).rejects.toThrow("Parameter 'version' must be an integer, got 'one'.");
    await expect(registry.getModelVersion('iris', 2)).rejects.toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST', message: 'Model Version (name=iris, version=2) not found' });
  });
});

describe('stages (spec cases 84, 86)', () => {
  it('keeps the highest version per stage and falls back when one is deleted', async () => {
    const { registry } = await registryWith('iris', 4);
    await registry.transitionModelVersionStage('iris', 2, 'Production');
    await registry.transitionModelVersionStage('iris', 3, 'pROduction');
    await registry.transitionModelVersionStage('iris', 4, 'staging');
    expect(await latest(registry, 'iris')).toEqual({ None: '1', Production: '3', Staging: '4' });
    await registry.deleteModelVersion('iris', 3);
    expect(await latest(registry, 'iris')).toEqual({ None: '1', Production: '2', Staging: '4' });
    expect((await registry.getLatestVersions('iris', ['production'])).map((v) => v.version)).toEqual(['2']);
  });

  it('archives the other versions of the target stage when asked', async () => {
    const { registry } = await registryWith('iris', 3);
    await registry.transitionModelVersionStage('iris', 1, 'Production');
    await registry.transitionModelVersionStage('iris', 2, 'Production');
    await registry.transitionModelVersionStage('iris', 3, 'Production', true);
    const stages = await Promise.all([1, 2, 3].map(async (n) => (await registry.getModelVersion('iris', n)).currentStage));
    expect(stages).toEqual(['Archived', 'Archived', 'Production']);
  });

  it('refuses to archive existing versions when moving to None or Archived, and unknown stages', async () => {
    const { registry } = await registryWith('iris', 1);
    await expect(registry.transitionModelVersionStage('iris', 1, 'Archived', true)).rejects.toThrow("because 'Archived' is not an Active stage");
    await expect(registry.transitionModelVersionStage('iris', 1, 'Prod')).rejects.toThrow('Invalid Model Version stage: Prod. Value must be one of None, Staging, Production, Archived.');
  });

  it('keeps the storage location through transitions, description updates and a rename', async () => {
    const { registry } = await registryWith('iris', 2);
    await registry.transitionModelVersionStage('iris', 1, 'Staging');
    await registry.transitionModelVersionStage('iris', 2, 'Staging', true);
    await registry.updateModelVersion('iris', 1, { description: 'first' });
    await registry.renameRegisteredModel('iris', 'flowers');
    expect(await registry.getModelVersionDownloadUri('flowers', 1)).toBe('file:///models/iris/1');
    expect((await registry.getModelVersion('flowers', 1)).description).toBe('first');
  });

  it('never reuses the number of a deleted version', async () => {
    const { registry } = await registryWith('iris', 2);
    await registry.deleteModelVersion('iris', 2);
    await expect(registry.getModelVersion('iris', 2)).rejects.toThrow('not found');
    expect((await registry.createModelVersion('iris', 'file:///x')).version).toBe('3');
  });
});

describe('aliases (spec case 85)', () => {
  it('maps the alias on the model and lists it on its version only', async () => {
    const { registry } = await registryWith('iris', 2);
    await registry.setRegisteredModelAlias('iris', 'test_alias', 2);
    expect((await registry.getRegisteredModel('iris')).aliases).toEqual({ test_alias: '2' });
    expect((await registry.getModelVersion('iris', 1)).aliases).toEqual([]);
    expect((await registry.getModelVersion('iris', 2)).aliases).toEqual(['test_alias']);
    expect((await registry.getModelVersionByAlias('iris', 'test_alias')).version).toBe('2');
  });

  it('forgets the alias when it is deleted or its version is deleted', async () => {
    const { registry } = await registryWith('iris', 2);
    await registry.setRegisteredModelAlias('iris', 'a', 2);
    await registry.deleteRegisteredModelAlias('iris', 'a');
    await expect(registry.getModelVersionByAlias('iris', 'a')).rejects.toThrow('Registered model alias a not found.');
    await registry.setRegisteredModelAlias('iris', 'b', 2);
    await registry.deleteModelVersion('iris', 2);
    expect((await registry.getRegisteredModel('iris')).aliases).toEqual({});
  });

  it('fails alias lookups after the model is deleted with the model not found', async () => {
    const { registry } = await registryWith('iris', 1);
    await registry.setRegisteredModelAlias('iris', 'a', 1);
    await registry.deleteRegisteredModel('iris');
    await expect(registry.getModelVersionByAlias('iris', 'a')).rejects.toThrow('Registered Model with name=iris not found');
  });

  it('reserves latest and v<digits>, and resolves latest to the highest version', async () => {
    const { registry } = await registryWith('iris', 3);
    await expect(registry.setRegisteredModelAlias('iris', 'Latest', 1)).rejects.toThrow("'latest' alias name (case insensitive) is reserved.");
    await expect(registry.setRegisteredModelAlias('iris', 'v2', 1)).rejects.toThrow("Version alias name 'v2' is reserved.");
    await expect(registry.setRegisteredModelAlias('iris', 'a b', 1)).rejects.toThrow("Invalid alias name: 'a b'.");
    expect((await registry.getModelVersionByAlias('iris', 'latest')).version).toBe('3');
  });

  it('refuses an alias to a version that does not exist', async () => {
    const { registry } = await registryWith('iris', 1);
    await expect(registry.setRegisteredModelAlias('iris', 'champion', 5)).rejects.toThrow('Model Version (name=iris, version=5) not found');
  });
});

describe('model version tags', () => {
  it('sets and deletes tags and bumps the model', async () => {
    const { registry } = await registryWith('iris', 1);
    await registry.setModelVersionTag('iris', 1, 'validated', 'yes');
    expect((await registry.getModelVersion('iris', 1)).tags).toEqual({ validated: 'yes' });
    await registry.deleteModelVersionTag('iris', 1, 'validated');
    expect((await registry.getModelVersion('iris', 1)).tags).toEqual({});
    await expect(registry.setModelVersionTag('iris', 1, 'k', null)).rejects.toThrow('Tag value cannot be None');
  });
});

describe('models:/ URIs', () => {
  it('resolves versions, aliases, stages and latest', async () => {
    const { registry } = await registryWith('iris', 3);
    await registry.setRegisteredModelAlias('iris', 'champion', 2);
    await registry.transitionModelVersionStage('iris', 1, 'Production');
    const versionOf = async (uri: string) => (await registry.resolveModelsUri(uri)).version;
    expect(await versionOf('models:/iris/3')).toBe('3');
    expect(await versionOf('models:/iris@champion')).toBe('2');
    expect(await versionOf('models:/iris/production')).toBe('1');
    expect(await versionOf('models:/iris/latest')).toBe('3');
    await expect(registry.resolveModelsUri('models:/iris/Staging')).rejects.toThrow("No versions of model with name 'iris' and stage 'Staging' found");
  });
});
