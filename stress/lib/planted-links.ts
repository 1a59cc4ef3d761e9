import { mkdir, rename, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MlflowClient } from '../../src/index.js';
import type { HostileContext } from './hostile-uses.js';

/**
 * Symbolic links planted inside a store that point outside it, each with the calls that would
 * write (or read) through it. `outside` holds `secret.txt` and `folder/`.
 */
export interface PlantedLink {
  readonly name: string;
  /** Plants the link; returns the calls to try through it. */
  plant(context: HostileContext, root: string, outside: string): Promise<ReadonlyArray<readonly [string, () => Promise<unknown>]>>;
}

async function runDir(client: MlflowClient, runId: string): Promise<string> {
  const { info } = await client.getRun(runId);
  return join(client.root, info.experimentId, runId);
}

async function link(target: string, at: string): Promise<void> {
  await rm(at, { recursive: true, force: true });
  await mkdir(dirname(at), { recursive: true });
  await symlink(target, at);
}

export const PLANTED_LINKS: readonly PlantedLink[] = [
  {
    name: 'a metric file linked to a file outside',
    async plant({ client, experimentId }, _root, outside) {
      const runId = (await client.createRun(experimentId)).info.runId;
      await link(join(outside, 'secret.txt'), join(await runDir(client, runId), 'metrics', 'planted'));
      return [['logMetric', () => client.logMetric(runId, 'planted', 1)], ['logBatch', () => client.logBatch(runId, { metrics: [{ key: 'planted', value: 2 }] })]];
    },
  },
  {
    name: "a run's params folder linked to a folder outside",
    async plant({ client, experimentId }, _root, outside) {
      const runId = (await client.createRun(experimentId)).info.runId;
      await link(join(outside, 'folder'), join(await runDir(client, runId), 'params'));
      return [['logParam', () => client.logParam(runId, 'planted', 'v')]];
    },
  },
  {
    name: 'a tag file linked to a file outside',
    async plant({ client, experimentId }, _root, outside) {
      const runId = (await client.createRun(experimentId)).info.runId;
      const dir = await runDir(client, runId);
      await link(join(outside, 'secret.txt'), join(dir, 'tags', 'planted'));
      await link(join(outside, 'secret.txt'), join(dir, 'tags', 'planted2'));
      return [['setTag', () => client.setTag(runId, 'planted', 'v')], ['deleteTag', () => client.deleteTag(runId, 'planted2')]];
    },
  },
  {
    name: 'an artifact folder linked to a folder outside',
    async plant({ client, experimentId, localFile, downloads }, _root, outside) {
      const runId = (await client.createRun(experimentId)).info.runId;
      await link(join(outside, 'folder'), join(await runDir(client, runId), 'artifacts', 'linked'));
      return [
        ['logText', () => client.logText(runId, 'x', 'linked/x.txt')],
        ['logArtifact', () => client.logArtifact(runId, localFile, 'linked')],
        ['listArtifacts', () => client.listArtifacts(runId, 'linked')],
        ['downloadArtifacts', () => client.downloadArtifacts(runId, 'linked', downloads)],
      ];
    },
  },
  {
    name: "a run's whole artifacts folder linked to a folder outside",
    async plant({ client, experimentId }, _root, outside) {
      const runId = (await client.createRun(experimentId)).info.runId;
      await link(join(outside, 'folder'), join(await runDir(client, runId), 'artifacts'));
      return [['logText', () => client.logText(runId, 'x', 'through-root.txt')]];
    },
  },
  {
    name: "an experiment's tags folder linked to a folder outside",
    async plant({ client }, _root, outside) {
      const id = await client.createExperiment('linked tags');
      await link(join(outside, 'folder'), join(client.root, id, 'tags'));
      return [['setExperimentTag', () => client.setExperimentTag(id, 'planted', 'v')]];
    },
  },
  {
    name: 'a run folder that is a link to a copy outside',
    async plant({ client, experimentId }, _root, outside) {
      const runId = (await client.createRun(experimentId)).info.runId;
      const dir = await runDir(client, runId);
      await rename(dir, join(outside, 'run-copy'));
      await symlink(join(outside, 'run-copy'), dir);
      return [
        ['logMetric', () => client.logMetric(runId, 'm', 1)],
        ['setTag', () => client.setTag(runId, 't', 'v')],
        ['updateRun', () => client.updateRun(runId, { status: 'FAILED' })],
      ];
    },
  },
  {
    name: 'the .trash folder linked to a folder outside',
    async plant({ client }, root, outside) {
      const id = await client.createExperiment('to be trashed');
      await link(join(outside, 'trash'), join(root, '.trash'));
      await mkdir(join(outside, 'trash'), { recursive: true });
      return [['deleteExperiment', () => client.deleteExperiment(id)]];
    },
  },
];
