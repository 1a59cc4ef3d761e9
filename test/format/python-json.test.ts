import { describe, expect, it } from 'vitest';
import { renderDictArtifact } from '../../src/format/dict-artifact.js';
import { renderPythonJson } from '../../src/format/python-json.js';

describe("Python's json.dumps", () => {
  it('writes indent=2 exactly as Python does, escapes included (output of json.dumps in MLflow 3.17.2 venv)', () => {
    const value = { a: 1, b: [1, 2], c: { d: 'é', e: [], f: {} }, g: 0.1, h: 1e-5, i: NaN, j: Infinity, k: null, l: true, m: '😀\u007f', n: -0, o: 1e22 };
    expect(renderPythonJson(value, 2)).toBe(
      '{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ],\n  "c": {\n    "d": "\\u00e9",\n    "e": [],\n    "f": {}\n  },\n' +
        '  "g": 0.1,\n  "h": 1e-05,\n  "i": NaN,\n  "j": Infinity,\n  "k": null,\n  "l": true,\n  "m": "\\ud83d\\ude00\\u007f",\n  "n": -0.0,\n  "o": 1e+22\n}',
    );
  });

  it('writes the compact form with ", " and ": " separators', () => {
    expect(renderPythonJson([{ path: 't.json', type: 'table' }])).toBe('[{"path": "t.json", "type": "table"}]');
  });

  it('leaves undefined out of objects and writes it as null in arrays, as JSON.stringify does', () => {
    expect(renderPythonJson({ a: undefined, b: [undefined] })).toBe('{"b": [null]}');
  });
});

describe('dict artifacts (log_dict)', () => {
  it('writes JSON for .json and for any other extension', () => {
    expect(renderDictArtifact({ b: 1 }, 'd.txt')).toBe('{\n  "b": 1\n}');
    expect(renderDictArtifact({ b: 1 }, 'dir/d.json')).toBe('{\n  "b": 1\n}');
  });

  it('writes block YAML with sorted keys and unindented lists for .yaml and .yml, as PyYAML does', () => {
    expect(renderDictArtifact({ b: 1, a: [1, 2], c: { d: 'x' } }, 'd.yaml')).toBe('a:\n- 1\n- 2\nb: 1\nc:\n  d: x\n');
    expect(renderDictArtifact({ b: 1 }, 'd.yml')).toBe('b: 1\n');
  });

  it('quotes YAML 1.1 lookalikes and writes floats so PyYAML reads them back as floats', () => {
    expect(renderDictArtifact({ flag: 'yes', version: '1.0', lr: 1e-7, nan: NaN, big: 1e300 }, 'c.yaml')).toBe(
      'big: 1.0e+300\nflag: "yes"\nlr: 1.0e-07\nnan: .nan\nversion: "1.0"\n',
    );
  });
});
