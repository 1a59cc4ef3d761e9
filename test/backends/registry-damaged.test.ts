import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

async function registryWithTwoModels(): Promise<MlflowClient> {
  const client = new MlflowClient(await freshStorePath());
  for (const name of ['iris', 'wine']) {
    await client.registry.createRegisteredModel(name);
    await client.registry.createModelVersion(name, `file:///tmp/${name}`);
  }
  return client;
}

describe('searching a registry with a damaged model', () => {
  it('lists the readable models and warns about the one whose meta.yaml is empty', async () => {
    const client = await registryWithTwoModels();
    await writeFile(join(client.root, 'models', 'iris', 'meta.yaml'), '');
    const reader = new MlflowClient(client.root);
    const { registeredModels } = await reader.registry.searchRegisteredModels();
    expect(registeredModels.map((m) => m.name)).toEqual(['wine']);
    expect(reader.warnings).toContainEqual(expect.objectContaining({ code: 'MALFORMED_MODEL', path: join(client.root, 'models', 'iris') }));
  });

  it("lists the other models' versions when one version's meta.yaml is not YAML", async () => {
    const client = await registryWithTwoModels();
    await writeFile(join(client.root, 'models', 'wine', 'version-1', 'meta.yaml'), '\u0003');
    const reader = new MlflowClient(client.root);
    const { modelVersions } = await reader.registry.searchModelVersions();
    expect(modelVersions.map((v) => v.name)).toEqual(['iris']);
    // The model's own meta.yaml is fine, and no warning says otherwise.
    await reader.registry.searchRegisteredModels();
    expect(reader.warnings.map((w) => w.path)).not.toContain(join(client.root, 'models', 'wine', 'meta.yaml'));
    expect(reader.warnings).toContainEqual(expect.objectContaining({ code: 'MALFORMED_MODEL', path: join(client.root, 'models', 'wine') }));
  });

  it('warns about a model folder that holds versions but lost its meta.yaml', async () => {
    const client = await registryWithTwoModels();
    await rm(join(client.root, 'models', 'iris', 'meta.yaml'));
    const reader = new MlflowClient(client.root);
    expect((await reader.registry.searchRegisteredModels()).registeredModels.map((m) => m.name)).toEqual(['wine']);
    expect(reader.warnings).toContainEqual(expect.objectContaining({ code: 'MALFORMED_MODEL', path: join(client.root, 'models', 'iris', 'meta.yaml') }));
  });
});
