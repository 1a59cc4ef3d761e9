/**
 * An input example saved beside a model, as MLflow's `_Example` writes it (mlflow/models/utils.py):
 * `input_example.json`, `serving_input_example.json`, and the `saved_input_example_info` entry
 * of MLmodel. Pure; returns file contents.
 */
import { InvalidParameterError } from '../errors/index.js';
import { renderPythonJson } from '../format/python-json.js';
import { describe } from '../validation/index.js';

export interface SavedExample {
  readonly info: Readonly<Record<string, string>>;
  readonly files: Readonly<Record<string, string>>;
}

const EXAMPLE_FILE = 'input_example.json';
const SERVING_FILE = 'serving_input_example.json';

function plain(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<unknown>, (v) => (typeof v === 'bigint' ? Number(v) : v));
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function isColumns(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value) &&
    Object.values(value).every((column) => Array.isArray(column) || ArrayBuffer.isView(column));
}

/**
 * Encodes an example: an object of columns is a pandas DataFrame in `split` orient; numeric
 * arrays and typed arrays are an `ndarray`; anything else JSON can hold is a `json_object`.
 * @example encodeInputExample({ sepal_length: [5.1], petal_length: [1.4] }).info.type // 'dataframe'
 */
export function encodeInputExample(example: unknown): SavedExample {
  if (example === undefined || typeof example === 'function' || typeof example === 'symbol') {
    throw new InvalidParameterError(`An input example must be JSON data, arrays or an object of columns; got ${describe(example)}.`);
  }
  if (isColumns(example)) {
    const columns = Object.keys(example);
    const values = columns.map((name) => plain(example[name]) as unknown[]);
    const length = Math.max(0, ...values.map((v) => v.length));
    const data = Array.from({ length }, (_, row) => values.map((column) => column[row] ?? null));
    const split = { columns, data };
    return {
      info: { artifact_path: EXAMPLE_FILE, type: 'dataframe', pandas_orient: 'split', serving_input_path: SERVING_FILE },
      files: { [EXAMPLE_FILE]: renderPythonJson(split), [SERVING_FILE]: renderPythonJson({ dataframe_split: split }, 2) },
    };
  }
  const numeric = ArrayBuffer.isView(example) || (Array.isArray(example) && example.flat(Infinity).every((v) => typeof v === 'number' || ArrayBuffer.isView(v)));
  const value = plain(example);
  return {
    info: { artifact_path: EXAMPLE_FILE, type: numeric ? 'ndarray' : 'json_object', serving_input_path: SERVING_FILE },
    files: { [EXAMPLE_FILE]: renderPythonJson(value), [SERVING_FILE]: renderPythonJson({ inputs: value }, 2) },
  };
}
