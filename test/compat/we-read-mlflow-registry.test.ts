/**
 * We read the model registry Python MLflow 3.17.2 wrote (fixtures/registry, made by
 * compat/py/build_registry.py) exactly as MLflow 3 and 2 read it, and load the model it
 * registered, by alias and by version, from the moved store.
 */
import { Matrix } from 'ml-matrix';
import LogisticRegression from 'ml-logistic-regression';
import { describe, expect, it } from 'vitest';
import { MlflowClient, loadModelWith, modelDirectory } from '../../src/index.js';
import { readMlmodel } from '../../src/models/load-model.js';
import { copyFixture, fixtureInfo } from '../helpers/fixtures.js';
import type { StoreDump } from '../helpers/mlflow.js';
import { diffDumps, report } from './compare.js';
import { dumpWithClient } from './our-dump.js';
import { readRegistryWithClient, type RegistryRead } from './registry-read.js';

const info = fixtureInfo('registry');

describe.each(['3', '2'] as const)('reading the registry MLflow 3.17.2 wrote, as MLflow %s reads it', (version) => {
  it('gives the same registered models, versions, stages, aliases, tags, sources and descriptions', async () => {
    const client = new MlflowClient(await copyFixture('registry'));
    const expected = info.registryReads![version] as RegistryRead;
    const ours = await readRegistryWithClient(client);
    expect(ours.registeredModels).toEqual(expected.registeredModels);
    expect(ours.modelVersions).toEqual(expected.modelVersions);
    expect(ours.aliasLookups).toEqual(expected.aliasLookups);
  });

  it('reads the run that logged the model as MLflow does, the models/ folder being no experiment', async () => {
    const ours = await dumpWithClient(new MlflowClient(await copyFixture('registry')));
    expect(report(diffDumps(info.mlflowReads[version] as StoreDump, ours, info.ids, [`MLflow ${version}`, 'ours']))).toBe('');
  });
});

describe('the model MLflow registered', () => {
  it('loads by alias and by version, from the store that was moved since, and predicts', async () => {
    const client = new MlflowClient(await copyFixture('registry'));
    for (const uri of ['models:/toy@champion', 'models:/toy/2', 'models:/toy/Production', `runs:/${info.ids.run}/model`]) {
      const model = (await loadModelWith(client, uri, { modelClass: LogisticRegression })) as LogisticRegression;
      expect(model.predict(new Matrix([[1, 0], [0, 1]]))).toEqual([0, 1]);
    }
  });

  it('reads the MLmodel file MLflow wrote: flavor, run, path and signature', async () => {
    const client = new MlflowClient(await copyFixture('registry'));
    const mlmodel = await readMlmodel(await modelDirectory(client, 'models:/toy@champion'));
    expect(mlmodel).toMatchObject({
      flavors: { mljs: { class_name: 'LogisticRegression', data: 'model.json', model_name: 'LogisticRegression' } },
      runId: info.ids.run,
      artifactPath: 'model',
      signature: {
        inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 2]}}]',
        outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]',
      },
    });
  });

  it('leaves the prompt out of model searches, as MLflow does', async () => {
    const client = new MlflowClient(await copyFixture('registry'));
    const { registeredModels } = await client.registry.searchRegisteredModels();
    expect(registeredModels.map((m) => m.name)).toEqual(['new-name', 'toy']);
    expect((await client.registry.getRegisteredModel('summarize')).tags['mlflow.prompt.is_prompt']).toBe('true');
  });
});
