/**
 * The `MLmodel` file of an MLflow model directory, both ways, with no I/O. MLflow writes it with
 * `yaml.safe_dump(model.to_dict(), default_flow_style=False)` (mlflow/models/model.py); the
 * keys below are those `Model.to_dict()` gives in MLflow 3.17 for a model logged to a run's
 * artifacts (the MLflow 2 layout, `Model._log_v2`). Signatures are JSON strings, as MLflow keeps
 * them compact inside the YAML.
 */
import { MetaFormatError, asMapping, scalarText } from './meta-fields.js';
import { renderPythonJson } from './python-json.js';
import { parseYaml, renderYaml, type YamlValue } from './yaml/index.js';

export const MLMODEL_FILE = 'MLmodel';

/** A flavor's entry under `flavors:`: what its loader needs to read the files back. */
export type FlavorConfig = Readonly<Record<string, YamlValue>>;

/** A signature as MLflow stores it: the input and output schemas as JSON text. */
export interface SignatureText {
  readonly inputs: string;
  readonly outputs: string | null;
}

export interface MlmodelFields {
  readonly runId: string;
  readonly artifactPath: string;
  /** `str(datetime.utcnow())`: `YYYY-MM-DD HH:MM:SS.ffffff`. */
  readonly utcTimeCreated: string;
  readonly modelUuid: string;
  readonly flavors: Readonly<Record<string, FlavorConfig>>;
  readonly signature?: SignatureText;
  readonly savedInputExampleInfo?: Readonly<Record<string, string>>;
  readonly metadata?: Readonly<Record<string, YamlValue>>;
  /** The mlruns version that wrote the file (in place of `mlflow_version`: no MLflow did). */
  readonly mlrunsVersion: string;
}

/**
 * The MLmodel text. `mlflow_version` is left out (MLflow itself drops it when unknown) and
 * `mlruns_version` says which mlruns wrote the model; MLflow keeps unknown keys as they are.
 * @example renderMlmodel({ runId, artifactPath: 'model', utcTimeCreated: '2026-05-01 10:00:00.000000', modelUuid, flavors: { mljs: { data: 'model.json' } }, mlrunsVersion: '0.1.0' })
 */
export function renderMlmodel(fields: MlmodelFields): string {
  const out: Record<string, unknown> = {
    artifact_path: fields.artifactPath,
    flavors: fields.flavors,
    mlruns_version: fields.mlrunsVersion,
    model_id: null,
    model_uuid: fields.modelUuid,
    prompts: null,
    run_id: fields.runId,
    utc_time_created: fields.utcTimeCreated,
  };
  if (fields.signature !== undefined) {
    out.signature = { inputs: fields.signature.inputs, outputs: fields.signature.outputs, params: null };
    out.is_signature_from_type_hint = false;
    out.type_hint_from_example = false;
  }
  if (fields.savedInputExampleInfo !== undefined) out.saved_input_example_info = fields.savedInputExampleInfo;
  if (fields.metadata !== undefined) out.metadata = fields.metadata;
  return renderYaml(out);
}

/** What a loader needs from an MLmodel file (written by mlruns or by MLflow). */
export interface ParsedMlmodel {
  readonly flavors: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly runId: string | undefined;
  readonly artifactPath: string | undefined;
  readonly signature: SignatureText | undefined;
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
}

/** Reads an MLmodel file. @throws MetaFormatError when it is not an MLmodel mapping with flavors. */
export function parseMlmodel(text: string): ParsedMlmodel {
  const model = asMapping(parseYaml(text), 'MLmodel');
  const flavors = model.flavors;
  if (flavors === null || typeof flavors !== 'object' || Array.isArray(flavors)) throw new MetaFormatError('the MLmodel file has no flavors mapping');
  const signature = model.signature as Record<string, unknown> | null | undefined;
  return {
    flavors: flavors as ParsedMlmodel['flavors'],
    runId: scalarText(model, 'run_id'),
    artifactPath: scalarText(model, 'artifact_path'),
    signature: signature && typeof signature.inputs === 'string'
      ? { inputs: signature.inputs, outputs: typeof signature.outputs === 'string' ? signature.outputs : null }
      : undefined,
    metadata: (model.metadata as Record<string, unknown> | undefined) ?? undefined,
  };
}

/** Python's `str(datetime)` of a UTC time, with microseconds. @example utcTimeText(new Date(0)) // '1970-01-01 00:00:00.000000' */
export function utcTimeText(date: Date): string {
  const iso = date.toISOString(); // 1970-01-01T00:00:00.000Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000`;
}

/**
 * One entry of the run tag `mlflow.log-model.history`, as `Model.get_tags_dict()` makes it
 * (run_id, artifact_path, utc_time_created, model_uuid, then the flavors), appended to the
 * JSON list already in the tag.
 * @example appendModelHistory(undefined, fields) // '[{"run_id": "…", "artifact_path": "model", …}]'
 */
export function appendModelHistory(current: string | undefined, fields: MlmodelFields): string {
  let list: unknown[] = [];
  if (current !== undefined) {
    try {
      const parsed = JSON.parse(current) as unknown;
      if (Array.isArray(parsed)) list = parsed;
    } catch {
      list = [];
    }
  }
  const entry = {
    run_id: fields.runId,
    artifact_path: fields.artifactPath,
    utc_time_created: fields.utcTimeCreated,
    model_uuid: fields.modelUuid,
    flavors: fields.flavors,
  };
  return renderPythonJson([...list, entry]);
}
