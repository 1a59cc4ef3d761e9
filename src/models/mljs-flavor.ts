import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidParameterError } from '../errors/index.js';
import { describe } from '../validation/index.js';
import type { LoadModelOptions, ModelFlavor } from './flavor.js';

const DATA_FILE = 'model.json';

interface MlJsModel {
  toJSON(): unknown;
  constructor: { name: string; load?: unknown };
}

function isMlJsModel(model: unknown): model is MlJsModel {
  if (typeof model !== 'object' || model === null) return false;
  const candidate = model as Partial<MlJsModel>;
  return typeof candidate.toJSON === 'function' && typeof (candidate.constructor as { load?: unknown } | undefined)?.load === 'function';
}

/**
 * The `mljs` flavor: models of the ml.js family and anything else with `toJSON()` and a static
 * `load(json)` on its class. The JSON goes to `model.json`; MLmodel records the class name and
 * the model's own `name` field (ml.js models carry one, e.g. `RFClassifier`).
 *
 * @example
 * await logModel(forest, 'model');                                   // picked automatically
 * const again = await loadModel(uri, { modelClass: RandomForestClassifier });
 */
export const mljsFlavor: ModelFlavor = {
  name: 'mljs',
  accepts: isMlJsModel,
  async save(model, dir) {
    if (!isMlJsModel(model)) throw new InvalidParameterError(`The mljs flavor saves models with toJSON() and a static load(json); got ${describe(model)}.`);
    const json = model.toJSON();
    await writeFile(join(dir, DATA_FILE), JSON.stringify(json), 'utf8');
    const modelName = (json as { name?: unknown } | null)?.name;
    return { class_name: model.constructor.name, data: DATA_FILE, ...(typeof modelName === 'string' ? { model_name: modelName } : {}) };
  },
  async load(dir, config, options: LoadModelOptions) {
    const modelClass = options.modelClass;
    if (modelClass === undefined || typeof modelClass.load !== 'function') {
      throw new InvalidParameterError(
        `This model was logged with the mljs flavor (class ${String(config.class_name)}); pass the class that can load it, ` +
          `for example loadModel(uri, { modelClass: ${String(config.class_name)} }).`,
      );
    }
    const json = JSON.parse(await readFile(join(dir, String(config.data ?? DATA_FILE)), 'utf8')) as unknown;
    return modelClass.load(json);
  },
};
