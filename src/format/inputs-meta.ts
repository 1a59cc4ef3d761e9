import { createHash } from 'node:crypto';
import type { Dataset, InputTag } from '../entities/index.js';
import { asMapping, requiredText, scalarText } from './meta-fields.js';
import { renderYaml } from './yaml/index.js';

/** A run input's meta.yaml (`<run>/inputs/<id>/meta.yaml`, MLflow 2.4+). */
export interface InputMeta {
  readonly sourceType: string;
  readonly sourceId: string;
  readonly tags: readonly InputTag[];
}

export function parseInputMeta(parsed: unknown): InputMeta {
  const meta = asMapping(parsed, 'input');
  const rawTags = meta.tags;
  const tags: InputTag[] = [];
  if (rawTags !== null && typeof rawTags === 'object' && !Array.isArray(rawTags)) {
    for (const [key, value] of Object.entries(rawTags as Record<string, unknown>)) {
      tags.push({ key, value: value === null || value === undefined ? '' : String(value) });
    }
  }
  return {
    sourceType: requiredText(meta, 'source_type'),
    sourceId: requiredText(meta, 'source_id'),
    tags,
  };
}

/** A dataset's meta.yaml (`<experiment>/datasets/<id>/meta.yaml`). */
export function parseDatasetMeta(parsed: unknown): Dataset {
  const meta = asMapping(parsed, 'dataset');
  return {
    name: requiredText(meta, 'name'),
    digest: requiredText(meta, 'digest'),
    sourceType: scalarText(meta, 'source_type') ?? '',
    source: scalarText(meta, 'source') ?? '',
    schema: scalarText(meta, 'schema') ?? null,
    profile: scalarText(meta, 'profile') ?? null,
  };
}

const md5 = (...parts: string[]): string => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part, 'utf8');
  return hash.digest('hex');
};

/**
 * A dataset's folder name: MD5 of its name followed by its digest (spec 2.4).
 * @example datasetId('name', 'digest'); // 'efa4363cd8179759e8c7f113aebdd340'
 */
export function datasetId(name: string, digest: string): string {
  return md5(name, digest);
}

/** A dataset input's folder name in a run: MD5 of the dataset id followed by the run id (spec 2.5). */
export function datasetInputId(datasetIdValue: string, runId: string): string {
  return md5(datasetIdValue, runId);
}

/** The dataset meta.yaml MLflow writes (`dict(dataset)`, keys sorted). */
export function renderDatasetMeta(dataset: Dataset): string {
  return renderYaml({
    digest: dataset.digest,
    name: dataset.name,
    profile: dataset.profile,
    schema: dataset.schema,
    source: dataset.source,
    source_type: dataset.sourceType,
  });
}

/**
 * A run's dataset-input meta.yaml. `destination_id` repeats the dataset id, as MLflow writes
 * it (file_store.py, _FileStoreInput.write_yaml); readers ignore it. Later tags with the same
 * key win, as in the dict MLflow builds from them.
 */
export function renderDatasetInputMeta(datasetIdValue: string, tags: readonly InputTag[]): string {
  const tagMap: Record<string, string> = {};
  for (const tag of tags) Object.defineProperty(tagMap, tag.key, { value: tag.value, enumerable: true, writable: true, configurable: true });
  return renderYaml({
    destination_id: datasetIdValue,
    destination_type: 'RUN',
    source_id: datasetIdValue,
    source_type: 'DATASET',
    tags: tagMap,
  });
}
