import type { RegistryTagsInput } from '../client/model-registry-client.js';
import type { ModelVersion } from '../entities/index.js';
import type { LoadModelOptions } from '../models/flavor.js';
import { loadModelWith } from '../models/load-model.js';
import { logModelToRun, type LogModelOptions, type ModelInfo } from '../models/log-model.js';
import { registerModelWith } from '../models/register.js';
import { fluentClient, requireActiveRun } from './state.js';

/**
 * Logs a model to the active run as an MLflow model directory (see README "Models"), after the
 * run's queued writes, and registers it when `registeredModelName` is given.
 * @example const info = await logModel(forest, 'model', { inputExample: XTest.slice(0, 3), registeredModelName: 'iris' });
 */
export async function logModel(model: unknown, artifactPath: string, options: LogModelOptions = {}): Promise<ModelInfo> {
  const { writer } = requireActiveRun('logModel');
  let info: ModelInfo | undefined;
  await writer.pushAndWait(async (client, runId) => {
    info = await logModelToRun(client, runId, model, artifactPath, options);
  });
  writer.report();
  return info!;
}

/**
 * Loads a model from `runs:/<run_id>/<path>`, `models:/<name>/<version>`, `models:/<name>@<alias>`,
 * `models:/<name>/<stage>` or a local path, in the store in effect.
 * @example const forest = await loadModel('models:/iris@champion', { modelClass: RandomForestClassifier });
 */
export function loadModel<M = unknown>(modelUri: string, options: LoadModelOptions = {}): Promise<M> {
  return loadModelWith(fluentClient(), modelUri, options) as Promise<M>;
}

/**
 * MLflow's `mlflow.register_model`: a new version of `name` (created if needed) from a model URI.
 * @example const version = await registerModel(`runs:/${runId}/model`, 'iris');
 */
export function registerModel(modelUri: string, name: string, options: { tags?: RegistryTagsInput } = {}): Promise<ModelVersion> {
  return registerModelWith(fluentClient(), modelUri, name, options);
}
