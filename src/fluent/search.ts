import type { ViewType } from '../entities/index.js';
import { ResourceNotFoundError } from '../errors/index.js';
import { findRuns } from '../reader/find-runs.js';
import { runsToRecords, type RunRecord } from '../reader/run-records.js';
import { activeExperimentId } from './experiments.js';
import { fluentClient } from './state.js';

export interface FluentSearchRunsOptions {
  /** Default: the active experiment (or the one $MLFLOW_EXPERIMENT_NAME / _ID names, else '0'). */
  readonly experimentIds?: readonly string[];
  /** Experiments by name, added to experimentIds; an unknown name is an error. */
  readonly experimentNames?: readonly string[];
  readonly filterString?: string;
  readonly runViewType?: ViewType;
  /** At most this many runs (default 100000, as in MLflow). */
  readonly maxResults?: number;
  readonly orderBy?: readonly string[];
}

/**
 * Runs matching an MLflow filter, in MLflow's order, across every page, as flat records: the
 * rows of the DataFrame `mlflow.search_runs` returns (`run_id`, `status`, `start_time`, ...,
 * `metrics.<key>`, `params.<key>`, `tags.<key>`). For Run objects use `client.searchRuns`.
 *
 * @example
 * const best = await searchRuns({ filterString: 'metrics.acc > 0.9', orderBy: ['metrics.acc DESC'], maxResults: 5 });
 * best[0]?.['metrics.acc']; // 0.97
 */
export async function searchRuns(options: FluentSearchRunsOptions = {}): Promise<RunRecord[]> {
  const client = fluentClient();
  const experimentIds = [...(options.experimentIds ?? [])];
  for (const name of options.experimentNames ?? []) {
    const experiment = await client.getExperimentByName(name);
    if (experiment === null) throw new ResourceNotFoundError(`Could not find an experiment named '${name}'. Check the name, or search experiments to list them.`);
    experimentIds.push(experiment.experimentId);
  }
  if (options.experimentIds === undefined && options.experimentNames === undefined) experimentIds.push(await activeExperimentId(client));
  const runs = await findRuns(client, {
    experimentIds,
    filter: options.filterString,
    orderBy: options.orderBy,
    viewType: options.runViewType,
    maxResults: options.maxResults ?? 100_000,
  });
  return runsToRecords(runs);
}
