import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MlflowClient } from '../client/mlflow-client.js';
import { InternalError, InvalidParameterError, ResourceNotFoundError } from '../errors/index.js';
import { MLMODEL_FILE, parseMlmodel, type ParsedMlmodel } from '../format/mlmodel.js';
import { isModelsUri } from '../format/models-uri.js';
import { isRunsUri } from '../format/runs-uri.js';
import { fileUriToPath, isLocalUri } from '../format/uri.js';
import { isDirectory } from '../backends/file/fs-io.js';
import { describe } from '../validation/index.js';
import type { LoadModelOptions } from './flavor.js';
import { BUILTIN_FLAVORS } from './log-model.js';

/**
 * The local folder of a model registered as `version`: its download URI, or, when that folder
 * is gone because the store was moved or cloned, the same path under the run's artifacts as
 * the store finds them now.
 */
async function registeredModelDir(client: MlflowClient, uri: string): Promise<string> {
  const version = await client.registry.resolveModelsUri(uri);
  const downloadUri = await client.registry.getModelVersionDownloadUri(version.name, version.version);
  if (isRunsUri(downloadUri)) return client.downloadArtifactsFromUri(downloadUri);
  const local = isLocalUri(downloadUri) ? fileUriToPath(downloadUri) : undefined;
  if (local !== undefined && (await isDirectory(local))) return local;
  if (version.runId !== null) {
    const recorded = (await client.getRun(version.runId)).info.artifactUri.replace(/\/+$/, '');
    if (downloadUri.startsWith(`${recorded}/`)) return client.downloadArtifacts(version.runId, downloadUri.slice(recorded.length + 1));
  }
  throw new ResourceNotFoundError(`The files of model version ${version.name}/${version.version} are not at '${downloadUri}' any more.`);
}

/**
 * The local folder holding the MLflow model a URI names: `runs:/<run_id>/<path>`,
 * `models:/<name>/<version>`, `models:/<name>@<alias>`, `models:/<name>/<stage>`, a `file://`
 * URI or a local path. The folder belongs to the store: read it, do not change it.
 *
 * @example const dir = await modelDirectory(client, 'models:/iris@champion');
 */
export async function modelDirectory(client: MlflowClient, uri: string): Promise<string> {
  if (typeof uri !== 'string' || uri === '') throw new InvalidParameterError(`A model URI must be a non-empty string such as 'models:/iris@champion'; got ${describe(uri)}.`);
  if (isModelsUri(uri)) return registeredModelDir(client, uri);
  if (isRunsUri(uri)) return client.downloadArtifactsFromUri(uri);
  if (!isLocalUri(uri)) throw new InvalidParameterError(`Cannot load a model from '${uri}': only runs:/, models:/, file:// URIs and local paths are supported.`);
  return fileUriToPath(uri);
}

/** Reads `<dir>/MLmodel`. */
export async function readMlmodel(dir: string): Promise<ParsedMlmodel> {
  let text: string;
  try {
    text = await readFile(join(dir, MLMODEL_FILE), 'utf8');
  } catch (error) {
    throw new ResourceNotFoundError(`'${dir}' is not an MLflow model: it has no ${MLMODEL_FILE} file.`, { cause: error });
  }
  try {
    return parseMlmodel(text);
  } catch (error) {
    throw new InternalError(`The MLmodel file in '${dir}' cannot be read: ${(error as Error).message}.`, { cause: error });
  }
}

/**
 * Loads a model back with the flavor it was logged with (or `options.flavor`).
 * @example const forest = await loadModelWith(client, 'models:/iris@champion', { modelClass: RandomForestClassifier });
 */
export async function loadModelWith(client: MlflowClient, uri: string, options: LoadModelOptions = {}): Promise<unknown> {
  const dir = await modelDirectory(client, uri);
  const mlmodel = await readMlmodel(dir);
  const flavor = options.flavor ?? BUILTIN_FLAVORS.find((f) => Object.hasOwn(mlmodel.flavors, f.name));
  if (flavor === undefined || !Object.hasOwn(mlmodel.flavors, flavor.name)) {
    throw new InvalidParameterError(
      `The model at '${uri}' has the flavors ${Object.keys(mlmodel.flavors).join(', ') || '(none)'}, which mlruns cannot load` +
        `${options.flavor === undefined ? '' : ` with the '${options.flavor.name}' flavor`}. Pass { flavor } with a loader for one of them.`,
    );
  }
  return flavor.load(dir, mlmodel.flavors[flavor.name]!, options);
}
