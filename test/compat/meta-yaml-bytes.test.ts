/**
 * Compatibility check 3 (issue 2): for the same content, our meta.yaml files are byte-identical
 * to MLflow's, in both directions.
 *
 * Our writer targets MLflow 3.17's experiment meta (with `workspace`, `trace_location`,
 * `effective_trace_archival_retention`) and MLflow 3's run meta plus `run_uuid`, which is
 * exactly MLflow 2.x's run meta. So experiments are compared with MLflow 3, runs with MLflow 2
 * byte for byte and with MLflow 3 apart from the `run_uuid` line. MLflow 2's experiment meta
 * (no workspace keys) is a format we read but do not write.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlflowClient } from '../../src/index.js';
import { renderExperimentMeta } from '../../src/format/experiment-meta.js';
import { renderRunMeta } from '../../src/format/run-meta.js';
import { parseYaml } from '../../src/format/yaml/index.js';
import { type MlflowVersion, rewriteMetaWithMlflow } from '../helpers/mlflow.js';
import { loadScenario } from '../helpers/scenario.js';
import { namer, report } from './compare.js';
import {
  type BuiltStore,
  type MetaFile,
  firstDifference,
  memoize,
  metaFiles,
  removeStores,
  storeWrittenByMlflow,
  storeWrittenByUs,
  withoutRunUuid,
} from './stores.js';

const scenario = loadScenario('rich');
const SLOW = 120_000;

afterAll(removeStores);

interface Comparison {
  version: MlflowVersion;
  kind: MetaFile['kind'];
  /** Turns our bytes into what this MLflow version writes for the same content. */
  adjustOurs: (text: string) => string;
  note: string;
}

const same = (text: string): string => text;
const COMPARISONS: Comparison[] = [
  { version: '3', kind: 'experiment', adjustOurs: same, note: '' },
  { version: '3', kind: 'run', adjustOurs: withoutRunUuid, note: ', apart from the run_uuid line MLflow 3 no longer writes' },
  { version: '2', kind: 'run', adjustOurs: same, note: '' },
];

/** The tags snapshot MLflow dumps into an experiment meta.yaml on rename/delete/restore. */
function tagsSnapshot(text: string): Record<string, string> | undefined {
  const parsed = parseYaml(text) as { tags?: Record<string, string> } | null;
  return parsed?.tags;
}

async function rerenderedByUs(client: MlflowClient, file: MetaFile, text: string): Promise<string> {
  if (file.kind === 'run') return renderRunMeta((await client.getRun(file.id)).info);
  const experiment = await client.getExperiment(file.id);
  // The snapshot in the file can be stale (tags changed after the rename); MLflow ignores it
  // on read, so the entity carries the tags/ folder's tags. Render the snapshot the file holds.
  const snapshot = tagsSnapshot(text);
  return renderExperimentMeta({ ...experiment, tags: snapshot ?? experiment.tags }, snapshot !== undefined);
}

const mlflowStore = memoize((version: MlflowVersion) => storeWrittenByMlflow(scenario, version));

describe('meta.yaml files MLflow wrote', () => {
  for (const { version, kind, adjustOurs, note } of COMPARISONS) {
    it(`are re-rendered by our codec to MLflow ${version}'s bytes (${kind} meta, from the entity our client reads)${note}`, async () => {
      const store = await mlflowStore(version);
      const client = new MlflowClient(store.root);
      const name = namer(store.ids);
      const files = (await metaFiles(store.root)).filter((f) => f.kind === kind);
      expect(files.length).toBeGreaterThan(0);
      const differences: string[] = [];
      for (const file of files) {
        const original = await readFile(join(store.root, file.path));
        let ours: string;
        try {
          ours = adjustOurs(await rerenderedByUs(client, file, original.toString('utf8')));
        } catch (error) {
          differences.push(`${kind} ${name(file.id)}: could not be read and re-rendered: ${String(error)}`);
          continue;
        }
        if (!Buffer.from(ours, 'utf8').equals(original)) {
          differences.push(`${kind} ${name(file.id)} (${file.path}): ${firstDifference(original.toString('utf8'), ours)}`);
        }
      }
      expect(report(differences)).toBe('');
    }, SLOW);
  }
});

describe('meta.yaml files our client wrote', () => {
  let store: BuiltStore;
  const rewritten = memoize((version: MlflowVersion) => rewriteMetaWithMlflow(store.root, version));
  beforeAll(async () => {
    store = await storeWrittenByUs(scenario);
  });

  for (const { version, kind, adjustOurs, note } of COMPARISONS) {
    it(`are re-serialized by MLflow ${version} to the same bytes (${kind} meta)${note}`, async () => {
      const theirFiles = await rewritten(version);
      const name = namer(store.ids);
      const files = (await metaFiles(store.root)).filter((f) => f.kind === kind);
      expect(files.length).toBeGreaterThan(0);
      const differences: string[] = [];
      for (const file of files) {
        const theirs = theirFiles.get(file.path);
        if (theirs?.bytes === undefined) {
          differences.push(`${kind} ${name(file.id)}: MLflow ${version} could not read it: ${theirs?.error ?? 'not found by rewrite_meta.py'}`);
          continue;
        }
        const ours = adjustOurs((await readFile(join(store.root, file.path))).toString('utf8'));
        if (!Buffer.from(ours, 'utf8').equals(theirs.bytes)) {
          differences.push(`${kind} ${name(file.id)} (${file.path}): ${firstDifference(theirs.bytes.toString('utf8'), ours)}`);
        }
      }
      expect(report(differences)).toBe('');
    }, SLOW);
  }
});
