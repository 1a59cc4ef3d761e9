import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlflowClient, checkStore } from '../../src/index.js';
import { copyFixture, fixtureInfo } from '../helpers/fixtures.js';
import { freshStorePath } from '../helpers/tmp.js';

const IRIS = { name: 'iris', digest: 'abc123', sourceType: 'local', source: { uri: 'iris.csv' } };

async function problemsAt(root: string): Promise<Array<{ code: string; path: string }>> {
  return (await checkStore(root)).problems.map((p) => ({ code: p.code, path: p.path }));
}

describe('checkStore on the meta.yaml files below runs, experiments and the registry', () => {
  it("reports a run input's empty meta.yaml and a dataset's unreadable one", async () => {
    const client = new MlflowClient(await freshStorePath());
    const runId = (await client.createRun('0')).info.runId;
    await client.logInputs(runId, [{ dataset: IRIS }]);
    const inputs = join(client.root, '0', runId, 'inputs');
    const [inputId] = await readdir(inputs);
    const datasets = join(client.root, '0', 'datasets');
    const [datasetId] = await readdir(datasets);
    await writeFile(join(inputs, inputId!, 'meta.yaml'), '');
    await writeFile(join(datasets, datasetId!, 'meta.yaml'), 'name: [unclosed');
    const at = (path: string) => relative(client.root, path).split('\\').join('/');
    expect(await problemsAt(client.root)).toEqual(
      expect.arrayContaining([
        { code: 'META_EMPTY', path: at(join(inputs, inputId!, 'meta.yaml')) },
        { code: 'META_INVALID', path: at(join(datasets, datasetId!, 'meta.yaml')) },
      ]),
    );
  });

  it("reports a registered model's empty meta.yaml and a version's unreadable one", async () => {
    const client = new MlflowClient(await freshStorePath());
    await client.registry.createRegisteredModel('iris');
    await client.registry.createRegisteredModel('wine');
    await client.registry.createModelVersion('wine', 'file:///tmp/model');
    await writeFile(join(client.root, 'models', 'iris', 'meta.yaml'), '');
    await writeFile(join(client.root, 'models', 'wine', 'version-1', 'meta.yaml'), 'version: [');
    expect(await problemsAt(client.root)).toEqual(
      expect.arrayContaining([
        { code: 'META_EMPTY', path: 'models/iris/meta.yaml' },
        { code: 'META_INVALID', path: 'models/wine/version-1/meta.yaml' },
      ]),
    );
  });

  it("reports an MLflow 3 logged model whose meta.yaml has no model_id, and no problem in an intact one", async () => {
    const root = await copyFixture('legacy');
    const { ids } = fixtureInfo('legacy');
    const modelMeta = `${ids.extras}/models/${ids.extras_model}/meta.yaml`;
    expect((await problemsAt(root)).filter((p) => p.path.includes('/models/'))).toEqual([]);
    await writeFile(join(root, modelMeta), (await readFile(join(root, modelMeta), 'utf8')).replace(/model_id: .*\n/, ''));
    const problems = (await checkStore(root)).problems.filter((p) => p.path === modelMeta);
    expect(problems).toEqual([
      { code: 'META_INVALID', path: modelMeta, message: `the meta.yaml of logged model ${ids.extras_model} cannot be read: required field 'model_id' is missing` },
    ]);
  });

  it('reports an MLflow 3 logged model whose meta.yaml names another experiment', async () => {
    const root = await copyFixture('legacy');
    const { ids } = fixtureInfo('legacy');
    const modelMeta = `${ids.extras}/models/${ids.extras_model}/meta.yaml`;
    await writeFile(join(root, modelMeta), (await readFile(join(root, modelMeta), 'utf8')).replace(/experiment_id: .*/, "experiment_id: '1'"));
    const problems = (await checkStore(root)).problems.filter((p) => p.path === modelMeta);
    expect(problems).toEqual([
      {
        code: 'ID_MISMATCH',
        path: modelMeta,
        message:
          `the meta.yaml says model_id '${ids.extras_model}' in experiment '1' but the folder is model '${ids.extras_model}' in experiment '${ids.extras}'; ` +
          'MLflow cannot open this model (and its gc stops on it once it is deleted). Fix the ids in the file',
      },
    ]);
  });
});
