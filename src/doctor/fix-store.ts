import { recreateEmptyFolders } from '../backends/file/repair.js';
import { removeLeftover, rewriteArtifactLocation } from '../backends/file/maintenance.js';
import { InternalError, MlflowError } from '../errors/index.js';
import type { StoreProblem, StoreReport } from './problems.js';

/** A repair that was made, or skipped because the file changed since the check. */
export interface AppliedFix {
  readonly problem: StoreProblem;
  readonly applied: boolean;
}

/**
 * Repairs what `checkStore` found that is safe to repair: removes our leftover temporary files,
 * stale lock folders and OS junk files in metrics/params/tags, recreates the folders git drops
 * (through `recreateEmptyFolders`), and points stale artifact locations at the same folders
 * under the current root, so Python MLflow finds the artifacts too. Everything else is left
 * for a person to decide.
 *
 * @example
 * const report = await checkStore('./mlruns');
 * const fixed = await fixStore(report);
 */
export async function fixStore(report: StoreReport): Promise<AppliedFix[]> {
  const applied: AppliedFix[] = [];
  const fixable = report.problems.filter((p) => p.fix !== undefined);
  try {
    for (const problem of fixable) {
      if (problem.fix?.kind !== 'remove') continue;
      await removeLeftover(problem.fix.target);
      applied.push({ problem, applied: true });
    }
    if (fixable.some((p) => p.fix?.kind === 'createFolders')) {
      const created = new Set(await recreateEmptyFolders(report.root));
      for (const problem of fixable.filter((p) => p.fix?.kind === 'createFolders')) applied.push({ problem, applied: created.has(problem.path) });
    }
    for (const problem of fixable) {
      const fix = problem.fix;
      if (fix?.kind !== 'rewriteArtifactLocation') continue;
      applied.push({ problem, applied: await rewriteArtifactLocation(report.root, fix.metaPath, fix.field, fix.from, fix.to) });
    }
  } catch (error) {
    if (error instanceof MlflowError) throw error;
    throw new InternalError(`Could not repair the store at '${report.root}': ${(error as Error).message}. Check its permissions and run the check again.`, { cause: error });
  }
  return applied;
}
