import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

describe('experiments that share a name after two stores were merged', () => {
  it('lists both, and warns once at the first folder, naming every id', async () => {
    const client = new MlflowClient(await freshStorePath());
    const id = await client.createExperiment('sweep');
    const copy = '123456789012345678';
    await cp(join(client.root, id), join(client.root, copy), { recursive: true });
    const meta = join(client.root, copy, 'meta.yaml');
    await writeFile(meta, (await readFile(meta, 'utf8')).replace(`experiment_id: '${id}'`, `experiment_id: '${copy}'`));
    const reader = new MlflowClient(client.root);
    const { experiments } = await reader.searchExperiments({ filterString: "name = 'sweep'" });
    expect(experiments.map((e) => e.experimentId).sort()).toEqual([copy, id].sort());
    const warned = reader.warnings.filter((w) => w.code === 'DUPLICATE_EXPERIMENT_NAME');
    const [first, second] = [copy, id].sort();
    expect(warned).toEqual([expect.objectContaining({ path: join(client.root, first!), message: expect.stringContaining(`experiments ${first}, ${second} are all named 'sweep'`) })]);
  });
});
