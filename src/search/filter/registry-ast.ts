/**
 * Filter and order_by trees of the model registry's searches (`search_registered_models`,
 * `search_model_versions`), built from the same node shapes as run and experiment filters.
 * What MLflow allows is encoded in the clause shapes: registered models filter on `name` and
 * tags; model versions on `name`, `run_id`, `source_path` (the version's source),
 * `version_number` (numeric) and tags; only `name` (and `run_id` for versions) take lists; there
 * is no IS NULL.
 */
import type { AttributeRef, Filter, ListComparison, NumericComparison, OrderBy, StringComparison, TagRef } from './ast.js';

export type RegisteredModelOrderAttribute = 'name' | 'creation_timestamp' | 'last_updated_timestamp';
export type ModelVersionStringAttribute = 'name' | 'run_id' | 'source_path';
export type ModelVersionOrderAttribute = 'name' | 'version_number' | 'creation_timestamp' | 'last_updated_timestamp';
export type RegistryAttribute = RegisteredModelOrderAttribute | ModelVersionStringAttribute | ModelVersionOrderAttribute;

export type RegisteredModelClause = StringComparison<TagRef | AttributeRef<'name'>> | ListComparison<AttributeRef<'name'>>;

export type ModelVersionClause =
  | StringComparison<TagRef | AttributeRef<ModelVersionStringAttribute>>
  | ListComparison<AttributeRef<'name' | 'run_id'>>
  | NumericComparison<AttributeRef<'version_number'>>;

export type RegisteredModelFilter = Filter<RegisteredModelClause>;
export type ModelVersionFilter = Filter<ModelVersionClause>;
export type RegisteredModelOrderBy = OrderBy<AttributeRef<RegisteredModelOrderAttribute>>;
export type ModelVersionOrderBy = OrderBy<AttributeRef<ModelVersionOrderAttribute>>;
