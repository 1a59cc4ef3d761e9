import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { customAlphabet } from 'nanoid';
import type { DatasetInput } from '../../entities/index.js';
import { datasetId, datasetInputId, renderDatasetInputMeta, renderDatasetMeta } from '../../format/inputs-meta.js';
import { META_FILE, layout } from '../../format/layout.js';
import { TEMP_PREFIX, pathExists } from './fs-io.js';

const suffix = customAlphabet('abcdefghijklmnopqrstuvwxyz0123456789', 12);

/**
 * Records dataset inputs of a run as MLflow's FileStore.log_inputs does: the dataset under
 * `<experiment>/datasets/<md5(name+digest)>/` and the link under
 * `<run>/inputs/<md5(dataset_id+run_id)>/`, each written only when its folder does not exist
 * yet, so the first writer's source, schema and tags win.
 */
export async function writeDatasetInputs(experimentDir: string, runDir: string, runId: string, inputs: readonly DatasetInput[]): Promise<void> {
  for (const input of inputs) {
    const id = datasetId(input.dataset.name, input.dataset.digest);
    await writeFolderOnce(layout.datasetDir(experimentDir, id), layout.datasets(experimentDir), renderDatasetMeta(input.dataset));
    // The temporary folder of an input goes in the run folder: MLflow lists inputs/ but
    // ignores run sub-folders it does not know.
    await writeFolderOnce(layout.runInputDir(runDir, datasetInputId(id, runId)), runDir, renderDatasetInputMeta(id, input.tags));
  }
}

/**
 * Creates `dir` holding just a meta.yaml, unless it exists. The file is written in a temporary
 * folder under `tempParent` (same file system, never listed by readers), which is then renamed
 * to `dir`: readers never see the folder without its meta.yaml, and when two writers race the
 * rename of the second fails and the first one's content stays.
 */
async function writeFolderOnce(dir: string, tempParent: string, meta: string): Promise<void> {
  if (await pathExists(dir)) return;
  const temp = join(tempParent, `${TEMP_PREFIX}${suffix()}`);
  try {
    await fsp.mkdir(temp, { recursive: true });
    await fsp.writeFile(join(temp, META_FILE), meta, 'utf8');
    await fsp.mkdir(dirname(dir), { recursive: true });
    await fsp.rename(temp, dir);
  } catch (error) {
    // Another writer got there first (ENOTEMPTY or EEXIST, EPERM on Windows): theirs stays.
    if (!(await pathExists(join(dir, META_FILE)))) throw error;
  } finally {
    await fsp.rm(temp, { recursive: true, force: true });
  }
}
