import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileCache } from '../../src/backends/file/file-cache.js';
import { tempDir } from '../helpers/tmp.js';

function counting(): { parse: (bytes: Buffer) => string; calls: () => number } {
  let calls = 0;
  return { parse: (bytes) => ((calls += 1), bytes.toString('utf8')), calls: () => calls };
}

describe('the stat-checked file cache', () => {
  it('reads a file again while it changed less than 3 s ago, however its stat looks', async () => {
    const path = join(await tempDir(), 'tag');
    await writeFile(path, 'one');
    const cache = new FileCache();
    const { parse, calls } = counting();
    expect(cache.read(path, parse)).toBe('one');
    expect(cache.read(path, parse)).toBe('one');
    expect(calls()).toBe(2);
  });

  it('reuses the parsed value of an older file until its stat changes', async () => {
    const path = join(await tempDir(), 'tag');
    await writeFile(path, 'one');
    const cache = new FileCache(() => Date.now() + 60_000);
    const { parse, calls } = counting();
    cache.read(path, parse);
    cache.read(path, parse);
    expect(calls()).toBe(1);
    await writeFile(path, 'two!');
    expect(cache.read(path, parse)).toBe('two!');
    expect(calls()).toBe(2);
  });

  it('sees a file created in a folder it listed before', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'metrics'));
    await writeFile(join(dir, 'metrics', 'a'), '1 1.0 0\n');
    const cache = new FileCache();
    expect(cache.walk(join(dir, 'metrics'))).toEqual(['a']);
    await writeFile(join(dir, 'metrics', 'b'), '1 1.0 0\n');
    expect(cache.walk(join(dir, 'metrics'))).toEqual(['a', 'b']);
  });

  it('does not vouch for a value built from a recently changed file', async () => {
    const path = join(await tempDir(), 'meta.yaml');
    await writeFile(path, 'x');
    const fresh = new FileCache().record(() => undefined);
    expect(fresh.stable).toBe(true);
    const cache = new FileCache();
    expect(cache.record(() => cache.read(path, (b) => b.length)).stable).toBe(false);
    const later = new FileCache(() => Date.now() + 60_000);
    expect(later.record(() => later.read(path, (b) => b.length)).stable).toBe(true);
  });
});

describe('checking many cached files at once', () => {
  it('shares a large check with a helper thread and still sees every file that changed', async () => {
    const dir = await tempDir();
    const paths = Array.from({ length: 12 }, (_, i) => join(dir, `file-${i}`));
    for (const path of paths) await writeFile(path, 'same');
    const cache = new FileCache(() => Date.now() + 60_000, 4);
    const lists = paths.map((path) => cache.record(() => cache.read(path, (bytes) => bytes.toString('utf8'))).deps);
    expect(cache.unchangedEach(lists)).toEqual(paths.map(() => true));
    for (let waited = 0; !cache.sharesChecks && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cache.sharesChecks).toBe(true);

    await writeFile(paths[2]!, 'diff'); // the calling thread's half, same size
    await writeFile(paths[9]!, 'changed'); // the helper's half
    await rm(paths[11]!);
    const expected = paths.map((_, i) => ![2, 9, 11].includes(i));
    expect(cache.unchangedEach(lists)).toEqual(expected);
  });

  it('uses one helper thread for every cache in the process', async () => {
    const path = join(await tempDir(), 'tag');
    await writeFile(path, 'one');
    const first = new FileCache(() => Date.now() + 60_000, 1);
    const deps = first.record(() => first.read(path, (bytes) => bytes.length)).deps;
    first.unchangedEach([deps, deps]);
    for (let waited = 0; !first.sharesChecks && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(new FileCache().sharesChecks).toBe(true);
  });

  it('sees a change in every list when the same file appears in several', async () => {
    const dir = await tempDir();
    const path = join(dir, 'tag');
    await writeFile(path, 'one');
    const cache = new FileCache(() => Date.now() + 60_000, 1);
    const deps = cache.record(() => cache.read(path, (bytes) => bytes.length)).deps;
    await writeFile(path, 'two');
    expect(cache.unchangedEach([deps, deps, deps])).toEqual([false, false, false]);
  });
});

describe('files already checked a moment ago in the same search', () => {
  it('are skipped when given as checked (same path, same version), and checked otherwise', async () => {
    const path = join(await tempDir(), 'acc');
    await writeFile(path, '1 0.5 0\n');
    const cache = new FileCache(() => Date.now() + 60_000);
    const deps = cache.record(() => cache.read(path, (bytes) => bytes.length)).deps;
    await writeFile(path, '1 0.5 0\n2 0.9 1\n');
    expect(cache.unchangedEach([deps], [deps])).toEqual([true]);
    expect(cache.unchangedEach([deps])).toEqual([false]);
    expect(cache.unchangedEach([deps], [undefined])).toEqual([false]);
  });

  it('match by path too, since every absent file has the same signature', async () => {
    const dir = await tempDir();
    const cache = new FileCache(() => Date.now() + 60_000);
    const absent = (name: string) => cache.record(() => cache.read(join(dir, name), (bytes) => bytes.length)).deps;
    const later = absent('later');
    await writeFile(join(dir, 'later'), 'now here');
    expect(cache.unchangedEach([later], [absent('other')])).toEqual([false]);
  });
});

describe('a path whose parent is a file', () => {
  it('counts as absent when read and on every later check (ENOTDIR is not an error here)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'model'), 'x');
    const cache = new FileCache(() => Date.now() + 60_000);
    const deps = cache.record(() => cache.read(join(dir, 'model', 'version'), (bytes) => bytes.length)).deps;
    expect(cache.unchanged(deps)).toBe(true);
    await rm(join(dir, 'model'));
    await mkdir(join(dir, 'model'));
    await writeFile(join(dir, 'model', 'version'), '1');
    expect(cache.unchanged(deps)).toBe(false);
  });
});
