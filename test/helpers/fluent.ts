import { afterEach, beforeEach } from 'vitest';
import { MlflowClient, setTrackingUri } from '../../src/index.js';
import { resetFluentState } from '../../src/fluent/state.js';
import { freshStorePath } from './tmp.js';

const ENV = ['MLFLOW_TRACKING_URI', 'MLFLOW_EXPERIMENT_NAME', 'MLFLOW_EXPERIMENT_ID', 'MLFLOW_RUN_ID'] as const;

/**
 * Gives every test of the file a fresh store as the fluent tracking URI, a clean fluent state
 * and the MLflow environment variables as they were before the test.
 */
export function useFluentStore(): { root: () => string; client: () => MlflowClient } {
  let root = '';
  let saved: Record<string, string | undefined> = {};
  beforeEach(async () => {
    saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));
    for (const name of ENV) delete process.env[name];
    resetFluentState();
    root = await freshStorePath();
    setTrackingUri(root);
  });
  afterEach(() => {
    resetFluentState();
    for (const name of ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
  return { root: () => root, client: () => new MlflowClient(root) };
}
