import { readFile } from 'node:fs/promises';
import type { MlflowClient } from '../../src/index.js';

/**
 * The places a hostile string goes in the hostile scenario. Each use either throws (an
 * MlflowError is a rejection; anything else is a failure) or succeeds, and then must read
 * back exactly what was written (`Mismatch` otherwise).
 */
export class Mismatch extends Error {}

export interface HostileContext {
  readonly client: MlflowClient;
  readonly experimentId: string;
  readonly runId: string;
  /** A small local file to log as an artifact. */
  readonly localFile: string;
  /** Where downloads go (outside the store, and left out of the snapshot). */
  readonly downloads: string;
}

export interface HostileUse {
  readonly name: string;
  run(context: HostileContext, input: string, index: number): Promise<void>;
}

function expectEqual(what: string, found: unknown, expected: unknown): void {
  if (found !== expected) throw new Mismatch(`${what} reads back as ${JSON.stringify(found)?.slice(0, 80)}, not as written`);
}

export const HOSTILE_USES: readonly HostileUse[] = [
  {
    name: 'metric key',
    async run({ client, runId }, input) {
      await client.logMetric(runId, input, 1.5);
      expectEqual('the metric', (await client.getMetricHistory(runId, input)).at(-1)?.value, 1.5);
    },
  },
  {
    name: 'param key',
    async run({ client, runId }, input) {
      await client.logParam(runId, input, 'v');
      expectEqual('the param', (await client.getRun(runId)).data.params[input], 'v');
    },
  },
  {
    name: 'param value',
    async run({ client, runId }, input, index) {
      await client.logParam(runId, `value.${index}`, input);
      expectEqual('the param value', (await client.getRun(runId)).data.params[`value.${index}`], input);
    },
  },
  {
    name: 'tag key',
    async run({ client, runId }, input) {
      await client.setTag(runId, input, 'v');
      expectEqual('the tag', (await client.getRun(runId)).data.tags[input], 'v');
    },
  },
  {
    name: 'tag value',
    async run({ client, runId }, input, index) {
      await client.setTag(runId, `value.${index}`, input);
      expectEqual('the tag value', (await client.getRun(runId)).data.tags[`value.${index}`], input);
    },
  },
  {
    name: 'experiment tag key',
    async run({ client, experimentId }, input) {
      await client.setExperimentTag(experimentId, input, 'v');
      expectEqual('the experiment tag', (await client.getExperiment(experimentId)).tags[input], 'v');
    },
  },
  {
    name: 'experiment name',
    async run({ client }, input) {
      const id = await client.createExperiment(input);
      expectEqual('the experiment name', (await client.getExperiment(id)).name, input);
      expectEqual('the experiment found by name', (await client.getExperimentByName(input))?.experimentId, id);
    },
  },
  {
    name: 'run name',
    async run({ client, experimentId }, input) {
      const run = await client.createRun(experimentId, { runName: input });
      const read = await client.getRun(run.info.runId);
      // An empty name asks for a random one, as in MLflow.
      const expected = input === '' ? run.info.runName : input;
      expectEqual('the run name', read.info.runName, expected);
      expectEqual('the run name tag', read.data.tags['mlflow.runName'], expected);
    },
  },
  {
    name: 'artifact file',
    async run({ client, runId, downloads }, input) {
      await client.logText(runId, 'hostile', input);
      expectEqual('the artifact', await readFile(await client.downloadArtifacts(runId, input, downloads), 'utf8'), 'hostile');
    },
  },
  {
    name: 'artifact folder',
    async run({ client, runId, localFile }, input) {
      await client.logArtifact(runId, localFile, input);
      const listed = await client.listArtifacts(runId, input);
      expectEqual('the logged file', listed.some((f) => f.path.endsWith('/local.txt') || f.path === 'local.txt'), true);
    },
  },
  {
    name: 'artifact listing',
    async run({ client, runId }, input) {
      await client.listArtifacts(runId, input);
    },
  },
  {
    name: 'registered model name',
    async run({ client }, input) {
      await client.registry.createRegisteredModel(input);
      expectEqual('the model name', (await client.registry.getRegisteredModel(input)).name, input);
    },
  },
  {
    name: 'registered model tag key',
    async run({ client }, input, index) {
      const name = `tagged-${index}`;
      await client.registry.createRegisteredModel(name);
      await client.registry.setRegisteredModelTag(name, input, 'v');
      expectEqual('the model tag', (await client.registry.getRegisteredModel(name)).tags[input], 'v');
    },
  },
];
