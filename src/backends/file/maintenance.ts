import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { renderYaml, parseYaml, type YamlMapping } from '../../format/yaml/index.js';
import { readTextOrNull, writeFileAtomic } from './fs-io.js';
import { withRunLock, withStoreLock } from './locks.js';

/**
 * Repairs `mlruns doctor --fix` makes that touch the store's own files. (Recreating the
 * folders git drops is `recreateEmptyFolders` in repair.ts.)
 */

/**
 * Sets the artifact location recorded in an experiment meta.yaml (`artifact_location`) or a
 * run meta.yaml (`artifact_uri`), if it still holds `from`, and rewrites the file as MLflow
 * writes it, every other field unchanged. Holds the store lock or the run's lock meanwhile.
 * Returns false when the file changed since it was checked (nothing is written then).
 */
export async function rewriteArtifactLocation(
  root: string,
  metaPath: string,
  field: 'artifact_location' | 'artifact_uri',
  from: string,
  to: string,
): Promise<boolean> {
  const rewrite = async (): Promise<boolean> => {
    const text = await readTextOrNull(metaPath);
    if (text === null) return false;
    const meta = parseYaml(text) as YamlMapping;
    if (meta[field] !== from) return false;
    await writeFileAtomic(metaPath, renderYaml({ ...meta, [field]: to }), dirname(metaPath), true);
    return true;
  };
  return field === 'artifact_location' ? withStoreLock(root, rewrite) : withRunLock(dirname(metaPath), rewrite);
}

/** Removes a leftover file or folder (a temporary file, a stale lock folder, an OS junk file). */
export async function removeLeftover(path: string): Promise<void> {
  await fsp.rm(path, { recursive: true, force: true });
}
