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
  FileInfo,
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
export { ensureRunFolders } from './client/ensure-run-folders.js';
export { checkStore, fixStore, describeFix } from './doctor/index.js';
export type { CheckStoreOptions, AppliedFix, ProblemCode, StoreFix, StoreProblem, StoreReport } from './doctor/index.js';
export { planGarbageCollection, collectGarbage, parseOlderThan } from './gc/index.js';
export type { GcPlan, GcRun, GcExperiment, GcRemovedRun } from './gc/index.js';
export type { DatasetSpec, DatasetInputSpec, JsonText } from './validation/datasets.js';
export type { TableData, TableCell } from './format/table-json.js';
export {
  setTrackingUri,
  getTrackingUri,
  setExperiment,
  startRun,
  endRun,
  activeRun,
  lastActiveRun,
  withRun,
  logParam,
  logParams,
  logMetric,
  logMetrics,
  setTag,
  setTags,
  deleteTag,
  logInput,
  flush,
  logArtifact,
  logArtifacts,
  logText,
  logDict,
  logImage,
  logTable,
  downloadArtifacts,
  searchRuns,
} from './fluent/index.js';
export type { ExperimentChoice, StartRunOptions, MetricOptions, DownloadSource, FluentSearchRunsOptions } from './fluent/index.js';
export { ModelRegistryClient } from './client/model-registry-client.js';
export type { RegistryTagsInput, RegistrySearchInput, VersionInput } from './client/model-registry-client.js';
export type { RegisteredModel, ModelVersion, ModelVersionStage } from './entities/index.js';
export { MODEL_VERSION_STAGES } from './entities/index.js';
export { logModel, loadModel, registerModel } from './fluent/index.js';
export { logModelToRun, BUILTIN_FLAVORS, MODEL_HISTORY_TAG } from './models/log-model.js';
export type { LogModelOptions, ModelInfo } from './models/log-model.js';
export { loadModelWith, modelDirectory } from './models/load-model.js';
export { registerModelWith } from './models/register.js';
export { inferSignature } from './models/signature.js';
export type { ModelSignature, SchemaSpec, ColumnSpec, TensorSpec, ColumnType } from './models/signature.js';
export type { ModelFlavor, LoadModelOptions } from './models/flavor.js';
export { mljsFlavor } from './models/mljs-flavor.js';
export { tfjsFlavor } from './models/tfjs-flavor.js';
export { ModelTracker } from './trackers/model-tracker.js';
export type { WrapFitOptions } from './trackers/model-tracker.js';
export { MlflowTracker } from './trackers/mlflow-tracker.js';
export type { MlflowTrackerOptions, Predictions } from './trackers/mlflow-tracker.js';
export { MlJsTracker } from './trackers/mljs-tracker.js';
export { TfjsTracker } from './trackers/tfjs-tracker.js';
export type { TfjsTrackerOptions } from './trackers/tfjs-tracker.js';
export { accuracy, precision, recall, f1, logLoss, zeroOneLoss, mse, rmse, mae, r2, METRICS } from './metrics/index.js';
export type { Label, Average, AverageOptions, MetricInputs, MetricFunction, MetricName } from './metrics/index.js';
