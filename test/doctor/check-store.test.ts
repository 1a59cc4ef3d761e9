import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkStore, fixStore } from '../../src/index.js';
import { copyFixture } from '../helpers/fixtures.js';

describe('checkStore and fixStore', () => {
  it('rebase the Windows artifact locations of a store written on Windows onto this root', async () => {
    const root = await copyFixture('legacy');
    const report = await checkStore(root);
    const windows = report.problems.find((p) => p.path === '3/meta.yaml')!;
    expect(windows.code).toBe('STALE_ARTIFACT_LOCATION');
    expect(windows.fix).toMatchObject({ field: 'artifact_location', from: expect.stringMatching(/^file:\/\/\/C:\//), to: pathToFileURL(join(root, '3')).href });
    const applied = await fixStore(report);
    expect(applied.filter((a) => a.applied)).toHaveLength(report.problems.filter((p) => p.fix !== undefined).length);
    expect(await readFile(join(root, '3', 'meta.yaml'), 'utf8')).toContain(`artifact_location: ${pathToFileURL(join(root, '3')).href}\n`);
    expect((await checkStore(root)).problems.filter((p) => p.fix !== undefined)).toEqual([]);
  });

  it('keeps a bare recorded path a bare path', async () => {
    const root = await copyFixture('legacy');
    const report = await checkStore(root);
    expect(report.problems.find((p) => p.path === '1/meta.yaml')!.fix).toMatchObject({ from: '/home/alice/proj/mlruns/1', to: join(root, '1') });
  });

  it('leaves a deleted experiment’s location pointing where it will be once restored', async () => {
    const root = await copyFixture('legacy');
    const report = await checkStore(root);
    expect(report.problems.find((p) => p.path === '.trash/4/meta.yaml')!.fix).toMatchObject({ to: pathToFileURL(join(root, '4')).href });
  });
});
