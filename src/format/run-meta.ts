import { RUN_STATUSES, type RunInfo, type RunStatus } from '../entities/index.js';
import {
  MetaFormatError,
  asMapping,
  lifecycleStage,
  optionalMillis,
  requiredText,
  scalarText,
} from './meta-fields.js';
import { renderYaml } from './yaml/index.js';

/** Status as stored in a run meta.yaml: RUNNING = 1 ... KILLED = 5. */
export function statusToInt(status: RunStatus): number {
  return RUN_STATUSES.indexOf(status) + 1;
}

function statusFromMeta(value: unknown): RunStatus {
  if (value === undefined || value === null) return 'RUNNING';
  if (typeof value === 'number') {
    const status = RUN_STATUSES[value - 1];
    if (Number.isInteger(value) && status !== undefined) return status;
  }
  if (typeof value === 'string' && (RUN_STATUSES as readonly string[]).includes(value)) {
    return value as RunStatus;
  }
  throw new MetaFormatError(`field 'status' should be 1 to 5 (RUNNING ... KILLED), found ${JSON.stringify(value)}`);
}

/**
 * Reads a run meta.yaml in any MLflow version's shape: `run_uuid` only (0.x/1.x), no
 * `run_name` (<= 1.29), integer experiment ids, missing lifecycle_stage or status. The run
 * name may be empty here; the store then takes it from the `mlflow.runName` tag.
 */
export function parseRunMeta(parsed: unknown): RunInfo {
  const meta = asMapping(parsed, 'run');
  const runId = scalarText(meta, 'run_id') ?? scalarText(meta, 'run_uuid');
  if (runId === undefined) throw new MetaFormatError(`required field 'run_id' is missing`);
  return {
    runId,
    runName: scalarText(meta, 'run_name') ?? '',
    experimentId: requiredText(meta, 'experiment_id'),
    userId: scalarText(meta, 'user_id') ?? '',
    status: statusFromMeta(meta.status),
    startTime: optionalMillis(meta, 'start_time') ?? 0,
    endTime: optionalMillis(meta, 'end_time'),
    artifactUri: scalarText(meta, 'artifact_uri') ?? '',
    lifecycleStage: lifecycleStage(meta, 'active'),
    deletedTime: optionalMillis(meta, 'deleted_time'),
  };
}

/**
 * Writes a run meta.yaml with the keys MLflow 3 writes, plus `run_uuid` so that MLflow 2.x,
 * which requires it, reads our runs too. `deleted_time` is written only for deleted runs, as
 * MLflow's rewrites leave it out otherwise.
 */
export function renderRunMeta(info: RunInfo): string {
  const fields: Record<string, unknown> = {
    artifact_uri: info.artifactUri,
    end_time: info.endTime,
    entry_point_name: '',
    experiment_id: info.experimentId,
    lifecycle_stage: info.lifecycleStage,
    run_id: info.runId,
    run_name: info.runName,
    run_uuid: info.runId,
    source_name: '',
    source_type: 4,
    source_version: '',
    start_time: info.startTime,
    status: statusToInt(info.status),
    tags: [],
    user_id: info.userId,
  };
  if (info.lifecycleStage === 'deleted' && info.deletedTime !== null) fields.deleted_time = info.deletedTime;
  return renderYaml(fields);
}
