/**
 * The model registry's entities, as MLflow's `RegisteredModel` and `ModelVersion` (Python
 * `mlflow.entities.model_registry`) in camelCase. Versions are strings, as in MLflow's REST API
 * and its alias mappings (`{"champion": "2"}`).
 */

/** The stages a model version can be moved to (deprecated in MLflow 2.9, still stored). */
export const MODEL_VERSION_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type ModelVersionStage = (typeof MODEL_VERSION_STAGES)[number];

export interface RegisteredModel {
  readonly name: string;
  readonly creationTimestamp: number | null;
  readonly lastUpdatedTimestamp: number | null;
  readonly description: string | null;
  /** The highest version in each stage (None, Staging, Production, Archived order). */
  readonly latestVersions: readonly ModelVersion[];
  readonly tags: Readonly<Record<string, string>>;
  /** Alias → version number as text, e.g. `{ champion: '2' }`. */
  readonly aliases: Readonly<Record<string, string>>;
}

export interface ModelVersion {
  readonly name: string;
  readonly version: string;
  readonly creationTimestamp: number | null;
  readonly lastUpdatedTimestamp: number | null;
  readonly description: string | null;
  readonly userId: string | null;
  readonly currentStage: ModelVersionStage;
  /** The URI given at registration (`runs:/...`, a file URI, ...). */
  readonly source: string;
  readonly runId: string | null;
  readonly runLink: string | null;
  /** MLflow's registration status; the file registry creates versions READY. */
  readonly status: string;
  readonly statusMessage: string | null;
  /** MLflow 3 logged model id, when the version was registered from one. */
  readonly modelId: string | null;
  readonly tags: Readonly<Record<string, string>>;
  /** The aliases pointing at this version. */
  readonly aliases: readonly string[];
}
