import { MlflowClient } from '../../src/index.js';
import { dumpWithMlflow } from '../../test/helpers/mlflow.js';
import { readWholeStore } from './store-check.js';

/**
 * Has Python MLflow 3 (the pinned compatibility venv, see compat/) read a store, and compares
 * what it lists with what this library lists: the same experiments and runs, and the same
 * number of lines in every metric history. Returns the differences, [] when none.
 */
export async function pythonReadProblems(root: string): Promise<string[]> {
  let dump;
  try {
    dump = await dumpWithMlflow(root, '3');
  } catch (error) {
    return [`Python MLflow could not read the store: ${(error as Error).message.split('\n').slice(0, 8).join(' | ')}`];
  }
  const client = new MlflowClient(root);
  const ours = await readWholeStore(client);
  const problems: string[] = [];
  const theirExperiments = dump.experiments.map((e) => e.experimentId).sort();
  const ourExperiments = ours.experiments.map((e) => e.experimentId).sort();
  if (theirExperiments.join() !== ourExperiments.join()) problems.push(`Python MLflow lists experiments ${theirExperiments.join(', ')}; we list ${ourExperiments.join(', ')}`);
  const ourRuns = new Map(ours.runs.map((run) => [run.info.runId, run]));
  for (const run of dump.experiments.flatMap((e) => e.runs)) {
    const mine = ourRuns.get(run.info.runId);
    if (mine === undefined) {
      problems.push(`Python MLflow lists run ${run.info.runId}, which we do not`);
      continue;
    }
    ourRuns.delete(run.info.runId);
    for (const [key, history] of Object.entries(run.metricHistory)) {
      const count = (await client.getMetricHistory(run.info.runId, key)).length;
      if (count !== history.length) problems.push(`run ${run.info.runId} metric '${key}': Python MLflow reads ${history.length} lines, we read ${count}`);
    }
  }
  for (const id of ourRuns.keys()) problems.push(`we list run ${id}, which Python MLflow does not`);
  return problems;
}
