/**
 * From a scalar node to its value: the tag PyYAML would give it, its string value (re-folded
 * where the `yaml` package could not see libyaml's line breaks), then the matching constructor.
 */
import type { Scalar } from 'yaml';
import { fail } from './errors.js';
import { type PlainScalarKind, resolvePlainScalar } from './resolve.js';
import { constructBinary, constructFloat, constructInt, constructTimestamp } from './scalar-constructors.js';

export const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';

const BOOL_VALUES: Readonly<Record<string, boolean>> = { yes: true, no: false, true: true, false: false, on: true, off: false };

/**
 * The tag PyYAML would give this scalar node: its explicit tag, else the resolver's. libyaml
 * marks a plain scalar, or any scalar tagged with the bare `!`, as "plain implicit", so the
 * C loader resolves `! '12'` to the integer 12 (the pure-Python loader would not).
 */
function scalarKind(node: Scalar, text: string): PlainScalarKind | string {
  if (node.tag === '!' || (node.tag === undefined && node.type === 'PLAIN')) return resolvePlainScalar(text);
  if (node.tag === undefined) return 'str';
  return node.tag.startsWith(YAML_TAG_PREFIX) ? node.tag.slice(YAML_TAG_PREFIX.length) : node.tag;
}

export function constructScalar(node: Scalar, source: string): unknown {
  const text = scalarText(node, source);
  const kind = scalarKind(node, text);
  switch (kind) {
    case 'str':
      return text;
    case 'null':
      return null;
    case 'bool': {
      const value = BOOL_VALUES[text.toLowerCase()];
      return value ?? fail(`invalid boolean ${JSON.stringify(text)}`, node);
    }
    case 'int':
      return constructInt(text, node);
    case 'float':
      return constructFloat(text, node);
    case 'timestamp':
      return constructTimestamp(text, node);
    case 'binary':
      return constructBinary(text, node);
    default:
      // Includes plain `=` and `<<` outside a key: PyYAML's safe loader has no constructor either.
      return fail(`could not determine a constructor for the tag ${JSON.stringify(kind)}`, node);
  }
}

/**
 * The scalar's string value. PyYAML writes LS/PS raw inside single-quoted strings (libyaml
 * counts them as printable), where they act as line breaks that are kept in the value; the
 * `yaml` package saw LF in their place (see {@link parseYaml}), so re-fold such scalars from
 * the original text. Every other scalar is taken as the `yaml` package decoded it.
 */
function scalarText(node: Scalar, source: string): string {
  const raw = node.type === 'QUOTE_SINGLE' && node.range ? source.slice(node.range[0] + 1, node.range[1] - 1) : '';
  return /[\u2028\u2029]/.test(raw) ? foldSingleQuoted(raw) : String(node.value);
}

/**
 * YAML 1.1 folding of a single-quoted body (libyaml scan_flow_scalar): `''` is a quote; a run
 * of blanks and breaks becomes its blanks if it has no break, else the breaks with the first
 * LF-like break dropped (or a space if it was the only break), without any indentation.
 */
function foldSingleQuoted(body: string): string {
  let result = '';
  const runs = body.replace(/\r\n?|\u0085/g, '\n').split(/([ \t\n\u2028\u2029]+)/);
  runs.forEach((run, i) => {
    if (i % 2 === 0) {
      result += run.replaceAll("''", "'");
      return;
    }
    const breaks = [...run].filter((ch) => ch === '\n' || ch === '\u2028' || ch === '\u2029');
    if (breaks.length === 0) result += run;
    else if (breaks[0] !== '\n') result += breaks.join('');
    else result += breaks.length === 1 ? ' ' : breaks.slice(1).join('');
  });
  return result;
}
