import type { ScalarTag } from 'yaml';
import { yamlPackage } from './yaml/package.js';
import { formatPythonFloat } from './python-float.js';
import { renderPythonJson } from './python-json.js';

/**
 * Floats as PyYAML's representer writes them: `repr` in lower case with `.0` added before an
 * exponent (`1.0e-07`), `.nan`, `.inf`, `-.inf`. YAML 1.1 reads `1e-07` (no dot) as a string,
 * so the `yaml` package's own float text would not come back as a number in Python.
 */
const pythonFloat: ScalarTag = {
  identify: (value) => typeof value === 'number' && (!Number.isInteger(value) || Object.is(value, -0) || Math.abs(value) >= 1e16),
  default: true,
  tag: 'tag:yaml.org,2002:float',
  test: /^(?!)$/,
  resolve: (text) => Number(text),
  stringify: ({ value }) => {
    const number = value as number;
    if (Number.isNaN(number)) return '.nan';
    if (!Number.isFinite(number)) return number > 0 ? '.inf' : '-.inf';
    const text = formatPythonFloat(number).toLowerCase();
    return !text.includes('.') && text.includes('e') ? text.replace('e', '.0e') : text;
  },
};

/**
 * The bytes MLflow's `log_dict` writes for a value: YAML when the file name ends in `.yaml` or
 * `.yml` (`yaml.dump(value, indent=2, default_flow_style=False)`: block style, sorted keys),
 * JSON otherwise (`json.dump(value, indent=2)`, no final newline).
 *
 * YAML is written by the `yaml` package in YAML 1.1 mode, so strings such as `yes` or `1.0`
 * are quoted and every value reads back the same in PyYAML; non-ASCII text is written as is
 * where PyYAML would escape it.
 *
 * @example
 * renderDictArtifact({ lr: 0.01, layers: [64, 32] }, 'config.yaml'); // "layers:\n- 64\n- 32\nlr: 0.01\n"
 */
export function renderDictArtifact(value: unknown, fileName: string): string {
  const extension = /\.[^./]*$/.exec(fileName)?.[0];
  if (extension === '.yaml' || extension === '.yml') {
    return yamlPackage().stringify(value, {
      schema: 'yaml-1.1',
      version: '1.1',
      customTags: (tags) => [pythonFloat, ...tags],
      sortMapEntries: true,
      indentSeq: false,
    });
  }
  return renderPythonJson(value, 2);
}
