import { mkdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient, checkStore } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

describe('checkStore on what a killed process left while creating an experiment or run', () => {
  it('reports an old staging folder as a leftover it can remove, and leaves a fresh one alone', async () => {
    const client = new MlflowClient(await freshStorePath());
    await client.searchExperiments();
    const old = join(client.root, '.123456789012345678.mlruns-new.trash');
    const fresh = join(client.root, '.0123456789abcdef0123456789abcdef.mlruns-new.trash');
    await mkdir(join(old, 'tags'), { recursive: true });
    await mkdir(fresh);
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(old, hourAgo, hourAgo);
    const leftovers = (await checkStore(client.root)).problems.filter((p) => p.code === 'TEMP_FILE');
    expect(leftovers.map((p) => [p.path, p.fix])).toEqual([['.123456789012345678.mlruns-new.trash', { kind: 'remove', target: old }]]);
  });
});
