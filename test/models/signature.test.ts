import { describe, expect, it } from 'vitest';
import { inferSignature } from '../../src/index.js';
import { signatureText } from '../../src/models/signature.js';
import { encodeInputExample } from '../../src/models/input-example.js';

const tensor = (dtype: string, shape: number[]) => ({ type: 'tensor', 'tensor-spec': { dtype, shape } });

describe('inferSignature', () => {
  it('reads rows of numbers as a float64 tensor with a variable first dimension', () => {
    expect(inferSignature([[5.1, 3.5, 1.4, 0.2], [4.9, 3, 1.4, 0.2]]).inputs).toEqual([tensor('float64', [-1, 4])]);
  });

  it('reads whole numbers as int64 and typed arrays as their own dtype', () => {
    expect(inferSignature([0, 1, 2]).inputs).toEqual([tensor('int64', [-1])]);
    expect(inferSignature(new Float32Array([0.5, 1])).inputs).toEqual([tensor('float32', [-1])]);
    expect(inferSignature([new Int32Array([1, 2]), new Int32Array([3, 4])]).inputs).toEqual([tensor('int32', [-1, 2])]);
  });

  it('reads an object of columns as named columns of MLflow types', () => {
    const signature = inferSignature({ petal: [1.4, 4.7], count: [3, 4], species: ['setosa', 'virginica'], ok: [true, false], w: new Float32Array(2) }, ['a', 'b']);
    expect(signature).toEqual({
      inputs: [
        { type: 'double', name: 'petal', required: true },
        { type: 'long', name: 'count', required: true },
        { type: 'string', name: 'species', required: true },
        { type: 'boolean', name: 'ok', required: true },
        { type: 'float', name: 'w', required: true },
      ],
      outputs: [{ type: 'string', required: true }],
    });
  });

  it('marks a column of row objects optional when some rows lack it', () => {
    expect(inferSignature([{ a: 1, b: 'x' }, { a: 2 }]).inputs).toEqual([
      { type: 'long', name: 'a', required: true },
      { type: 'string', name: 'b', required: false },
    ]);
  });

  it('renders the schemas as the JSON text MLflow keeps in MLmodel', () => {
    expect(signatureText(inferSignature([[1.5, 2]], [0]))).toEqual({
      inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 2]}}]',
      outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]',
    });
  });

  it('refuses ragged rows mixed with text, and values it cannot describe', () => {
    expect(() => inferSignature({ a: [1, 'x'] })).toThrow("its values mix types");
    expect(() => inferSignature(42)).toThrow('Cannot infer a signature from the inputs (42)');
  });
});

describe('input examples', () => {
  it('saves an object of columns as a DataFrame in split orient', () => {
    const saved = encodeInputExample({ a: [1, 2], b: ['x', 'y'] });
    expect(saved.info).toEqual({ artifact_path: 'input_example.json', type: 'dataframe', pandas_orient: 'split', serving_input_path: 'serving_input_example.json' });
    expect(saved.files['input_example.json']).toBe('{"columns": ["a", "b"], "data": [[1, "x"], [2, "y"]]}');
    expect(saved.files['serving_input_example.json']).toBe('{\n  "dataframe_split": {\n    "columns": [\n      "a",\n      "b"\n    ],\n    "data": [\n      [\n        1,\n        "x"\n      ],\n      [\n        2,\n        "y"\n      ]\n    ]\n  }\n}');
  });

  it('saves rows of numbers as an ndarray and other JSON as a json_object', () => {
    expect(encodeInputExample([[1.5, 2]]).info.type).toBe('ndarray');
    expect(encodeInputExample([[1.5, 2]]).files['input_example.json']).toBe('[[1.5, 2]]');
    expect(encodeInputExample({ prompt: 'hi' }).info.type).toBe('json_object');
  });
});
