import { join } from 'node:path';
import { parseDatasetMeta, parseInputMeta } from '../format/inputs-meta.js';
import { loggedModelIdMismatch, parseLoggedModelMeta } from '../format/logged-model-meta.js';
import { layout, registryLayout, versionOfFolder } from '../format/layout.js';
import { parseModelVersionMeta, parseRegisteredModelMeta } from '../format/registry-meta.js';
import { readMeta } from './check-meta.js';
import { readFolder, type ScanContext } from './scan-context.js';

/**
 * The meta.yaml files below runs, experiments and the model registry that the reader skips
 * (with a warning) when they are damaged: run inputs, datasets, MLflow 3 logged models,
 * registered models and their versions. Each one missing, empty or unreadable is a problem.
 */

async function checkMetaFolders(scan: ScanContext, parent: string, what: string, parse: (yaml: unknown) => unknown): Promise<void> {
  for (const name of (await readFolder(parent)).dirs) {
    const path = join(parent, name, 'meta.yaml');
    await readMeta(scan, path, `${what} ${name}`, parse, () => scan.add('META_MISSING', join(parent, name), `${what} folder without meta.yaml; MLflow cannot read it`));
  }
}

/** The meta.yaml of each dataset input of a run (spec 2.4). */
export async function checkRunInputs(scan: ScanContext, runDir: string): Promise<void> {
  await checkMetaFolders(scan, layout.runInputs(runDir), 'input', parseInputMeta);
}

/** The meta.yaml of each dataset of an experiment (spec 2.4). */
export async function checkDatasets(scan: ScanContext, experimentDir: string): Promise<void> {
  await checkMetaFolders(scan, layout.datasets(experimentDir), 'dataset', parseDatasetMeta);
}

/**
 * The meta.yaml of each MLflow 3 logged model of an experiment (`<experiment>/models/<model_id>`),
 * and the ids it names: gc skips a model whose meta.yaml names another model or experiment.
 */
export async function checkLoggedModels(scan: ScanContext, experimentDir: string, experimentId: string): Promise<void> {
  const parent = layout.loggedModels(experimentDir);
  for (const name of (await readFolder(parent)).dirs) {
    const path = join(parent, name, 'meta.yaml');
    const meta = await readMeta(scan, path, `logged model ${name}`, parseLoggedModelMeta, () => scan.add('META_MISSING', join(parent, name), 'logged model folder without meta.yaml; MLflow cannot read it'));
    if (meta === undefined) continue;
    if (loggedModelIdMismatch(meta, name, experimentId) !== undefined) {
      scan.add('ID_MISMATCH', path, `the meta.yaml says model_id '${meta.modelId}' in experiment '${meta.experimentId ?? experimentId}' but the folder is model '${name}' in experiment '${experimentId}'; MLflow cannot open this model (and its gc stops on it once it is deleted). Fix the ids in the file`);
    }
  }
}

/** The meta.yaml of each registered model and model version under `<root>/models` (spec 7). */
export async function checkRegistry(scan: ScanContext): Promise<void> {
  const models = registryLayout.models(scan.root);
  for (const name of (await readFolder(models)).dirs) {
    const dir = registryLayout.modelDir(scan.root, name);
    await readMeta(scan, registryLayout.modelMeta(dir), `registered model ${name}`, parseRegisteredModelMeta, () =>
      scan.add('META_MISSING', dir, `registered model folder without meta.yaml; MLflow cannot list the registry's models`),
    );
    for (const folder of (await readFolder(dir)).dirs) {
      const version = versionOfFolder(folder);
      if (version === undefined) continue;
      const versionDir = registryLayout.versionDir(dir, version);
      await readMeta(scan, registryLayout.versionMeta(versionDir), `version ${version} of model ${name}`, parseModelVersionMeta, () => undefined);
    }
  }
}
