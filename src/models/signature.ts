/**
 * `inferSignature`: MLflow's model signature (mlflow/types/schema.py) from JavaScript data.
 * Pure; no I/O. The mapping, in MLflow's terms:
 *
 * | data | schema |
 * | --- | --- |
 * | `number[]`, a typed array | one tensor, shape `[-1]`, dtype from the typed array, else `int64` when every value is whole, else `float64` |
 * | rows: `number[][]`, typed arrays per row, deeper nesting | one tensor, shape `[-1, ...]` |
 * | `string[]`, `boolean[]` | one unnamed column of `string` / `boolean` |
 * | an object of columns `{ name: values }` | one named column each (`long`, `double`, `string`, `boolean`, typed-array dtypes) |
 * | row objects `[{ name: value }]` | one named column per key; `required` only when every row has it |
 * | a TensorFlow.js tensor | one tensor with its dtype and shape (first dimension `-1`) |
 */
import { InvalidParameterError } from '../errors/index.js';
import { describe } from '../validation/index.js';
import { renderPythonJson } from '../format/python-json.js';
import type { SignatureText } from '../format/mlmodel.js';

export type ColumnType = 'boolean' | 'integer' | 'long' | 'float' | 'double' | 'string';

/** A named or unnamed column (MLflow's ColSpec). */
export interface ColumnSpec {
  readonly type: ColumnType;
  readonly name?: string;
  readonly required: boolean;
}

/** A tensor (MLflow's TensorSpec); -1 is a variable dimension. */
export interface TensorSpec {
  readonly type: 'tensor';
  readonly 'tensor-spec': { readonly dtype: string; readonly shape: readonly number[] };
}

export type SchemaSpec = ColumnSpec | TensorSpec;

export interface ModelSignature {
  readonly inputs: readonly SchemaSpec[];
  readonly outputs: readonly SchemaSpec[] | null;
}

type TypedArray = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | BigInt64Array;

const TENSOR_DTYPES: ReadonlyArray<[new (...args: never[]) => TypedArray, string, ColumnType]> = [
  [Float32Array, 'float32', 'float'],
  [Float64Array, 'float64', 'double'],
  [Int8Array, 'int8', 'integer'],
  [Int16Array, 'int16', 'integer'],
  [Int32Array, 'int32', 'integer'],
  [Uint8Array, 'uint8', 'integer'],
  [Uint16Array, 'uint16', 'integer'],
  [Uint32Array, 'uint32', 'long'],
  [BigInt64Array, 'int64', 'long'],
];

/** TensorFlow.js dtype → numpy dtype name. */
const TFJS_DTYPES: Readonly<Record<string, string>> = { float32: 'float32', int32: 'int32', bool: 'bool', string: 'str', complex64: 'complex64' };

function typedInfo(value: unknown): { dtype: string; column: ColumnType } | undefined {
  const found = TENSOR_DTYPES.find(([kind]) => value instanceof kind);
  return found === undefined ? undefined : { dtype: found[1], column: found[2] };
}

interface TensorLike {
  readonly shape: readonly number[];
  readonly dtype: string;
}

function isTensorLike(value: unknown): value is TensorLike {
  return typeof value === 'object' && value !== null && Array.isArray((value as TensorLike).shape) && typeof (value as TensorLike).dtype === 'string' && 'arraySync' in value;
}

function fail(what: string, value: unknown, why: string): never {
  throw new InvalidParameterError(`Cannot infer a signature from the ${what} (${describe(value)}): ${why}.`);
}

const numberDtype = (values: readonly number[]) => (values.every(Number.isInteger) ? 'int64' : 'float64');

