import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

/**
 * Moves this process's clock a minute ahead. The read cache does not trust a file changed in
 * the last 3 s (timestamps can be that coarse), and a file's change time cannot be set back,
 * so a test that wants cached files makes them look old this way.
 */
function clockAMinuteAhead(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + 60_000);
}

afterEach(() => {
  vi.useRealTimers();
});

/** A store of three runs (acc 0.2, 0.4, 0.6), read once by a client so that its caches are full. */
async function searchedStore() {
  clockAMinuteAhead();
  const root = await freshStorePath();
  const client = new MlflowClient(root);
  const experimentId = await client.createExperiment('repeat');
  const runIds: string[] = [];
  for (const [i, acc] of [0.2, 0.4, 0.6].entries()) {
    const run = await client.createRun(experimentId, { runName: `run-${i}`, startTime: 1000 + i });
    await client.logBatch(run.info.runId, {
      metrics: [{ key: 'acc', value: acc, timestamp: 5, step: 0 }],
      params: [{ key: 'lr', value: '0.1' }],
      tags: [{ key: 'owner', value: 'ann' }],
    });
    runIds.push(run.info.runId);
  }
  const search = async (filter?: string, orderBy?: string[]) => (await client.searchRuns([experimentId], filter, { orderBy })).runs;
  expect((await search('metrics.acc > 0.5')).map((run) => run.info.runName)).toEqual(['run-2']);
  const dir = (runId: string) => join(root, experimentId, runId);
  return { client, search, runIds, dir };
}

describe('a repeated search in one process', () => {
  it('sees a metric line appended in place by another process (as Python MLflow appends)', async () => {
    const { search, runIds, dir } = await searchedStore();
    await appendFile(join(dir(runIds[0]!), 'metrics', 'acc'), '6 0.9 1\n');
    const runs = await search('metrics.acc > 0.5');
    expect(runs.map((run) => run.info.runName)).toEqual(['run-2', 'run-0']);
    expect(runs[1]!.data.metrics).toEqual({ acc: 0.9 });
  });

  it('sees a tag rewritten in place with a value of the same length', async () => {
    const { search, runIds, dir } = await searchedStore();
    await writeFile(join(dir(runIds[2]!), 'tags', 'owner'), 'bob');
    const [run] = await search('metrics.acc > 0.5');
    expect(run!.data.tags['owner']).toBe('bob');
    expect((await search("tags.owner = 'bob'")).map((r) => r.info.runName)).toEqual(['run-2']);
  });

  it('sees a run deleted by a rewrite of its meta.yaml in place, and a param file added', async () => {
    const { search, runIds, dir } = await searchedStore();
    const meta = join(dir(runIds[2]!), 'meta.yaml');
    await writeFile(meta, (await readFile(meta, 'utf8')).replace('lifecycle_stage: active', 'lifecycle_stage: deleted'));
    await writeFile(join(dir(runIds[1]!), 'params', 'batch'), '32');
    expect(await search('metrics.acc > 0.5')).toEqual([]);
    const [run] = await search("params.batch = '32'");
    expect(run!.info.runName).toBe('run-1');
    expect(run!.data.params).toEqual({ lr: '0.1', batch: '32' });
  });

  it('drops a run whose folder was removed, and lists one written by another client', async () => {
    const { search, runIds, dir, client } = await searchedStore();
    await rm(dir(runIds[2]!), { recursive: true });
    const other = new MlflowClient(client.root);
    const experimentId = (await other.getExperimentByName('repeat'))!.experimentId;
    const run = await other.createRun(experimentId, { runName: 'late', startTime: 2000 });
    await other.logMetric(run.info.runId, 'acc', 0.99, { timestamp: 7, step: 0 });
    expect((await search('metrics.acc > 0.5')).map((r) => r.info.runName)).toEqual(['late']);
  });

  it('repeats the warning about a damaged file each time it is skipped', async () => {
    const { client, search, runIds, dir } = await searchedStore();
    await writeFile(join(dir(runIds[0]!), 'metrics', 'acc'), 'not a metric line\n');
    const before = client.warnings.length;
    await search('metrics.acc > 0.5');
    await search('metrics.acc > 0.5');
    const skipped = client.warnings.slice(before).filter((warning) => warning.path.endsWith(join('metrics', 'acc')));
    expect(skipped).toHaveLength(2);
  });

  it('reports a damaged file once per search, also when both the filter and the page read it', async () => {
    const { client, search, runIds, dir } = await searchedStore();
    await writeFile(join(dir(runIds[0]!), 'metrics', 'acc'), 'not a metric line\n');
    const before = client.warnings.length;
    for (let i = 0; i < 3; i += 1) await search(undefined, ['metrics.acc']);
    const skipped = client.warnings.slice(before).filter((warning) => warning.path.endsWith(join('metrics', 'acc')));
    expect(skipped).toHaveLength(3);
    expect((await search()).map((run) => run.info.runName)).toEqual(['run-2', 'run-1', 'run-0']);
  });

  it('repeats a search on a nested key whose parent is a file in some run (tag `model` and key `model/version`)', async () => {
    const { search, runIds, client } = await searchedStore();
    await client.setTag(runIds[1]!, 'model', 'x');
    await client.setTag(runIds[2]!, 'model/version', '1');
    expect((await search("tags.`model/version` = '1'")).map((run) => run.info.runName)).toEqual(['run-2']);
    expect((await search("tags.`model/version` = '1'")).map((run) => run.info.runName)).toEqual(['run-2']);
  });

  it('follows a run folder without meta.yaml: warns once data appears in it, and stops when it is gone', async () => {
    const { search, client, dir } = await searchedStore();
    const stray = dir('f'.repeat(32));
    await mkdir(stray);
    await search();
    const strayWarnings = (from: number) => client.warnings.slice(from).filter((warning) => warning.path.startsWith(stray));
    let before = client.warnings.length;
    await mkdir(join(stray, 'metrics'));
    await search();
    expect(strayWarnings(before)).toHaveLength(1);
    await rm(join(stray, 'metrics'), { recursive: true });
    before = client.warnings.length;
    await search();
    expect(strayWarnings(before)).toHaveLength(0);
  });
});
