import { basename, join } from 'node:path';
import { LOCK_NAMES } from '../backends/file/locks.js';
import { TEMP_PREFIX } from '../backends/file/fs-io.js';
import { REQUIRED_RUN_FOLDERS, RUN_FOLDERS, isStagingFolderName, layout } from '../format/layout.js';
import { parseRunMeta } from '../format/run-meta.js';
import { checkEntries } from './check-entries.js';
import { checkRunInputs } from './check-metas.js';
import { readMeta } from './check-meta.js';
import { readFolder, type ScanContext } from './scan-context.js';
import { reportStale, staleRunArtifactUri } from './stale-location.js';

/**
 * Checks one run folder (spec 2.3, 3, 4.2, 8.3): its meta.yaml and ids, the folders MLflow
 * 3.8+ requires, a stale artifact_uri, its metrics/params/tags files and leftovers.
 */
export async function checkRun(scan: ScanContext, runDir: string, experimentId: string): Promise<void> {
  const folder = basename(runDir);
  const what = `run ${folder}`;
  const metaPath = layout.runMeta(runDir);
  const info = await readMeta(scan, metaPath, what, parseRunMeta, () =>
    scan.add('STRAY_FOLDER', runDir, `folder without meta.yaml in experiment ${experimentId}: not a run, so MLflow skips it; remove it or restore its meta.yaml`),
  );
  if (info === undefined) return;
  if (info.runId !== folder || info.experimentId !== experimentId) {
    scan.add('ID_MISMATCH', metaPath, `the meta.yaml names run '${info.runId}' of experiment '${info.experimentId}', but the folder is run '${folder}' of experiment '${experimentId}'; MLflow cannot open it. Fix the ids in the file`);
    return;
  }
  const content = await readFolder(runDir);
  const missing = RUN_FOLDERS.filter((name) => !content.dirs.includes(name));
  for (const name of missing) {
    const required = (REQUIRED_RUN_FOLDERS as readonly string[]).includes(name);
    scan.add('MISSING_FOLDER', join(runDir, name), `${what} has no ${name}/ folder (git drops empty folders)${required ? '; MLflow 3.8+ reports the run as not found' : ''}`, { kind: 'createFolders' });
  }
  const to = await staleRunArtifactUri(scan.root, { experimentId, runId: folder }, info.artifactUri);
  reportStale(scan, metaPath, 'artifact_uri', info.artifactUri, to, 'Python MLflow lists no artifacts for this run');
  for (const kind of ['metrics', 'params', 'tags'] as const) await checkEntries(scan, layout.runEntries(runDir, kind), kind, what);
  await checkRunInputs(scan, runDir);
  await checkLeftovers(scan, runDir, content);
}

/** Our temporary files and lock folders left behind by a process that was killed. */
export async function checkLeftovers(scan: ScanContext, dir: string, content: { dirs: string[]; files: string[] }): Promise<void> {
  for (const name of content.files.filter((n) => n.startsWith(TEMP_PREFIX))) {
    const path = join(dir, name);
    if (await scan.isOld(path)) scan.add('TEMP_FILE', path, 'leftover temporary file of an interrupted write', { kind: 'remove', target: path });
  }
  for (const name of content.dirs.filter(isStagingFolderName)) {
    const path = join(dir, name);
    if (await scan.isOld(path)) scan.add('TEMP_FILE', path, 'leftover staging folder of an interrupted experiment or run creation', { kind: 'remove', target: path });
  }
  for (const name of content.dirs.filter((n) => LOCK_NAMES.has(n))) {
    const path = join(dir, name);
    if (await scan.isOld(path)) scan.add('STALE_LOCK', path, `lock folder left by a process that was killed (not refreshed for over a minute)`, { kind: 'remove', target: path });
  }
}