/** Shape and leaf values of nested equal-length arrays; undefined when ragged or not numeric. */
function nested(value: unknown): { shape: number[]; leaves: number[]; typed?: string } | undefined {
  const typed = typedInfo(value);
  if (typed !== undefined) return { shape: [(value as TypedArray).length], leaves: [], typed: typed.dtype };
  if (!Array.isArray(value)) return typeof value === 'number' ? { shape: [], leaves: [value] } : undefined;
  const parts = value.map(nested);
  if (parts.some((p) => p === undefined)) return undefined;
  const [first] = parts as { shape: number[]; leaves: number[]; typed?: string }[];
  if (first === undefined) return { shape: [0], leaves: [] };
  if (!parts.every((p) => p!.shape.join() === first.shape.join() && p!.typed === first.typed)) return undefined;
  return { shape: [value.length, ...first.shape], leaves: parts.flatMap((p) => p!.leaves), typed: first.typed };
}

function columnType(values: readonly unknown[], what: string): ColumnType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (present.every((v) => typeof v === 'string')) return 'string';
  if (present.every((v) => typeof v === 'bigint')) return 'long';
  if (present.every((v) => typeof v === 'number')) return (present as number[]).every(Number.isInteger) ? 'long' : 'double';
  return fail(what, values, 'its values mix types; give one of numbers, strings or booleans per column');
}

function columnsOf(record: Readonly<Record<string, unknown>>, what: string): ColumnSpec[] {
  return Object.entries(record).map(([name, values]) => {
    const typed = typedInfo(values);
    if (typed !== undefined) return { type: typed.column, name, required: true };
    if (!Array.isArray(values)) fail(what, record, `column '${name}' is not an array`);
    return { type: columnType(values, what), name, required: values.every((v) => v !== null && v !== undefined) };
  });
}

function rowColumns(rows: readonly Record<string, unknown>[], what: string): ColumnSpec[] {
  const names = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return names.map((name) => {
    const values = rows.map((row) => row[name]);
    return { type: columnType(values, what), name, required: values.every((v) => v !== null && v !== undefined) };
  });
}

/** The schema of one side (inputs or outputs). */
export function inferSchema(data: unknown, what = 'data'): SchemaSpec[] {
  if (isTensorLike(data)) {
    return [{ type: 'tensor', 'tensor-spec': { dtype: TFJS_DTYPES[data.dtype] ?? data.dtype, shape: [-1, ...data.shape.slice(1)] } }];
  }
  const shape = nested(data);
  if (shape !== undefined && shape.shape.length > 0) {
    const dtype = shape.typed ?? numberDtype(shape.leaves);
    return [{ type: 'tensor', 'tensor-spec': { dtype, shape: [-1, ...shape.shape.slice(1)] } }];
  }
  if (Array.isArray(data)) {
    if (data.length === 0) fail(what, data, 'it is empty');
    if (data.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row))) return rowColumns(data as Record<string, unknown>[], what);
    return [{ type: columnType(data, what), required: data.every((v) => v !== null && v !== undefined) }];
  }
  if (typeof data === 'object' && data !== null) return columnsOf(data as Record<string, unknown>, what);
  return fail(what, data, 'give an array, a typed array, rows, an object of columns or a tensor');
}

/**
 * MLflow's model signature of a model's inputs and (optionally) outputs.
 * @example
 * inferSignature([[5.1, 3.5, 1.4, 0.2]], [0]);
 * // { inputs: [{ type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1, 4] } }],
 * //   outputs: [{ type: 'tensor', 'tensor-spec': { dtype: 'int64', shape: [-1] } }] }
 */
export function inferSignature(inputs: unknown, outputs?: unknown): ModelSignature {
  return { inputs: inferSchema(inputs, 'inputs'), outputs: outputs === undefined || outputs === null ? null : inferSchema(outputs, 'outputs') };
}

/** The signature as MLflow stores it in MLmodel: each schema as `json.dumps` text. */
export function signatureText(signature: ModelSignature): SignatureText {
  return { inputs: renderPythonJson(signature.inputs), outputs: signature.outputs === null ? null : renderPythonJson(signature.outputs) };
}
