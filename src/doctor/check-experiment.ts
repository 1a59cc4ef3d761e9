import { join } from 'node:path';
import { LOCK_NAMES } from '../backends/file/locks.js';
import { parseExperimentMeta, type ExperimentMeta } from '../format/experiment-meta.js';
import { RESERVED_EXPERIMENT_FOLDERS, layout } from '../format/layout.js';
import { checkEntries } from './check-entries.js';
import { checkDatasets, checkLoggedModels } from './check-metas.js';
import { readMeta } from './check-meta.js';
import { checkLeftovers } from './check-run.js';
import { readFolder, type ScanContext } from './scan-context.js';
import { reportStale, staleExperimentLocation } from './stale-location.js';

/** An experiment folder, active (under the root) or deleted (under `.trash`). */
export interface ExperimentFolder {
  readonly id: string;
  readonly dir: string;
  readonly deleted: boolean;
}

/**
 * Checks an experiment's meta.yaml, tags and leftovers (spec 2.2, 4.1). Returns its meta when
 * readable, and the folders inside it that can be runs.
 */
export async function checkExperiment(scan: ScanContext, folder: ExperimentFolder): Promise<{ meta?: ExperimentMeta; runDirs: string[] }> {
  const what = `experiment ${folder.id}`;
  const content = await readFolder(folder.dir);
  const runDirs = content.dirs.filter((name) => !RESERVED_EXPERIMENT_FOLDERS.has(name) && !LOCK_NAMES.has(name)).map((name) => join(folder.dir, name));
  const metaPath = layout.experimentMeta(folder.dir);
  const meta = await readMeta(scan, metaPath, what, (yaml) => parseExperimentMeta(yaml, folder.deleted), () =>
    scan.add('META_MISSING', folder.dir, `experiment folder without meta.yaml: MLflow skips it and its ${runDirs.length} run folder(s); restore the meta.yaml or move the folder out of the store`),
  );
  await checkLeftovers(scan, folder.dir, content);
  await checkEntries(scan, layout.experimentTags(folder.dir), 'tags', what);
  await checkDatasets(scan, folder.dir);
  await checkLoggedModels(scan, folder.dir, folder.id);
  if (meta === undefined) return { runDirs };
  if (meta.experimentId !== folder.id) {
    scan.add('ID_MISMATCH', metaPath, `the meta.yaml says experiment_id '${meta.experimentId}' but the folder is '${folder.id}'; MLflow ignores this experiment. Fix the id in the file`);
    return { runDirs };
  }
  const to = await staleExperimentLocation(scan.root, folder.id, meta.artifactLocation);
  reportStale(scan, metaPath, 'artifact_location', meta.artifactLocation, to, 'new runs of MLflow would write artifacts there');
  return { meta, runDirs };
}
