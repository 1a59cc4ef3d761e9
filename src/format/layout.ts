import { join, sep } from 'node:path';

/**
 * The only module that knows the folder and file names of an mlruns store (spec section 1).
 * Everything else asks it for paths.
 */
export const META_FILE = 'meta.yaml';
export const TRASH_FOLDER = '.trash';
export const REGISTRY_FOLDER = 'models';
export const DEFAULT_EXPERIMENT_ID = '0';
export const DEFAULT_EXPERIMENT_NAME = 'Default';

/** Sub-folders of a run folder. MLflow 3.8+ needs metrics/, params/ and artifacts/ to exist. */
export const RUN_FOLDERS = ['metrics', 'params', 'tags', 'artifacts'] as const;
export const REQUIRED_RUN_FOLDERS = ['metrics', 'params', 'artifacts'] as const;

/** Sub-folders of an experiment that are not runs. */
export const RESERVED_EXPERIMENT_FOLDERS: ReadonlySet<string> = new Set([
  'tags',
  'datasets',
  'traces',
  'models',
]);

/**
 * Prefix of the temporary files an artifact is written to before it is renamed into place.
 * It is MLflow's own (local_artifact_repo.py), so MLflow's listing hides ours and ours hides
 * MLflow's.
 */
export const ARTIFACT_TEMP_PREFIX = '.artifact.uploading.';

/** Prefix of this library's temporary files; readers skip them and `doctor` removes leftovers. */
export const TEMP_PREFIX = '.mlruns-tmp-';

/** Files operating systems and tools drop into folders; readers skip them, they are never keys. */
export const JUNK_FILE_NAMES: ReadonlySet<string> = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.gitkeep', '.keep']);

export type EntryKind = 'metrics' | 'params' | 'tags';

/** True for a folder where a new experiment or run is built (see layout.experimentStaging). */
export function isStagingFolderName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(`.mlruns-new${TRASH_FOLDER}`);
}

/** True for a top-level folder that can hold an experiment (not `.trash`, not `models`). */
export function isExperimentFolderName(name: string): boolean {
  return !name.endsWith(TRASH_FOLDER) && name !== REGISTRY_FOLDER;
}

/** True for a folder inside an experiment that can hold a run. */
export function isRunFolderName(name: string): boolean {
  return !RESERVED_EXPERIMENT_FOLDERS.has(name);
}

export const layout = {
  trash: (root: string) => join(root, TRASH_FOLDER),
  /** Where an experiment lives: the root when active, `.trash` when deleted. */
  experimentDir: (root: string, experimentId: string, deleted = false) =>
    deleted ? join(root, TRASH_FOLDER, experimentId) : join(root, experimentId),
  /**
   * Where a new experiment is built before it is renamed into place. Its name ends in
   * `.trash`, so MLflow's listing and ours skip it.
   */
  experimentStaging: (root: string, experimentId: string) => join(root, `.${experimentId}.mlruns-new${TRASH_FOLDER}`),
  /** Where a new run is built before it is renamed into its experiment (named as experimentStaging). */
  runStaging: (root: string, runId: string) => join(root, `.${runId}.mlruns-new${TRASH_FOLDER}`),
  experimentMeta: (experimentDir: string) => join(experimentDir, META_FILE),
  experimentTags: (experimentDir: string) => join(experimentDir, 'tags'),
  experimentTag: (experimentDir: string, key: string) => join(experimentDir, 'tags', ...key.split('/')),
  runDir: (experimentDir: string, runId: string) => join(experimentDir, runId),
  runMeta: (runDir: string) => join(runDir, META_FILE),
  runEntries: (runDir: string, kind: EntryKind) => join(runDir, kind),
  runEntry: (runDir: string, kind: EntryKind, key: string) => entryPath(runDir, kind, key),
  runArtifacts: (runDir: string) => join(runDir, 'artifacts'),
  runInputs: (runDir: string) => join(runDir, 'inputs'),
  runInputMeta: (runDir: string, inputId: string) => join(runDir, 'inputs', inputId, META_FILE),
  datasetMeta: (experimentDir: string, datasetId: string) =>
    join(experimentDir, 'datasets', datasetId, META_FILE),
  datasets: (experimentDir: string) => join(experimentDir, 'datasets'),
  datasetDir: (experimentDir: string, datasetId: string) => join(experimentDir, 'datasets', datasetId),
  /** MLflow 3's logged models of an experiment (file_store.py `_get_model_dir`). */
  loggedModels: (experimentDir: string) => join(experimentDir, 'models'),
  loggedModelDir: (experimentDir: string, modelId: string) => join(experimentDir, 'models', modelId),
  runInputDir: (runDir: string, inputId: string) => join(runDir, 'inputs', inputId),
} as const;

/**
 * `join(runDir, kind, ...key.split('/'))`. A search builds hundreds of thousands of these, so
 * a one-segment key (the usual kind) is appended as it is: join() would give the same string
 * for it, since run folders come from join() and are normalized already.
 */
function entryPath(runDir: string, kind: EntryKind, key: string): string {
  if (key === '' || key === '.' || key === '..' || key.includes('/') || runDir.endsWith(sep)) return join(runDir, kind, ...key.split('/'));
  return `${runDir}${sep}${kind}${sep}${key}`;
}

/** Prefix of a model version's folder inside its registered model's folder (`version-3`). */
export const MODEL_VERSION_FOLDER_PREFIX = 'version-';

/** The model registry's folders (spec section 7): `<root>/models/<name>/...`. */
export const registryLayout = {
  models: (root: string) => join(root, REGISTRY_FOLDER),
  modelDir: (root: string, name: string) => join(root, REGISTRY_FOLDER, name),
  modelMeta: (modelDir: string) => join(modelDir, META_FILE),
  modelTags: (modelDir: string) => join(modelDir, 'tags'),
  modelTag: (modelDir: string, key: string) => join(modelDir, 'tags', ...key.split('/')),
  aliases: (modelDir: string) => join(modelDir, 'aliases'),
  alias: (modelDir: string, alias: string) => join(modelDir, 'aliases', alias),
  versionDir: (modelDir: string, version: number) => join(modelDir, `${MODEL_VERSION_FOLDER_PREFIX}${version}`),
  versionMeta: (versionDir: string) => join(versionDir, META_FILE),
  versionTags: (versionDir: string) => join(versionDir, 'tags'),
  versionTag: (versionDir: string, key: string) => join(versionDir, 'tags', ...key.split('/')),
} as const;

/** The version number a folder name stands for (`version-3` → 3), or undefined. */
export function versionOfFolder(name: string): number | undefined {
  const match = /^version-(\d+)$/.exec(name);
  return match === null ? undefined : Number(match[1]);
}
