import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { freshStorePath } from '../helpers/tmp.js';

async function newRun(): Promise<{ client: MlflowClient; root: string; runId: string; runDir: string }> {
  const root = await freshStorePath();
  const client = new MlflowClient(root);
  const run = await client.createRun('0');
  return { client, root, runId: run.info.runId, runDir: join(root, '0', run.info.runId) };
}

describe('metrics', () => {
  it('keeps every value in order and shows the latest by step, timestamp and value (spec case 36)', async () => {
    const { client, runId } = await newRun();
    const points: Array<[number, number, number]> = [[0, 100, 1000], [3, 40, 100], [3, 50, 10], [3, 50, 20], [3, 50, 20], [-3, 900, 900], [-1, 800, 800]];
    for (const [step, timestamp, value] of [...points].reverse()) await client.logMetric(runId, 'test', value, { step, timestamp });
    const history = await client.getMetricHistory(runId, 'test');
    expect(history.map((m) => [m.step, m.timestamp, m.value])).toEqual([...points].reverse());
    const run = await client.getRun(runId);
    expect(run.data.metrics.test).toBe(20);
    expect(run.data.latestMetrics.test).toEqual({ key: 'test', value: 20, timestamp: 50, step: 3 });
  });

  it('writes each value in Python float notation, one line each', async () => {
    const { client, runDir, runId } = await newRun();
    await client.logBatch(runId, {
      metrics: [1, 0.00001, 1e16, NaN, Infinity, -Infinity, -0].map((value, step) => ({ key: 'm', value, step, timestamp: 7 })),
    });
    expect(await readFile(join(runDir, 'metrics', 'm'), 'utf8')).toBe('7 1.0 0\n7 1e-05 1\n7 1e+16 2\n7 nan 3\n7 inf 4\n7 -inf 5\n7 -0.0 6\n');
    const history = await client.getMetricHistory(runId, 'm');
    expect(history.map((m) => m.value)).toEqual([1, 0.00001, 1e16, NaN, Infinity, -Infinity, -0]);
  });

  it('rejects a string value with INVALID_PARAMETER_VALUE (spec case 37)', async () => {
    const { client, runId } = await newRun();
    await expect(client.logMetric(runId, 'test', 'string' as unknown as number)).rejects.toMatchObject({
      errorCode: 'INVALID_PARAMETER_VALUE',
      message: expect.stringContaining('Invalid value'),
    });
  });

  it('rejects a fractional timestamp, which MLflow could not read back', async () => {
    const { client, runId } = await newRun();
    await expect(client.logMetric(runId, 'm', 1, { timestamp: 1.5 })).rejects.toThrow(/Invalid timestamp 1.5/);
  });

  it('reads legacy two-field lines, taking the latest timestamp (spec case 38)', async () => {
    const { client, runDir, runId } = await newRun();
    await writeFile(join(runDir, 'metrics', 'old'), '100 1.0\n300 3.0\n200 2.0\n');
    expect((await client.getRun(runId)).data.metrics.old).toBe(3);
    expect((await client.getMetricHistory(runId, 'old')).map((m) => m.value)).toEqual([1, 3, 2]);
  });

  it('returns an empty history for a key never logged (spec case 40)', async () => {
    const { client, runId } = await newRun();
    expect(await client.getMetricHistory(runId, 'never')).toEqual([]);
  });

  it('raises INTERNAL_ERROR on a four-field line in the history, naming the metric (spec case 41)', async () => {
    const { client, runDir, runId } = await newRun();
    await writeFile(join(runDir, 'metrics', 'test'), '1 2 3 4\n');
    await expect(client.getMetricHistory(runId, 'test')).rejects.toMatchObject({
      errorCode: 'INTERNAL_ERROR',
      message: expect.stringContaining("Metric 'test' is malformed; persisted metric data contained 4 fields. Expected 2, 3, or 5 fields. Experiment id: 0"),
    });
  });

  it('still reads the run, without the broken metric, when a metric file is malformed', async () => {
    const { client, runDir, runId } = await newRun();
    await client.logMetric(runId, 'good', 1);
    await writeFile(join(runDir, 'metrics', 'bad'), '');
    const run = await client.getRun(runId);
    expect(run.data.metrics).toEqual({ good: 1 });
    expect(client.warnings).toContainEqual(expect.objectContaining({ path: join(runDir, 'metrics', 'bad') }));
  });
});

