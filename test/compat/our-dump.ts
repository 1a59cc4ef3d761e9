/**
 * Our reader's view of a store, in exactly the shape compat/py/dump_store.py prints for
 * Python MLflow, so the two can be compared field by field.
 */
import type { Experiment, MlflowClient, Run } from '../../src/index.js';
import type { DumpExperiment, DumpRun, StoreDump } from '../helpers/mlflow.js';

const PAGE = 1000;

async function allExperiments(client: MlflowClient): Promise<Experiment[]> {
  const experiments: Experiment[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.searchExperiments({ viewType: 'ALL', maxResults: PAGE, ...(pageToken === undefined ? {} : { pageToken }) });
    experiments.push(...page.experiments);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return experiments;
}

async function allRuns(client: MlflowClient, experimentId: string): Promise<Run[]> {
  const runs: Run[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.searchRuns([experimentId], undefined, {
      runViewType: 'ALL',
      maxResults: PAGE,
      ...(pageToken === undefined ? {} : { pageToken }),
    });
    runs.push(...page.runs);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return runs;
}

async function runToDump(client: MlflowClient, run: Run): Promise<DumpRun> {
  const { info, data } = run;
  const metricHistory: DumpRun['metricHistory'] = {};
  for (const key of Object.keys(data.metrics)) {
    metricHistory[key] = (await client.getMetricHistory(info.runId, key)).map((m) => ({
      key: m.key,
      value: m.value,
      timestamp: m.timestamp,
      step: m.step,
      ...(m.datasetName ? { datasetName: m.datasetName, datasetDigest: m.datasetDigest ?? '' } : {}),
    }));
  }
  const datasetInputs = run.inputs.datasetInputs
    .map((input) => ({
      dataset: { ...input.dataset },
      tags: [...input.tags].map((t) => ({ key: t.key, value: t.value })).sort((a, b) => compareText(a.key, b.key)),
    }))
    .sort((a, b) => compareText(a.dataset.name, b.dataset.name) || compareText(a.dataset.digest, b.dataset.digest));
  return {
    info: {
      runId: info.runId,
      runName: info.runName,
      experimentId: info.experimentId,
      userId: info.userId,
      status: info.status,
      startTime: info.startTime,
      endTime: info.endTime,
      artifactUri: info.artifactUri,
      lifecycleStage: info.lifecycleStage,
    },
    data: { metrics: { ...data.metrics }, params: { ...data.params }, tags: { ...data.tags } },
    metricHistory,
    inputs: { datasetInputs },
  };
}

/** Code-point order, as Python sorts strings (JS `<` compares UTF-16 units). */
export function compareText(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) as number);
  const y = [...b].map((c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
}

/**
 * Everything our client reads from its store: experiments from searchExperiments (ALL),
 * runs from searchRuns (ALL), each run loaded again with getRun, and metric histories.
 * Throws when searchRuns and getRun disagree about a run, as the Python dump does.
 */
export async function dumpWithClient(client: MlflowClient): Promise<StoreDump> {
  const experiments: DumpExperiment[] = [];
  for (const experiment of (await allExperiments(client)).sort((a, b) => compareText(a.experimentId, b.experimentId))) {
    const runs: DumpRun[] = [];
    for (const listed of (await allRuns(client, experiment.experimentId)).sort((a, b) => compareText(a.info.runId, b.info.runId))) {
      const fetched = await runToDump(client, await client.getRun(listed.info.runId));
      const searched = await runToDump(client, listed);
      if (!sameJson(fetched, searched)) {
        throw new Error(`our searchRuns and getRun disagree on run ${listed.info.runId}:\n  search: ${show(searched)}\n  get:    ${show(fetched)}`);
      }
      runs.push(fetched);
    }
    experiments.push({
      experimentId: experiment.experimentId,
      name: experiment.name,
      artifactLocation: experiment.artifactLocation,
      lifecycleStage: experiment.lifecycleStage,
      creationTime: experiment.creationTime,
      lastUpdateTime: experiment.lastUpdateTime,
      tags: { ...experiment.tags },
      runs,
    });
  }
  return { experiments };
}

/** JSON text that keeps NaN, infinities and -0 apart (JSON.stringify would not). */
export function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'number') return v;
    if (Number.isNaN(v)) return 'NaN';
    if (v === Number.POSITIVE_INFINITY) return 'Infinity';
    if (v === Number.NEGATIVE_INFINITY) return '-Infinity';
    if (Object.is(v, -0)) return '-0.0';
    return v;
  });
}

function sameJson(a: unknown, b: unknown): boolean {
  return show(a) === show(b);
}
