import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MlflowClient } from '../client/mlflow-client.js';
import { InvalidParameterError } from '../errors/index.js';
import { MLMODEL_FILE, appendModelHistory, renderMlmodel, utcTimeText, type FlavorConfig, type MlmodelFields } from '../format/mlmodel.js';
import type { YamlValue } from '../format/yaml/index.js';
import { artifactPathSegments } from '../validation/artifact-paths.js';
import { describe } from '../validation/index.js';
import type { ModelFlavor } from './flavor.js';
import { encodeInputExample } from './input-example.js';
import { mljsFlavor } from './mljs-flavor.js';
import { registerModelWith } from './register.js';
import { inferSignature, signatureText, type ModelSignature } from './signature.js';
import { tfjsFlavor } from './tfjs-flavor.js';

/** The flavors mlruns knows, in the order they are tried when none is given. @example BUILTIN_FLAVORS.map((f) => f.name) // ['tfjs', 'mljs'] */
export const BUILTIN_FLAVORS: readonly ModelFlavor[] = [tfjsFlavor, mljsFlavor];

/** The run tag MLflow appends a summary of every logged model to. @example JSON.parse(run.data.tags[MODEL_HISTORY_TAG]!) */
export const MODEL_HISTORY_TAG = 'mlflow.log-model.history';

export interface LogModelOptions {
  /** How to save the model; by default the first of tfjs, mljs that accepts it. */
  readonly flavor?: ModelFlavor;
  /** The model's signature; inferred from `inputExample` (inputs only) when that is given instead. */
  readonly signature?: ModelSignature;
  /** Example input saved beside the model (input_example.json and serving_input_example.json). */
  readonly inputExample?: unknown;
  /** Also registers the model as a new version of this registered model (created if needed). */
  readonly registeredModelName?: string;
  /** Free-form metadata stored in MLmodel. */
  readonly metadata?: Readonly<Record<string, YamlValue>>;
}

/** What logModel wrote, as MLflow's ModelInfo. */
export interface ModelInfo {
  readonly runId: string;
  readonly artifactPath: string;
  /** `runs:/<run_id>/<artifact_path>`. */
  readonly modelUri: string;
  readonly modelUuid: string;
  readonly utcTimeCreated: string;
  readonly flavors: Readonly<Record<string, FlavorConfig>>;
  readonly signature: ModelSignature | null;
  /** The version created when `registeredModelName` was given. */
  readonly registeredModelVersion?: string;
}

let version: string | undefined;
function mlrunsVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}

function chooseFlavor(model: unknown, flavor: ModelFlavor | undefined): ModelFlavor {
  if (flavor !== undefined) return flavor;
  const found = BUILTIN_FLAVORS.find((f) => f.accepts(model));
  if (found === undefined) {
    throw new InvalidParameterError(
      `logModel cannot tell how to save ${describe(model)}: it is neither a TensorFlow.js layers model nor an ml.js-style model ` +
        `(toJSON() plus a static load(json)). Pass { flavor } to save it another way.`,
    );
  }
  return found;
}

/**
 * Logs a model into a run's artifacts as an MLflow model directory: `MLmodel`, the flavor's
 * files, and the input example; records it in the run's `mlflow.log-model.history` tag; and
 * registers it when asked. The directory lives at `artifacts/<artifactPath>/` of the run, the
 * MLflow 2 layout that MLflow 3 still reads through `runs:/` URIs and registers from.
 *
 * @example const info = await logModelToRun(client, runId, forest, 'model', { registeredModelName: 'iris' });
 */
export async function logModelToRun(client: MlflowClient, runId: string, model: unknown, artifactPath: string, options: LogModelOptions = {}): Promise<ModelInfo> {
  const segments = artifactPathSegments(artifactPath, 'artifact path');
  if (segments.length === 0) throw new InvalidParameterError(`logModel needs an artifact path such as 'model'; got ${describe(artifactPath)}.`);
  const path = segments.join('/');
  const flavor = chooseFlavor(model, options.flavor);
  const signature = options.signature ?? (options.inputExample === undefined ? undefined : inferSignature(options.inputExample));
  const example = options.inputExample === undefined ? undefined : encodeInputExample(options.inputExample);
  const dir = await mkdtemp(join(tmpdir(), 'mlruns-model-'));
  try {
    const config = await flavor.save(model, dir);
    const fields: MlmodelFields = {
      runId, artifactPath: path, utcTimeCreated: utcTimeText(new Date()), modelUuid: randomUUID().replaceAll('-', ''),
      flavors: { [flavor.name]: config }, mlrunsVersion: mlrunsVersion(),
      ...(signature === undefined ? {} : { signature: signatureText(signature) }),
      ...(example === undefined ? {} : { savedInputExampleInfo: example.info }),
      ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
    };
    for (const [name, text] of Object.entries(example?.files ?? {})) await writeFile(join(dir, name), text, 'utf8');
    await writeFile(join(dir, MLMODEL_FILE), renderMlmodel(fields), 'utf8');
    await client.logArtifacts(runId, dir, path);
    const history = (await client.getRun(runId)).data.tags[MODEL_HISTORY_TAG];
    await client.setTag(runId, MODEL_HISTORY_TAG, appendModelHistory(history, fields));
    const modelUri = `runs:/${runId}/${path}`;
    const info: ModelInfo = { runId, artifactPath: path, modelUri, modelUuid: fields.modelUuid, utcTimeCreated: fields.utcTimeCreated, flavors: fields.flavors, signature: signature ?? null };
    if (options.registeredModelName === undefined) return info;
    const registered = await registerModelWith(client, modelUri, options.registeredModelName);
    return { ...info, registeredModelVersion: registered.version };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
