/** Size limits MLflow's stores enforce (mlflow/utils/validation.py), counted in code points. */
export const LIMITS = {
  entityKey: 250,
  paramValue: 6000,
  tagValue: 8000,
  experimentName: 500,
  experimentTagKey: 250,
  experimentTagValue: 20000,
  artifactLocation: 2048,
  batchMetrics: 1000,
  batchParamsOrTags: 100,
  batchEntities: 1000,
  searchMaxResults: 50000,
} as const;

/** Length in code points, as Python's len(str) counts. */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** The first `limit` code points of `text` (Python's text[:limit]). */
export function truncateCodePoints(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return Array.from(text).slice(0, limit).join('');
}
