import { basename, join } from 'node:path';
import { layout } from '../../format/layout.js';
import { loggedModelIdMismatch, parseLoggedModelMeta, type LoggedModelMeta } from '../../format/logged-model-meta.js';
import { MetaFormatError } from '../../format/meta-fields.js';
import type { ExperimentLocation } from './experiments.js';
import { listSubdirs } from './fs-io.js';
import type { WarningSink } from './run-reader.js';
import { readYamlFile } from './yaml-file.js';

/** An MLflow 3 logged model found in its folder (`<experiment>/models/<model_id>/`). */
export interface LoggedModelFolder extends LoggedModelMeta {
  readonly experimentId: string;
  /** Its folder. */
  readonly dir: string;
}

/**
 * True for a name that can be a logged model's folder: one path segment, no separator. (MLflow
 * makes `m-` and 32 hex digits; other names are read too, as MLflow reads any folder.)
 */
export function isLoggedModelId(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[\\/\0]/.test(name);
}

/** Reads one logged model's meta.yaml; undefined when there is none (MLflow skips such folders). */
export async function readLoggedModel(dir: string, experimentId: string): Promise<LoggedModelFolder | undefined> {
  const path = join(dir, 'meta.yaml');
  const parsed = await readYamlFile(path);
  if (parsed === undefined) return undefined;
  const meta = parseLoggedModelMeta(parsed);
  const mismatch = loggedModelIdMismatch(meta, basename(dir), experimentId);
  if (mismatch !== undefined) throw new MetaFormatError(mismatch);
  return { ...meta, experimentId, dir };
}

/**
 * The logged models of the given experiments, in folder-name order. A model whose meta.yaml
 * cannot be read is reported and skipped (MLflow's gc would stop there).
 */
export async function listLoggedModels(experiments: readonly ExperimentLocation[], warn: WarningSink): Promise<LoggedModelFolder[]> {
  const found: LoggedModelFolder[] = [];
  for (const experiment of experiments) {
    const parent = layout.loggedModels(experiment.dir);
    for (const name of (await listSubdirs(parent)).sort()) {
      const dir = layout.loggedModelDir(experiment.dir, name);
      try {
        const model = await readLoggedModel(dir, experiment.id);
        if (model !== undefined) found.push(model);
      } catch (error) {
        if (!(error instanceof MetaFormatError)) throw error;
        warn({ code: 'MALFORMED_MODEL', path: join(dir, 'meta.yaml'), message: `logged model skipped: ${error.message}` });
      }
    }
  }
  return found;
}
