/**
 * The fluent tracking API: MLflow's `mlflow.*` module in camelCase, over the store named by
 * setTrackingUri / $MLFLOW_TRACKING_URI. See README "Fluent API".
 */
export { setTrackingUri, getTrackingUri, setExperiment } from './experiments.js';
export type { ExperimentChoice } from './experiments.js';
export { startRun, endRun, activeRun, lastActiveRun, withRun } from './runs.js';
export type { StartRunOptions } from './runs.js';
export { logParam, logParams, logMetric, logMetrics, setTag, setTags, deleteTag, logInput, flush } from './logging.js';
export type { MetricOptions } from './logging.js';
export { logArtifact, logArtifacts, logText, logDict, logImage, logTable, downloadArtifacts } from './artifacts.js';
export type { DownloadSource } from './artifacts.js';
export { searchRuns } from './search.js';
export type { FluentSearchRunsOptions } from './search.js';
export { logModel, loadModel, registerModel } from './models.js';
