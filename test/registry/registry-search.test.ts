import { describe, expect, it } from 'vitest';
import { ModelRegistryClient } from '../../src/index.js';
import { parseModelVersionFilter, parseRegisteredModelFilter } from '../../src/search/index.js';
import { freshStorePath } from '../helpers/tmp.js';

describe('searching registered models (spec case 83)', () => {
  it('pages 50 models in name order with page sizes 5, 10, 20 and 100', async () => {
    const registry = new ModelRegistryClient(await freshStorePath());
    const names = Array.from({ length: 50 }, (_, i) => `RM${String(i).padStart(3, '0')}`);
    for (const name of [...names].reverse()) await registry.createRegisteredModel(name);
    for (const size of [5, 10, 20, 100]) {
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await registry.searchRegisteredModels({ maxResults: size, pageToken: token });
        seen.push(...page.registeredModels.map((m) => m.name));
        token = page.nextPageToken;
      } while (token !== undefined);
      expect(seen).toEqual(names);
    }
  }, 60_000);

  it('rejects a bad page token and out-of-range page sizes', async () => {
    const registry = new ModelRegistryClient(await freshStorePath());
    await expect(registry.searchRegisteredModels({ pageToken: 'evilhax' })).rejects.toThrow('Invalid page token, could not base64-decode');
    await expect(registry.searchRegisteredModels({ maxResults: 1e15 })).rejects.toThrow('Invalid value for request parameter max_results. It must be at most 1000');
    await expect(registry.searchRegisteredModels({ maxResults: 0 })).rejects.toThrow('Invalid value for max_results. It must be a positive integer, but got 0');
  });

  it('filters by name and tags, orders by timestamps, and hides prompts', async () => {
    const registry = new ModelRegistryClient(await freshStorePath());
    await registry.createRegisteredModel('iris-rf', { tags: { team: 'vision' } });
    await registry.createRegisteredModel('iris-lr', { tags: { team: 'nlp' } });
    await registry.createRegisteredModel('wine', { tags: { team: 'vision' } });
    await registry.createRegisteredModel('summarize', { tags: { 'mlflow.prompt.is_prompt': 'true' } });
    const names = async (filterString?: string, orderBy?: string[]) =>
      (await registry.searchRegisteredModels({ filterString, orderBy })).registeredModels.map((m) => m.name);
    expect(await names()).toEqual(['iris-lr', 'iris-rf', 'wine']);
    expect(await names("name LIKE 'iris%'")).toEqual(['iris-lr', 'iris-rf']);
    expect(await names("tags.team = 'vision' AND name ILIKE '%RF'")).toEqual(['iris-rf']);
    expect(await names("name IN ('wine', 'iris-lr')")).toEqual(['iris-lr', 'wine']);
    expect(await names(undefined, ['creation_timestamp DESC'])).toEqual(['wine', 'iris-lr', 'iris-rf']);
    expect(await names("tags.`mlflow.prompt.is_prompt` = 'true'")).toEqual(['summarize']);
  });
});

describe('searching model versions', () => {
  async function twoModels(): Promise<ModelRegistryClient> {
    const registry = new ModelRegistryClient(await freshStorePath());
    for (const name of ['iris', 'wine']) {
      await registry.createRegisteredModel(name);
      for (const n of [1, 2, 3]) await registry.createModelVersion(name, `runs:/r${n}/model`, `r${n}`, { tags: { fold: String(n) } });
    }
    await registry.deleteModelVersion('wine', 3);
    return registry;
  }
  const versions = async (registry: ModelRegistryClient, filterString?: string, orderBy?: string[]) =>
    (await registry.searchModelVersions({ filterString, orderBy })).modelVersions.map((v) => `${v.name}/${v.version}`);

  it('orders by last update first, then name, then highest version, and never shows deleted versions', async () => {
    const registry = await twoModels();
    await registry.updateModelVersion('iris', 1, { description: 'touched last' });
    const all = await versions(registry);
    expect(all[0]).toBe('iris/1');
    expect([...all].sort()).toEqual(['iris/1', 'iris/2', 'iris/3', 'wine/1', 'wine/2']);
  });

  it('filters on name, run_id, source_path, version_number and tags', async () => {
    const registry = await twoModels();
    const order = ['name', 'version_number'];
    expect(await versions(registry, "name = 'iris' AND version_number >= 2", order)).toEqual(['iris/2', 'iris/3']);
    expect(await versions(registry, "run_id IN ('r1', 'r3')", order)).toEqual(['iris/1', 'iris/3', 'wine/1']);
    expect(await versions(registry, "source_path LIKE '%r2/model'", order)).toEqual(['iris/2', 'wine/2']);
    expect(await versions(registry, "version_number = '2' AND tags.fold = '2'", order)).toEqual(['iris/2', 'wine/2']);
    expect(await versions(registry, 'version_number > 2.5', order)).toEqual(['iris/3']);
  });

  it('rejects a page size beyond 200,000', async () => {
    const registry = await twoModels();
    await expect(registry.searchModelVersions({ maxResults: 200_001 })).rejects.toThrow('It must be at most 200000, but got value 200001');
  });
});

describe('registry filter errors', () => {
  it.each([
    ["metrics.acc > 1", "Invalid entity type 'metrics'. Valid entity types are ('attribute', 'tag', 'tags')"],
    ["run_id = 'a'", "Invalid attribute key 'run_id' specified. Valid keys are '{'name'}'"],
    ['`name` = \'a\'', "Invalid attribute key '`name`' specified."],
    ['name = 3', 'Expected a quoted string value or a list of quoted string values for attributes. Got value 3'],
    ["tags.team IN ('a')", "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('a')"],
    ["name > 'a'", "Invalid comparator '>' not one of"],
    ['tags.team IS NULL', 'IS NULL / IS NOT NULL is not supported when searching registered models'],
  ])('registered models: %s', (filter, message) => {
    expect(() => parseRegisteredModelFilter(filter)).toThrow(message);
  });

  it.each([
    ['name = 3', "attributes support comparison with numeric values."],
    ["version_number IN ('1')", "Only ['name', 'run_id'] attributes support comparison with a list of quoted string values."],
    ["version_number = 'one'", 'version_number must be compared with a whole number'],
    ["version_number LIKE '1'", "Invalid comparator 'LIKE' not one of"],
  ])('model versions: %s', (filter, message) => {
    expect(() => parseModelVersionFilter(filter)).toThrow(message);
  });
});
