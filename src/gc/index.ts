export { planGarbageCollection, collectGarbage } from './garbage-collect.js';
export type { GcPlan, GcRun, GcExperiment, GcRemovedRun } from './garbage-collect.js';
export { parseOlderThan } from './older-than.js';
