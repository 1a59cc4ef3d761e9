import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelRegistryClient } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

async function openRegistry(): Promise<{ registry: ModelRegistryClient; root: string }> {
  const root = await freshStorePath();
  return { registry: new ModelRegistryClient(root), root };
}

describe('creating registered models (spec cases 80, 81)', () => {
  it('rejects a missing name, names with / or :, a % and a path that escapes the folder', async () => {
    const { registry } = await openRegistry();
    await expect(registry.createRegisteredModel('')).rejects.toThrow("Missing value for required parameter 'name'.");
    await expect(registry.createRegisteredModel('a/b')).rejects.toThrow("Names cannot contain '/' or ':'");
    await expect(registry.createRegisteredModel('a:b')).rejects.toThrow("Names cannot contain '/' or ':'");
    await expect(registry.createRegisteredModel('m%6fdel')).rejects.toThrow("Registered model name cannot contain '%' character");
    await expect(registry.createRegisteredModel('..')).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE' });
  });

  it('gives a new model no versions, no tags, and equal creation and update times', async () => {
    const { registry } = await openRegistry();
    const model = await registry.createRegisteredModel('iris');
    expect(model).toMatchObject({ name: 'iris', latestVersions: [], tags: {}, aliases: {}, description: null });
    expect(model.lastUpdatedTimestamp).toBe(model.creationTimestamp);
  });

  it('writes meta.yaml with the keys MLflow 3.17 writes, and tags as files', async () => {
    const { registry, root } = await openRegistry();
    const model = await registry.createRegisteredModel('iris', { tags: { team: 'vision' }, description: 'Iris classifier' });
    const meta = await readFile(join(root, 'models', 'iris', 'meta.yaml'), 'utf8');
    expect(meta).toBe(
      `aliases: {}\ncreation_timestamp: ${model.creationTimestamp}\ndeployment_job_id: null\ndeployment_job_state: null\n` +
        `description: Iris classifier\nlast_updated_timestamp: ${model.lastUpdatedTimestamp}\nname: iris\nworkspace: default\n`,
    );
    expect(await readFile(join(root, 'models', 'iris', 'tags', 'team'), 'utf8')).toBe('vision');
  });

  it('refuses a second model with the same name as RESOURCE_ALREADY_EXISTS', async () => {
    const { registry } = await openRegistry();
    await registry.createRegisteredModel('iris');
    await expect(registry.createRegisteredModel('iris')).rejects.toMatchObject({
      errorCode: 'RESOURCE_ALREADY_EXISTS',
      message: 'Registered Model (name=iris) already exists.',
    });
  });

  it('reports an unknown name as not found', async () => {
    const { registry } = await openRegistry();
    await expect(registry.getRegisteredModel('nope')).rejects.toMatchObject({
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      message: 'Registered Model with name=nope not found',
    });
  });
});

describe('renaming, describing and deleting (spec case 82)', () => {
  it('refuses to rename onto an existing name', async () => {
    const { registry } = await openRegistry();
    await registry.createRegisteredModel('a');
    await registry.createRegisteredModel('b');
    await expect(registry.renameRegisteredModel('a', 'b')).rejects.toThrow('Registered Model (name=b) already exists.');
  });

  it('moves versions, tags and aliases to the new name', async () => {
    const { registry } = await openRegistry();
    await registry.createRegisteredModel('old', { tags: { team: 'vision' } });
    await registry.createModelVersion('old', 'file:///models/a');
    await registry.setRegisteredModelAlias('old', 'champion', 1);
    const renamed = await registry.renameRegisteredModel('old', 'new');
    expect(renamed).toMatchObject({ name: 'new', tags: { team: 'vision' }, aliases: { champion: '1' } });
    expect((await registry.getModelVersion('new', 1)).name).toBe('new');
    await expect(registry.getRegisteredModel('old')).rejects.toThrow('not found');
  });

  it('updates the description and bumps last_updated_timestamp', async () => {
    const { registry } = await openRegistry();
    const created = await registry.createRegisteredModel('iris');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const updated = await registry.updateRegisteredModel('iris', { description: 'retrained weekly' });
    expect(updated.description).toBe('retrained weekly');
    expect(updated.lastUpdatedTimestamp!).toBeGreaterThan(created.lastUpdatedTimestamp!);
  });

  it('deletes a model for good, and a second delete is not found', async () => {
    const { registry } = await openRegistry();
    await registry.createRegisteredModel('iris');
    await registry.deleteRegisteredModel('iris');
    await expect(registry.getRegisteredModel('iris')).rejects.toThrow('Registered Model with name=iris not found');
    await expect(registry.deleteRegisteredModel('iris')).rejects.toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST' });
  });
});

describe('registered model tags', () => {
  it('sets, overwrites and deletes tags, and deleting a missing tag is fine', async () => {
    const { registry } = await openRegistry();
    await registry.createRegisteredModel('iris');
    await registry.setRegisteredModelTag('iris', 'team', 'vision');
    await registry.setRegisteredModelTag('iris', 'team', 'nlp');
    await registry.setRegisteredModelTag('iris', 'owner/email', 'a@b.c');
    expect((await registry.getRegisteredModel('iris')).tags).toEqual({ team: 'nlp', 'owner/email': 'a@b.c' });
    await registry.deleteRegisteredModelTag('iris', 'team');
    await registry.deleteRegisteredModelTag('iris', 'team');
    expect((await registry.getRegisteredModel('iris')).tags).toEqual({ 'owner/email': 'a@b.c' });
  });

  it('rejects a tag value over 100,000 characters', async () => {
    const { registry } = await openRegistry();
    await registry.createRegisteredModel('iris');
    await expect(registry.setRegisteredModelTag('iris', 'big', 'x'.repeat(100_001))).rejects.toThrow("'value' exceeds the maximum length of 100000 characters");
  });
});
