export { LIMITS, codePointLength, truncateCodePoints } from './limits.js';
export {
  validateKey,
  isPathUnique,
  isValidKeyName,
  isExperimentIdName,
  validateRunId,
  validateExperimentId,
  validateExperimentName,
  describe,
} from './names.js';
export type { KeyKind } from './names.js';
export { valueToText, limitLength, paramValueText, validateMetricValue } from './values.js';
export type { LoggableValue } from './values.js';
export { validateModelName, validateVersion, canonicalStage, validateAlias, registryTag, REGISTRY_LIMITS } from './registry.js';
