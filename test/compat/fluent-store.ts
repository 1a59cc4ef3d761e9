/**
 * A store written through the fluent API the way a training script writes one: a parent run
 * with params, metrics, a dataset input and every kind of artifact, and a nested child run
 * with another input and no params (so git drops its params/ folder).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  logArtifact,
  logArtifacts,
  logDict,
  logImage,
  logInput,
  logMetric,
  logParam,
  logTable,
  logText,
  setExperiment,
  setTrackingUri,
  withRun,
} from '../../src/index.js';
import { resetFluentState } from '../../src/fluent/state.js';
import { PNG } from '../helpers/png.js';

export const DATASET = {
  name: 'iris',
  digest: '3a5b1c2d',
  sourceType: 'local',
  source: { uri: 'data/iris.csv' },
  schema: { mlflow_colspec: [{ type: 'double', name: 'x' }] },
  profile: { num_rows: 150 },
};

/** logDict values, stored under dicts/. */
export const DICTS = {
  'dicts/config.json': { lr: 0.01, layers: [64, 32], name: 'naïve', ok: true, none: null },
  'dicts/config.yaml': { lr: 1e-7, layers: [64, 32], flag: 'yes', version: '1.0', nested: { a: 1.5 }, empty: [] },
};

export interface FluentStore {
  readonly ids: { parent: string; child: string };
}

export async function writeFluentStore(root: string, scratch: string): Promise<FluentStore> {
  await mkdir(join(scratch, 'tree', 'sub', 'empty'), { recursive: true });
  await writeFile(join(scratch, 'weights.bin'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  await writeFile(join(scratch, 'tree', 'a.txt'), 'a');
  await writeFile(join(scratch, 'tree', 'sub', 'b.txt'), 'bb');
  resetFluentState();
  setTrackingUri(root);
  await setExperiment('fluent-compat');
  const ids = { parent: '', child: '' };
  await withRun({ runName: 'parent', description: 'the whole sweep' }, async (parent) => {
    ids.parent = parent.info.runId;
    logParam('lr', 0.01);
    for (let step = 0; step < 20; step += 1) logMetric('loss', 1 / (step + 1), { step });
    logInput(DATASET, { context: 'train' });
    await logArtifact(join(scratch, 'weights.bin'), 'model');
    await logArtifacts(join(scratch, 'tree'), 'data');
    logText('héllo\nwörld\n', 'notes/readme.txt');
    for (const [file, value] of Object.entries(DICTS)) logDict(value, file);
    logImage(PNG, 'plots/dot.png');
    logTable({ prompt: ['2+2', 'ñ'], score: [0.5, 1] }, 'tables/eval.json');
    await withRun({ runName: 'child', nested: true }, (child) => {
      ids.child = child.info.runId;
      logInput(DATASET, { context: 'eval' });
      logMetric('acc', 0.9);
      logText('child', 'child.txt');
    });
  });
  resetFluentState();
  return { ids };
}
