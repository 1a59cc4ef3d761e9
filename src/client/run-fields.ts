import type { Ref, RunFilter, RunOrderBy } from '../search/index.js';
import type { RunFields } from '../store/tracking-store.js';

/**
 * The run fields a search reads: the metric, param and tag keys its filter and order_by name,
 * and the dataset inputs when it filters on datasets. Attributes come from meta.yaml, which is
 * always read.
 */
export function fieldsForSearch(filter: RunFilter | undefined, orderBy: readonly RunOrderBy[]): RunFields {
  const metrics = new Set<string>();
  const params = new Set<string>();
  const tags = new Set<string>();
  let inputs = false;
  const visit = (ref: Ref): void => {
    switch (ref.kind) {
      case 'metric':
        metrics.add(ref.key);
        return;
      case 'param':
        params.add(ref.key);
        return;
      case 'tag':
        tags.add(ref.key);
        return;
      case 'dataset':
        inputs = true;
        return;
      case 'attribute':
        return;
    }
  };
  for (const clause of filter?.clauses ?? []) visit(clause.target);
  for (const item of orderBy) visit(item.target);
  return { metrics, params, tags, inputs };
}
