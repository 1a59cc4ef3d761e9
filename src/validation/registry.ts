/**
 * Argument checks of the model registry, with MLflow's rules and messages
 * (mlflow/utils/validation.py and the file registry's `_validate_model_name`).
 */
import { MODEL_VERSION_STAGES, type ModelVersionStage } from '../entities/index.js';
import { InvalidParameterError } from '../errors/index.js';
import { checkPathNames } from './file-names.js';
import { codePointLength } from './limits.js';
import { describe, isPathUnique, validateKey } from './names.js';
import { valueToText } from './values.js';

export const REGISTRY_LIMITS = { tagKey: 250, tagValue: 100_000, alias: 255 } as const;

/** Registered model names: non-blank, no `/`, `:` or `%`, and naming exactly one folder. */
export function validateModelName(name: unknown, what = 'name'): asserts name is string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new InvalidParameterError(`Missing value for required parameter '${what}'. Give the registered model's name.`);
  }
  if (name.includes('/') || name.includes(':')) {
    throw new InvalidParameterError(`Invalid model name '${name}'. Names cannot contain '/' or ':'.`);
  }
  if (name.includes('\\')) {
    throw new InvalidParameterError(`Invalid name: '${name}'. Registered model name cannot contain path separator`);
  }
  if (name.includes('%')) {
    throw new InvalidParameterError(`Invalid name: '${name}'. Registered model name cannot contain '%' character`);
  }
  if (!isPathUnique(name)) {
    throw new InvalidParameterError(
      `Invalid value ${JSON.stringify(name)} for parameter '${what}' supplied: names are folder names, so '.', '..' and names starting with '..' are not allowed.`,
    );
  }
  checkPathNames(name, 'The registered model name');
}

/** A version number as MLflow's `int(version)` takes it: an integer or its decimal text. */
export function validateVersion(version: unknown): number {
  const text = typeof version === 'number' ? String(version) : typeof version === 'string' ? version.trim() : undefined;
  if (text === undefined || !/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new InvalidParameterError(`Parameter 'version' must be an integer, got ${describe(version)}.`);
  }
  return Number(text);
}

/** MLflow's canonical stage name for any casing (`pROduction` → `Production`). */
export function canonicalStage(stage: unknown): ModelVersionStage {
  const found = typeof stage === 'string' ? MODEL_VERSION_STAGES.find((s) => s.toLowerCase() === stage.toLowerCase()) : undefined;
  if (found === undefined) {
    throw new InvalidParameterError(`Invalid Model Version stage: ${String(stage)}. Value must be one of ${MODEL_VERSION_STAGES.join(', ')}.`);
  }
  return found;
}

/** Alias names: `[\w-]+` of at most 255 characters; `latest` and `v<digits>` are reserved. */
export function validateAlias(alias: unknown, forSetting: boolean): asserts alias is string {
  if (typeof alias !== 'string' || alias === '') throw new InvalidParameterError('Registered model alias name cannot be empty.');
  if (!/^[\p{L}\p{N}_-]*$/u.test(alias)) {
    throw new InvalidParameterError(`Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`);
  }
  if (codePointLength(alias) > REGISTRY_LIMITS.alias) {
    throw new InvalidParameterError(`'Registered model alias name' exceeds the maximum length of ${REGISTRY_LIMITS.alias} characters`);
  }
  if (!forSetting) return;
  if (alias.toLowerCase() === 'latest') throw new InvalidParameterError("'latest' alias name (case insensitive) is reserved.");
  if (/^[vV]\d+$/.test(alias)) throw new InvalidParameterError(`Version alias name '${alias}' is reserved.`);
}

/** A registered model or model version tag: MLflow's key rules, key ≤ 250, value ≤ 100,000. */
export function registryTag(key: unknown, value: unknown): { key: string; value: string } {
  validateKey(key, 'tag');
  if (codePointLength(key) > REGISTRY_LIMITS.tagKey) {
    throw new InvalidParameterError(`'key' exceeds the maximum length of ${REGISTRY_LIMITS.tagKey} characters`);
  }
  const text = valueToText(value, 'tag value');
  if (codePointLength(text) > REGISTRY_LIMITS.tagValue) {
    throw new InvalidParameterError(`'value' exceeds the maximum length of ${REGISTRY_LIMITS.tagValue} characters`);
  }
  return { key, value: text };
}
