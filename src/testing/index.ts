export { mlrunsMatchers } from './matchers.js';
export type { RunMatchers } from './matchers.js';
export { findRuns } from '../reader/find-runs.js';
export type { FindRunsOptions } from '../reader/find-runs.js';
