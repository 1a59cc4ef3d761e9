import type { Experiment } from '../entities/index.js';
import { asMapping, lifecycleStage, optionalMillis, requiredText } from './meta-fields.js';
import { renderYaml } from './yaml/index.js';

/** An experiment as its meta.yaml describes it; tags live in tags/ and are read separately. */
export type ExperimentMeta = Omit<Experiment, 'tags'>;

/**
 * Reads an experiment meta.yaml. Legacy integer ids (also beyond 2^53) become their exact
 * decimal text; times are null in stores older than MLflow 1.29; the `tags` key some versions
 * dump is ignored, as MLflow ignores it.
 */
export function parseExperimentMeta(parsed: unknown, deletedFolder: boolean): ExperimentMeta {
  const meta = asMapping(parsed, 'experiment');
  return {
    experimentId: requiredText(meta, 'experiment_id'),
    name: requiredText(meta, 'name'),
    artifactLocation: requiredText(meta, 'artifact_location'),
    lifecycleStage: lifecycleStage(meta, deletedFolder ? 'deleted' : 'active'),
    creationTime: optionalMillis(meta, 'creation_time'),
    lastUpdateTime: optionalMillis(meta, 'last_update_time'),
  };
}

/**
 * Writes an experiment meta.yaml with the keys current MLflow (3.17) writes. On rename,
 * delete and restore MLflow dumps the whole entity, tags included, so `withTags` reproduces
 * those bytes; creation leaves them out.
 */
export function renderExperimentMeta(experiment: Experiment, withTags: boolean): string {
  const fields: Record<string, unknown> = {
    artifact_location: experiment.artifactLocation,
    creation_time: experiment.creationTime,
    effective_trace_archival_retention: null,
    experiment_id: experiment.experimentId,
    last_update_time: experiment.lastUpdateTime,
    lifecycle_stage: experiment.lifecycleStage,
    name: experiment.name,
    trace_location: null,
    workspace: 'default',
  };
  if (withTags) fields.tags = { ...experiment.tags };
  return renderYaml(fields);
}
