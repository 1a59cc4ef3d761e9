export { planGarbageCollection, collectGarbage } from './garbage-collect.js';
export type { GcPlan, GcRun, GcLoggedModel, GcExperiment, GcKept, GcRemovedRun, GcRemovedLoggedModel } from './garbage-collect.js';
export { parseOlderThan } from './older-than.js';
