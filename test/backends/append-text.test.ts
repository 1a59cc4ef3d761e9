import { readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendText } from '../../src/backends/file/fs-io.js';
import { tempDir } from '../helpers/tmp.js';

describe('appendText', () => {
  it('creates a missing file with its first lines already in it and leaves no temporary file', async () => {
    const dir = await tempDir();
    await appendText(join(dir, 'loss'), '1 0.5 0\n');
    expect(await readFile(join(dir, 'loss'), 'utf8')).toBe('1 0.5 0\n');
    expect(await readdir(dir)).toEqual(['loss']);
  });

  it('appends after the lines already there', async () => {
    const dir = await tempDir();
    await appendText(join(dir, 'loss'), '1 0.5 0\n');
    await appendText(join(dir, 'loss'), '2 0.25 1\n');
    expect(await readFile(join(dir, 'loss'), 'utf8')).toBe('1 0.5 0\n2 0.25 1\n');
  });

  it('keeps every line exactly once when many writers create the same file at once', async () => {
    const dir = await tempDir();
    const lines = Array.from({ length: 50 }, (_, i) => `${i} ${i / 10} ${i}\n`);
    await Promise.all(lines.map((line) => appendText(join(dir, 'loss'), line)));
    const written = (await readFile(join(dir, 'loss'), 'utf8')).split('\n').filter((l) => l !== '');
    expect(written.sort()).toEqual(lines.map((l) => l.trimEnd()).sort());
  });

  it('refuses to append through a symbolic link in the file\'s place', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'outside.txt'), 'keep\n');
    await symlink(join(dir, 'outside.txt'), join(dir, 'loss'));
    await expect(appendText(join(dir, 'loss'), '1 0.5 0\n')).rejects.toMatchObject({ code: 'ELOOP' });
    expect(await readFile(join(dir, 'outside.txt'), 'utf8')).toBe('keep\n');
  });
});