describe('params', () => {
  it('round-trips keys with slashes and spaces as nested folders (spec case 42)', async () => {
    const { client, runDir, runId } = await newRun();
    await client.logParam(runId, 'this is/a weird/but valid param', 'v');
    await client.logMetric(runId, 'this is/a weird/but valid metric', 1);
    await client.setTag(runId, 'this is/a weird/but valid tag', 't');
    expect(await readFile(join(runDir, 'params', 'this is', 'a weird', 'but valid param'), 'utf8')).toBe('v');
    const run = await client.getRun(runId);
    expect(run.data.params).toEqual({ 'this is/a weird/but valid param': 'v' });
    expect(run.data.metrics['this is/a weird/but valid metric']).toBe(1);
    expect(run.data.tags['this is/a weird/but valid tag']).toBe('t');
  });

  it('stores empty and multi-line values exactly, with no trailing newline (spec case 43)', async () => {
    const { client, runDir, runId } = await newRun();
    await client.logParam(runId, 'empty', '');
    await client.logParam(runId, 'multi', 'line one\r\nline two\n');
    expect(await readFile(join(runDir, 'params', 'multi'), 'utf8')).toBe('line one\r\nline two\n');
    expect((await client.getRun(runId)).data.params).toEqual({ empty: '', multi: 'line one\r\nline two\n' });
  });

  it('accepts the same value twice and refuses a different one, leaving the first (spec case 44)', async () => {
    const { client, runId } = await newRun();
    await client.logParam(runId, 'lr', '0.1');
    await client.logParam(runId, 'lr', '0.1');
    await expect(client.logParam(runId, 'lr', '0.2')).rejects.toMatchObject({
      errorCode: 'INVALID_PARAMETER_VALUE',
      message: expect.stringContaining("Changing param values is not allowed. Param with key='lr'"),
    });
    expect((await client.getRun(runId)).data.params.lr).toBe('0.1');
  });

  it('truncates a value over 6000 characters by default and refuses it when truncation is off (spec case 45)', async () => {
    const { client, runId } = await newRun();
    await client.logParam(runId, 'ok', 'x'.repeat(6000));
    const warnings: string[] = [];
    const listener = (w: Error) => warnings.push(w.message);
    process.on('warning', listener);
    await client.logParam(runId, 'long', 'y'.repeat(6001));
    await new Promise((r) => setImmediate(r));
    process.off('warning', listener);
    expect((await client.getRun(runId)).data.params.long).toHaveLength(6000);
    expect(warnings.some((w) => w.includes('truncated to 6000'))).toBe(true);
    process.env.MLFLOW_TRUNCATE_LONG_VALUES = 'false';
    try {
      await expect(client.logParam(runId, 'longer', 'z'.repeat(6001))).rejects.toThrow(/exceeds the maximum length of 6000/);
    } finally {
      delete process.env.MLFLOW_TRUNCATE_LONG_VALUES;
    }
  });

  it('rejects keys that would escape the store before touching the disk', async () => {
    const { client, root, runId } = await newRun();
    for (const key of ['../../escape', '/abs', 'a\\b', 'nul\0']) {
      await expect(client.logParam(runId, key, 'v')).rejects.toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE' });
    }
    // Had the key been used as a path, '../../escape' would have landed in the experiment folder.
    for (const landing of [join(root, '0', 'escape'), join(root, 'escape'), join(root, '0', runId, 'escape')]) {
      await expect(readFile(landing)).rejects.toMatchObject({ code: 'ENOENT' });
    }
    expect((await client.getRun(runId)).data.params).toEqual({});
  });
});

