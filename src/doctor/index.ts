export { checkStore } from './check-store.js';
export type { CheckStoreOptions } from './check-store.js';
export { fixStore } from './fix-store.js';
export type { AppliedFix } from './fix-store.js';
export { describeFix } from './problems.js';
export type { ProblemCode, StoreFix, StoreProblem, StoreReport } from './problems.js';
