import type { Dataset, DatasetInput, InputTag } from '../entities/index.js';
import { InvalidParameterError } from '../errors/index.js';
import { renderPythonJson } from '../format/python-json.js';
import { codePointLength } from './limits.js';
import { describe } from './names.js';

/** A JSON document: given as text, or as a value that is written the way Python's json.dumps writes it. */
export type JsonText = string | Readonly<Record<string, unknown>>;

/** A dataset as a caller describes it (MLflow's Dataset entity). */
export interface DatasetSpec {
  readonly name: string;
  /** A short content hash that tells versions of the dataset apart (MLflow uses 8 hex characters). */
  readonly digest: string;
  /** Where it came from: `local`, `http`, `s3`, `code`, ... */
  readonly sourceType: string;
  /** The source as JSON, e.g. `{ uri: 'data/iris.csv' }`. */
  readonly source: JsonText;
  readonly schema?: JsonText | null;
  readonly profile?: JsonText | null;
}

/** A dataset with the tags of its use in one run (`mlflow.data.context`: train, eval, ...). */
export interface DatasetInputSpec {
  readonly dataset: DatasetSpec;
  readonly tags?: Readonly<Record<string, string>> | readonly InputTag[];
}

/** Size limits of mlflow/utils/validation.py. */
const DATASET_LIMITS = { name: 500, digest: 36, source: 65535, schema: 1048575, profile: 16777215, tagKey: 255, tagValue: 500 } as const;

function text(value: unknown, field: string, limit: number, kind: 'text' | 'json' | 'optional json'): string | null {
  if ((value === null || value === undefined) && kind === 'optional json') return null;
  const result = kind !== 'text' && typeof value === 'object' && value !== null ? renderPythonJson(value) : value;
  if (typeof result !== 'string') {
    throw new InvalidParameterError(`Dataset ${field} must be a string${kind === 'text' ? '' : ' or a JSON object'}; got ${describe(value)}.`);
  }
  if (codePointLength(result) > limit) {
    throw new InvalidParameterError(`Dataset ${field} exceeds the maximum length of ${limit} characters (got ${codePointLength(result)}).`);
  }
  return result;
}

/**
 * Checks a dataset input as MLflow's _validate_dataset_inputs does (required fields, size
 * limits) and returns it in store form, JSON objects rendered as Python would.
 *
 * @example toDatasetInput({ dataset: { name: 'iris', digest: '3a5b1c2d', sourceType: 'local', source: { uri: 'iris.csv' } }, tags: { 'mlflow.data.context': 'train' } });
 */
export function toDatasetInput(spec: DatasetInputSpec): DatasetInput {
  const given = spec?.dataset;
  if (given === null || typeof given !== 'object') {
    throw new InvalidParameterError(`A dataset input needs a 'dataset' with name, digest, sourceType and source; got ${describe(given)}.`);
  }
  const dataset: Dataset = {
    name: text(given.name, 'name', DATASET_LIMITS.name, 'text') as string,
    digest: text(given.digest, 'digest', DATASET_LIMITS.digest, 'text') as string,
    sourceType: text(given.sourceType, 'sourceType', Infinity, 'text') as string,
    source: text(given.source, 'source', DATASET_LIMITS.source, 'json') as string,
    schema: text(given.schema, 'schema', DATASET_LIMITS.schema, 'optional json'),
    profile: text(given.profile, 'profile', DATASET_LIMITS.profile, 'optional json'),
  };
  const rawTags = spec.tags ?? [];
  const tags: InputTag[] = Array.isArray(rawTags) ? [...(rawTags as InputTag[])] : Object.entries(rawTags).map(([key, value]) => ({ key, value }));
  for (const tag of tags) {
    if (typeof tag.key !== 'string' || typeof tag.value !== 'string') {
      throw new InvalidParameterError(`Dataset input tags must map string keys to string values; got ${describe(tag.key)} → ${describe(tag.value)}.`);
    }
    if (codePointLength(tag.key) > DATASET_LIMITS.tagKey || codePointLength(tag.value) > DATASET_LIMITS.tagValue) {
      throw new InvalidParameterError(`Dataset input tag '${tag.key.slice(0, 40)}' exceeds the maximum length (key ${DATASET_LIMITS.tagKey}, value ${DATASET_LIMITS.tagValue} characters).`);
    }
  }
  return { dataset, tags };
}
