import type { Dataset, InputTag } from '../entities/index.js';
import { asMapping, requiredText, scalarText } from './meta-fields.js';

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
