import type { Run, ViewType } from '../entities/index.js';
import { ResourceNotFoundError } from '../errors/index.js';
import { MlflowClient } from '../client/mlflow-client.js';

export interface FindRunsOptions {
  /** Search the experiment with this name (active or deleted). */
  experimentName?: string;
  /** Or these experiments by id. Without either, every active experiment is searched. */
  experimentIds?: readonly string[];
  /** An MLflow filter string, e.g. "metrics.acc > 0.9 AND params.model = 'rf'". */
  filter?: string;
  orderBy?: readonly string[];
  viewType?: ViewType;
  /** At most this many runs (all by default). */
  maxResults?: number;
}

/**
 * Opens a store and returns the matching runs in one call, every page walked: the short
 * reader for scripts and test suites.
 *
 * @example
 * const [best] = await findRuns('mlruns', { experimentName: 'demo', filter: 'metrics.acc > 0.9', orderBy: ['metrics.acc DESC'] });
 */
export async function findRuns(store: string | MlflowClient, options: FindRunsOptions = {}): Promise<Run[]> {
  const client = typeof store === 'string' ? new MlflowClient(store) : store;
  let experimentIds = options.experimentIds;
  if (options.experimentName !== undefined) {
    const experiment = await client.getExperimentByName(options.experimentName);
    if (experiment === null) {
      throw new ResourceNotFoundError(`No experiment named '${options.experimentName}' in ${client.root}. Check the name, or list the store's experiments.`);
    }
    experimentIds = [experiment.experimentId];
  }
  if (experimentIds === undefined) {
    experimentIds = (await client.searchExperiments({ maxResults: 50_000 })).experiments.map((e) => e.experimentId);
  }
  const limit = options.maxResults ?? Infinity;
  const runs: Run[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.searchRuns(experimentIds, options.filter, {
      runViewType: options.viewType,
      orderBy: options.orderBy,
      maxResults: Math.min(50_000, limit - runs.length),
      pageToken,
    });
    runs.push(...page.runs);
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined && runs.length < limit);
  return runs;
}
