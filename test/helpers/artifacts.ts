import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MlflowClient } from '../../src/index.js';

/**
 * Every artifact file of a run, path → content (UTF-8), found by listing folder by folder and
 * downloading each file into a scratch folder: the way a user reaches them, not a disk walk.
 */
export async function readAllArtifacts(client: MlflowClient, runId: string): Promise<Record<string, string>> {
  const scratch = await mkdtemp(join(tmpdir(), 'mlruns-download-'));
  const files: Record<string, string> = {};
  try {
    const visit = async (path: string): Promise<void> => {
      for (const info of await client.listArtifacts(runId, path)) {
        if (info.isDir) await visit(info.path);
        else files[info.path] = await readFile(await client.downloadArtifacts(runId, info.path, scratch), 'utf8');
      }
    };
    await visit('');
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return files;
}
