import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh empty folder, removed after the test. */
export async function tempDir(prefix = 'mlruns-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A path for a store that does not exist yet, inside a fresh temp folder. */
export async function freshStorePath(): Promise<string> {
  return join(await tempDir(), 'mlruns');
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