describe('tags', () => {
  it('sets, overwrites, stores multi-line values and deletes (spec case 46)', async () => {
    const { client, runId } = await newRun();
    await client.setTag(runId, 'tag', 'value');
    await client.setTag(runId, 'tag', 'new\nvalue');
    expect((await client.getRun(runId)).data.tags.tag).toBe('new\nvalue');
    await client.deleteTag(runId, 'tag');
    expect((await client.getRun(runId)).data.tags.tag).toBeUndefined();
    await expect(client.deleteTag(runId, 'tag')).rejects.toThrow(/No tag with name: tag/);
    await expect(client.setTag('0123456789abcdef0123456789abcdef', 'k', 'v')).rejects.toThrow(/Run .+ not found/);
  });

  it('round-trips mathematical-script Unicode (spec case 47)', async () => {
    const { client, runId } = await newRun();
    const value = '𝓽𝓮𝓼𝓽 𝒱𝒶𝓁𝓊𝑒';
    await client.setTag(runId, 'unicode', value);
    expect((await client.getRun(runId)).data.tags.unicode).toBe(value);
  });

  it('renames the run when mlflow.runName is set, and keeps the name when the tag is deleted (spec case 51)', async () => {
    const { client, runId } = await newRun();
    await client.setTag(runId, 'mlflow.runName', 'renamed');
    expect((await client.getRun(runId)).info.runName).toBe('renamed');
    await client.deleteTag(runId, 'mlflow.runName');
    expect((await client.getRun(runId)).info.runName).toBe('renamed');
    await client.updateRun(runId, { runName: 'another name' });
    expect((await client.getRun(runId)).data.tags['mlflow.runName']).toBe('another name');
    await client.logBatch(runId, { tags: { 'mlflow.runName': 'from batch' } });
    expect((await client.getRun(runId)).info.runName).toBe('from batch');
  });

  it('skips a .DS_Store file in tags/ with a warning instead of failing the run', async () => {
    const { client, runDir, runId } = await newRun();
    await writeFile(join(runDir, 'tags', '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0xff, 0xfe]));
    const run = await client.getRun(runId);
    expect(run.data.tags['.DS_Store']).toBeUndefined();
    expect(client.warnings).toContainEqual(expect.objectContaining({ code: 'STRAY_FILE', path: join(runDir, 'tags', '.DS_Store') }));
  });
});

describe('logBatch', () => {
  it('writes metrics, params and tags; params stay idempotent; the last tag value wins (spec case 48)', async () => {
    const { client, runId } = await newRun();
    await client.logBatch(runId, {
      metrics: [{ key: 'm', value: 1, step: 0, timestamp: 1 }, { key: 'm', value: 2, step: 1, timestamp: 2 }],
      params: { p1: 'a', p2: 'b' },
      tags: [{ key: 't', value: 'x' }, { key: 't', value: 'y' }],
    });
    await client.logBatch(runId, { params: { p1: 'a' } });
    await client.logBatch(runId, {});
    const run = await client.getRun(runId);
    expect(run.data.params).toEqual({ p1: 'a', p2: 'b' });
    expect(run.data.tags.t).toBe('y');
    expect((await client.getMetricHistory(runId, 'm')).map((m) => m.value)).toEqual([1, 2]);
  });

  it('refuses duplicate param keys and writes nothing (spec case 49)', async () => {
    const { client, runId } = await newRun();
    await expect(client.logBatch(runId, { params: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }], metrics: [{ key: 'm', value: 1 }] })).rejects.toMatchObject({
      errorCode: 'INVALID_PARAMETER_VALUE',
      message: expect.stringContaining('Duplicate parameter keys have been submitted'),
    });
    const run = await client.getRun(runId);
    expect(run.data.params).toEqual({});
    expect(run.data.metrics).toEqual({});
  });

  it('writes nothing when one param conflicts with a stored value', async () => {
    const { client, runId } = await newRun();
    await client.logParam(runId, 'a', '1');
    await expect(client.logBatch(runId, { params: { b: '2', a: 'changed' }, metrics: [{ key: 'm', value: 1 }] })).rejects.toThrow(/Changing param values/);
    const run = await client.getRun(runId);
    expect(run.data.params).toEqual({ a: '1' });
    expect(run.data.metrics).toEqual({});
  });

  it('refuses more than 1000 metrics in one batch', async () => {
    const { client, runId } = await newRun();
    const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i }));
    await expect(client.logBatch(runId, { metrics })).rejects.toThrow(/at most 1000 metrics. Got 1001 metrics/);
  });

  it('reports an unknown run with RESOURCE_DOES_NOT_EXIST (spec case 50)', async () => {
    const { client } = await newRun();
    await expect(client.logBatch('0123456789abcdef0123456789abcdef', {})).rejects.toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('lands every point whole when many appends to one metric run at once', async () => {
    const { client, runId } = await newRun();
    const other = new MlflowClient(client.root);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? client : other).logBatch(runId, { metrics: Array.from({ length: 20 }, (_, j) => ({ key: 'm', value: i * 100 + j, step: j, timestamp: 1 })) }),
      ),
    );
    const history = await client.getMetricHistory(runId, 'm');
    expect(history).toHaveLength(1000);
    expect(new Set(history.map((m) => m.value)).size).toBe(1000);
  });
});

describe('stray files in a run', () => {
  it('ignores a leftover folder that holds no key files', async () => {
    const { client, runDir, runId } = await newRun();
    await mkdir(join(runDir, 'params', 'empty-dir'), { recursive: true });
    expect((await client.getRun(runId)).data.params).toEqual({});
  });
});

describe('search keys that name paths', () => {
  it('treats a filter key that would leave the run folder as absent on every run', async () => {
    const { client, runId } = await newRun();
    await client.logParam(runId, 'p', 'v');
    for (const filter of ["params.`../../meta.yaml` LIKE '%artifact%'", "params.`../../../../../../../../etc/passwd` LIKE '%'", "params.`a/` = 'v'"]) {
      expect((await client.searchRuns(['0'], filter)).runs).toEqual([]);
    }
    expect((await client.searchRuns(['0'], "params.`a\0b` = 'x'")).runs).toEqual([]);
    expect((await client.searchRuns(['0'], "params.p = 'v'")).runs.map((r) => r.info.runId)).toEqual([runId]);
  });
});

describe('keys that are also names of Object.prototype', () => {
  it('reads params, metrics and tags named __proto__, constructor and toString as ordinary keys', async () => {
    const { client, runId } = await newRun();
    const keys = ['__proto__', 'constructor', 'toString'];
    await client.logBatch(runId, {
      params: keys.map((key) => ({ key, value: `p-${key}` })),
      metrics: keys.map((key, i) => ({ key, value: i, timestamp: 1, step: 0 })),
      tags: keys.map((key) => ({ key, value: `t-${key}` })),
    });
    const { data } = await client.getRun(runId);
    expect(Object.getPrototypeOf(data.params)).toBe(Object.prototype);
    expect(Object.keys(data.params).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getOwnPropertyDescriptor(data.params, '__proto__')?.value).toBe('p-__proto__');
    expect(data.params['constructor']).toBe('p-constructor');
    expect(Object.getOwnPropertyDescriptor(data.metrics, '__proto__')?.value).toBe(0);
    expect(data.metrics['toString']).toBe(2);
    expect(data.tags['constructor']).toBe('t-constructor');
  });
});
