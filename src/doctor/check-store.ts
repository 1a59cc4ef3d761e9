import { realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isStoreFolder } from '../backends/file/repair.js';
import { ResourceNotFoundError } from '../errors/index.js';
import { isExperimentFolderName, layout, REGISTRY_FOLDER } from '../format/layout.js';
import { resolveStoreRoot } from '../client/tracking-uri.js';
import { isExperimentIdName } from '../validation/index.js';
import { checkExperiment, type ExperimentFolder } from './check-experiment.js';
import { checkRegistry } from './check-metas.js';
import { checkLeftovers, checkRun } from './check-run.js';
import type { StoreReport } from './problems.js';
import { ScanContext, readFolder } from './scan-context.js';

export interface CheckStoreOptions {
  /** Called after each run folder is checked. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Checks an mlruns store and lists every problem with its path: unreadable or empty
 * meta.yaml files, stray folders, mismatched ids, malformed metric lines, params and tags
 * with CRLF, missing folders MLflow 3.8+ requires, stale artifact locations after a move or
 * clone, duplicate experiment names and run ids, leftover temporary files and stale locks.
 * Nothing is changed; `fixStore` repairs what is safe to repair.
 *
 * @example
 * const report = await checkStore('./mlruns');
 * for (const p of report.problems) console.log(`${p.code} ${p.path}: ${p.message}`);
 */
export async function checkStore(trackingUri: string, options: CheckStoreOptions = {}): Promise<StoreReport> {
  const root = resolveStoreRoot(trackingUri);
  if (!(await isStoreFolder(root))) {
    throw new ResourceNotFoundError(`There is no mlruns store at '${root}'. Give the folder that holds the experiment folders (usually ./mlruns).`);
  }
  const scan = new ScanContext(root, Date.now());
  const experiments = await experimentFolders(scan);
  const names = new Map<string, string[]>();
  const runs: { dir: string; experimentId: string }[] = [];
  for (const folder of experiments) {
    const { meta, runDirs } = await checkExperiment(scan, folder);
    if (meta !== undefined) names.set(meta.name, [...(names.get(meta.name) ?? []), folder.id]);
    runs.push(...runDirs.map((dir) => ({ dir, experimentId: folder.id })));
  }
  for (const [name, ids] of names) {
    if (ids.length < 2) continue;
    scan.add('DUPLICATE_EXPERIMENT_NAME', layout.experimentDir(root, ids[0] ?? ''), `experiments ${ids.join(', ')} are all named '${name}' (clones merged?); MLflow resolves the name to the newest. Rename all but one`);
  }
  const seen = new Map<string, string>();
  for (const [i, run] of runs.entries()) {
    await checkRun(scan, run.dir, run.experimentId);
    const id = basename(run.dir);
    const first = seen.get(id);
    if (first !== undefined) scan.add('DUPLICATE_RUN_ID', run.dir, `run ${id} also exists in experiment ${first}; MLflow opens whichever it finds first. Remove one copy`);
    else seen.set(id, run.experimentId);
    options.onProgress?.(i + 1, runs.length);
  }
  await checkRegistry(scan);
  return { root, problems: scan.problems, checked: { experiments: experiments.length, runs: runs.length } };
}

/** The experiment folders under the root and `.trash`, reporting what is out of place there. */
async function experimentFolders(scan: ScanContext): Promise<ExperimentFolder[]> {
  const { root } = scan;
  const real = await realpath(root);
  if (real.split(/[\\/]+/).includes('artifacts')) {
    scan.add('ROOT_UNDER_ARTIFACTS', root, `the store lives under a folder named 'artifacts' (${real}); MLflow 3.8+ reports every run as not found. Move the store`);
  }
  const top = await readFolder(root);
  await checkLeftovers(scan, root, top);
  const trash = layout.trash(root);
  if (!top.dirs.includes('.trash')) scan.add('MISSING_FOLDER', trash, 'the store has no .trash/ folder (git drops empty folders)', { kind: 'createFolders' });
  const found: ExperimentFolder[] = [];
  const collect = (names: string[], parent: string, deleted: boolean): void => {
    for (const name of names) {
      if (!deleted && (!isExperimentFolderName(name) || name === REGISTRY_FOLDER)) continue;
      // Any name that is not an experiment id aborts MLflow's experiment listing.
      if (isExperimentIdName(name)) found.push({ id: name, dir: join(parent, name), deleted });
      else scan.add('STRAY_FOLDER', join(parent, name), `'${name}' is not an experiment id: MLflow fails to list any experiment while it is here. Move it out of the store`);
    }
  };
  collect(top.dirs, root, false);
  collect((await readFolder(trash)).dirs, trash, true);
  return found;
}
