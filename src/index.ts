export { MlflowClient } from './client/mlflow-client.js';
export type {
  MlflowClientOptions,
  MetricInput,
  TagsInput,
  SearchExperimentsOptions,
  SearchRunsOptions,
} from './client/mlflow-client.js';
export type { StoreWarning } from './store/tracking-store.js';
export type {
  Experiment,
  ViewType,
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
} from './entities/index.js';
export { RUN_STATUSES } from './entities/index.js';
export {
  MlflowError,
  InvalidParameterError,
  ResourceNotFoundError,
  ResourceAlreadyExistsError,
  InvalidStateError,
  InternalError,
  isMlflowError,
} from './errors/index.js';
export type { ErrorCode } from './errors/index.js';
export type { LoggableValue } from './validation/index.js';
export { findRuns } from './reader/find-runs.js';
export type { FindRunsOptions } from './reader/find-runs.js';
export { runsToRecords, recordsToCsv, recordsToJson, recordColumns } from './reader/run-records.js';
export type { RunRecord } from './reader/run-records.js';
