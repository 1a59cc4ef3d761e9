import type { FlavorConfig } from '../format/mlmodel.js';

/** What a flavor's loader may need from the caller: the class or library that can rebuild the model. */
export interface LoadModelOptions {
  /** For `mljs` models: the class whose static `load(json)` rebuilds them (e.g. `RandomForestClassifier`). */
  readonly modelClass?: { load(json: unknown): unknown; readonly name?: string };
  /** For `tfjs` models: the TensorFlow.js module (anything with `loadLayersModel`). */
  readonly tf?: { loadLayersModel(handler: unknown): Promise<unknown> };
  /** Load with this flavor instead of the first known one the MLmodel file lists. */
  readonly flavor?: ModelFlavor;
}

/**
 * How one kind of model is written into an MLflow model directory and read back. mlruns ships
 * `mljsFlavor` and `tfjsFlavor`; a custom flavor can be passed to logModel and loadModel.
 *
 * @example
 * const jsonFlavor: ModelFlavor = {
 *   name: 'json',
 *   accepts: (model) => typeof model === 'object',
 *   async save(model, dir) { await writeFile(join(dir, 'model.json'), JSON.stringify(model)); return { data: 'model.json' }; },
 *   async load(dir) { return JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')); },
 * };
 */
export interface ModelFlavor {
  /** The key under `flavors:` in the MLmodel file. */
  readonly name: string;
  /** True when this flavor can save `model`; used to pick a flavor when none is given. */
  accepts(model: unknown): boolean;
  /** Writes the model's files into the empty folder `dir` and returns its MLmodel entry. */
  save(model: unknown, dir: string): Promise<FlavorConfig>;
  /** Rebuilds the model from `dir`, given its MLmodel entry. */
  load(dir: string, config: Readonly<Record<string, unknown>>, options: LoadModelOptions): Promise<unknown>;
}
