export type {
  Run,
  RunInfo,
  RunData,
  RunStatus,
  LifecycleStage,
  Metric,
  Param,
  RunTag,
  Dataset,
  DatasetInput,
  InputTag,
  RunInputs,
} from './run.js';
export { RUN_STATUSES } from './run.js';
export type { Experiment, ViewType } from './experiment.js';
export type { FileInfo } from './file-info.js';
export type { RegisteredModel, ModelVersion, ModelVersionStage } from './model-registry.js';
export { MODEL_VERSION_STAGES } from './model-registry.js';
