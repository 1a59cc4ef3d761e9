import type { MlflowClient } from '../client/mlflow-client.js';
import { resolveStoreRoot } from '../client/tracking-uri.js';
import type { Experiment } from '../entities/index.js';
import { InvalidParameterError, MlflowError, ResourceNotFoundError } from '../errors/index.js';
import { DEFAULT_EXPERIMENT_ID } from '../format/layout.js';
import { describe } from '../validation/index.js';
import { effectiveTrackingUri, fluentClient, state } from './state.js';

/**
 * Sets the store the fluent API logs to: a folder or a `file://` URI. Like MLflow, it also sets
 * $MLFLOW_TRACKING_URI so child processes inherit it. Runs already active keep their store.
 *
 * @example setTrackingUri('./experiments/mlruns');
 */
export function setTrackingUri(uri: string): void {
  if (typeof uri !== 'string' || uri === '') {
    throw new InvalidParameterError(`The tracking URI must be a non-empty path or file:// URI; got ${describe(uri)}.`);
  }
  resolveStoreRoot(uri);
  state.trackingUri = uri;
  process.env.MLFLOW_TRACKING_URI = uri;
}

/**
 * The tracking URI in effect: the one set with setTrackingUri, else $MLFLOW_TRACKING_URI, else `./mlruns`.
 * @example getTrackingUri(); // './mlruns'
 */
export function getTrackingUri(): string {
  return effectiveTrackingUri();
}

/** Which experiment to make active: a name (created when missing) or an id. */
export type ExperimentChoice = string | { readonly experimentName: string } | { readonly experimentId: string };

/**
 * Makes an experiment the active one for new runs, creating it when a name is given that no
 * experiment has yet, as `mlflow.set_experiment` does. Sets $MLFLOW_EXPERIMENT_ID for child
 * processes. A deleted experiment is refused.
 *
 * @example
 * await setExperiment('churn-model');
 * await setExperiment({ experimentId: '473869837152367325' });
 */
export async function setExperiment(choice: ExperimentChoice): Promise<Experiment> {
  const client = fluentClient();
  let experiment: Experiment;
  if (typeof choice === 'string' || (typeof choice === 'object' && choice !== null && 'experimentName' in choice)) {
    const name = typeof choice === 'string' ? choice : choice.experimentName;
    experiment = (await client.getExperimentByName(name)) ?? (await createOrFind(client, name));
  } else if (typeof choice === 'object' && choice !== null && 'experimentId' in choice) {
    experiment = await client.getExperiment(choice.experimentId);
  } else {
    throw new InvalidParameterError(`Must specify exactly one of: an experiment name, { experimentName } or { experimentId }; got ${describe(choice)}.`);
  }
  if (experiment.lifecycleStage !== 'active') {
    throw new InvalidParameterError(
      `Cannot set a deleted experiment '${experiment.name}' as the active experiment. Restore it with ` +
        `client.restoreExperiment('${experiment.experimentId}'), or remove it from .trash to create a new one.`,
    );
  }
  state.experimentId = experiment.experimentId;
  process.env.MLFLOW_EXPERIMENT_ID = experiment.experimentId;
  return experiment;
}

/** Creates an experiment; when another process created it first, uses that one (as MLflow does). */
async function createOrFind(client: MlflowClient, name: string): Promise<Experiment> {
  try {
    return await client.getExperiment(await client.createExperiment(name));
  } catch (error) {
    const raced = error instanceof MlflowError && error.errorCode === 'RESOURCE_ALREADY_EXISTS' ? await client.getExperimentByName(name) : null;
    if (raced === null) throw error;
    return raced;
  }
}

/**
 * The experiment new runs go to: setExperiment's, else $MLFLOW_EXPERIMENT_NAME (created when
 * missing) or $MLFLOW_EXPERIMENT_ID, else the Default experiment '0' (fluent.py, _get_experiment_id).
 */
export async function activeExperimentId(client: MlflowClient): Promise<string> {
  if (state.experimentId !== undefined) return state.experimentId;
  const name = process.env.MLFLOW_EXPERIMENT_NAME || undefined;
  const id = process.env.MLFLOW_EXPERIMENT_ID || undefined;
  if (name !== undefined) {
    const experiment = (await client.getExperimentByName(name)) ?? (await createOrFind(client, name));
    if (id !== undefined && id !== experiment.experimentId) {
      throw new InvalidParameterError(
        `The provided MLFLOW_EXPERIMENT_ID environment variable value '${id}' does not match the experiment id ` +
          `'${experiment.experimentId}' for experiment name '${name}'. Unset one of the two variables.`,
      );
    }
    return experiment.experimentId;
  }
  if (id !== undefined) {
    try {
      return (await client.getExperiment(id)).experimentId;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundError)) throw error;
      throw new InvalidParameterError(`The provided MLFLOW_EXPERIMENT_ID environment variable value '${id}' does not exist in the store ${client.trackingUri}. Provide a valid experiment id.`, { cause: error });
    }
  }
  return DEFAULT_EXPERIMENT_ID;
}
