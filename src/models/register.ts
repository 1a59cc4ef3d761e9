import type { MlflowClient } from '../client/mlflow-client.js';
import type { RegistryTagsInput } from '../client/model-registry-client.js';
import type { ModelVersion } from '../entities/index.js';
import { ResourceAlreadyExistsError, ResourceNotFoundError } from '../errors/index.js';
import { MLMODEL_FILE } from '../format/mlmodel.js';
import { parseRunsUri } from '../format/runs-uri.js';
import { appendToUri } from '../format/uri.js';

/**
 * MLflow's `mlflow.register_model`: creates the registered model if needed, then a version whose
 * source is the model's files. For `runs:/<run_id>/<path>` the source is the run's artifact
 * location joined with the path (as MLflow writes it) and the version records the run id; the
 * folder must hold an MLmodel file.
 *
 * @example const version = await registerModelWith(client, `runs:/${runId}/model`, 'iris');
 */
export async function registerModelWith(client: MlflowClient, modelUri: string, name: string, options: { tags?: RegistryTagsInput } = {}): Promise<ModelVersion> {
  const registry = client.registry;
  try {
    await registry.createRegisteredModel(name);
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsError)) throw error;
  }
  const runs = parseRunsUri(modelUri);
  if (runs === undefined) return registry.createModelVersion(name, modelUri, null, { tags: options.tags });
  const listing = await client.listArtifacts(runs.runId, runs.artifactPath);
  const mlmodelPath = runs.artifactPath === '' ? MLMODEL_FILE : `${runs.artifactPath}/${MLMODEL_FILE}`;
  if (!listing.some((file) => file.path === mlmodelPath)) {
    throw new ResourceNotFoundError(`Unable to find a logged_model with artifact_path ${runs.artifactPath} under run ${runs.runId}: there is no ${mlmodelPath} in its artifacts.`);
  }
  const run = await client.getRun(runs.runId);
  const source = runs.artifactPath === '' ? run.info.artifactUri : appendToUri(run.info.artifactUri, ...runs.artifactPath.split('/'));
  return registry.createModelVersion(name, source, runs.runId, { tags: options.tags });
}
