import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidParameterError } from '../errors/index.js';
import { describe } from '../validation/index.js';
import type { ModelFlavor } from './flavor.js';

/**
 * The `tfjs` flavor: TensorFlow.js layers models, saved through a `tf.io` handler of our own
 * into `model.json` + `weights.bin`, the layout TensorFlow.js's own `file://` handler writes
 * (so `tf.loadLayersModel('file://…/model.json')` in tfjs-node and the tensorflowjs converter
 * read it too). No native binding is involved; mlruns does not import TensorFlow.js.
 */

const MODEL_JSON = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

/** The parts of tf.io.ModelArtifacts that a layers model hands its save handler. */
interface ModelArtifacts {
  readonly modelTopology?: unknown;
  readonly weightSpecs?: unknown[];
  readonly weightData?: ArrayBuffer | ArrayBuffer[];
  readonly format?: string;
  readonly generatedBy?: string;
  readonly convertedBy?: string | null;
  readonly trainingConfig?: unknown;
  readonly userDefinedMetadata?: unknown;
  readonly signature?: unknown;
  readonly modelInitializer?: unknown;
}

interface LayersModelLike {
  save(handler: { save(artifacts: ModelArtifacts): Promise<unknown> }): Promise<unknown>;
  readonly layers: unknown[];
}

function isLayersModel(model: unknown): model is LayersModelLike {
  return typeof model === 'object' && model !== null && typeof (model as LayersModelLike).save === 'function' && Array.isArray((model as LayersModelLike).layers);
}

function weightBytes(data: ArrayBuffer | ArrayBuffer[] | undefined): Buffer {
  if (data === undefined) return Buffer.alloc(0);
  return Buffer.concat((Array.isArray(data) ? data : [data]).map((buffer) => Buffer.from(buffer)));
}

/**
 * The `tfjs` flavor (see the module comment): `model.json` + `weights.bin`, loaded back with
 * the TensorFlow.js module the caller passes.
 * @example
 * await logModel(net, 'net');                        // picked automatically for layers models
 * const again = await loadModel<tf.LayersModel>(uri, { tf });
 */
export const tfjsFlavor: ModelFlavor = {
  name: 'tfjs',
  accepts: isLayersModel,
  async save(model, dir) {
    if (!isLayersModel(model)) throw new InvalidParameterError(`The tfjs flavor saves TensorFlow.js layers models; got ${describe(model)}.`);
    let saved: ModelArtifacts | undefined;
    await model.save({
      async save(artifacts) {
        const weights = weightBytes(artifacts.weightData);
        const { weightSpecs, weightData: _data, ...rest } = artifacts;
        const modelJson = { ...rest, weightsManifest: [{ paths: [WEIGHTS_FILE], weights: weightSpecs ?? [] }] };
        const text = JSON.stringify(modelJson);
        await writeFile(join(dir, MODEL_JSON), text, 'utf8');
        await writeFile(join(dir, WEIGHTS_FILE), weights);
        saved = artifacts;
        return {
          modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', modelTopologyBytes: text.length, weightDataBytes: weights.length },
        };
      },
    });
    return {
      data: MODEL_JSON,
      format: saved?.format ?? 'layers-model',
      generated_by: saved?.generatedBy ?? null,
      weights: WEIGHTS_FILE,
    };
  },
  async load(dir, config, options) {
    if (options.tf === undefined || typeof options.tf.loadLayersModel !== 'function') {
      throw new InvalidParameterError(
        `This model was logged with the tfjs flavor; pass the TensorFlow.js module to load it, for example loadModel(uri, { tf }) after \`import * as tf from '@tensorflow/tfjs'\`.`,
      );
    }
    const modelJson = JSON.parse(await readFile(join(dir, String(config.data ?? MODEL_JSON)), 'utf8')) as ModelArtifacts & {
      weightsManifest?: { paths: string[]; weights: unknown[] }[];
    };
    const manifest = modelJson.weightsManifest ?? [];
    const buffers = await Promise.all(manifest.flatMap((group) => group.paths).map((path) => readFile(join(dir, path))));
    const weights = Buffer.concat(buffers);
    const { weightsManifest: _manifest, ...rest } = modelJson;
    const artifacts: ModelArtifacts = {
      ...rest,
      weightSpecs: manifest.flatMap((group) => group.weights),
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    };
    return options.tf.loadLayersModel({ load: async () => artifacts });
  },
};
