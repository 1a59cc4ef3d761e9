/**
 * The emitter: libyaml's block-style state machine, flattened into recursion over the value.
 * Scalars go through {@link emitScalar}; this module lays out mappings, keys and sequences.
 */
import { analyzeScalar } from './analyze.js';
import { codePointsOf } from './chars.js';
import { emitScalar } from './emit.js';
import { assertRenderable } from './renderable.js';
import { resolvePlainScalar } from './resolve.js';
import { type CheckedMapping, type YamlMapping, type YamlScalar, type YamlValue, isMapping } from './types.js';
import { BEST_INDENT, YamlWriter } from './writer.js';

/** Longest key, in UTF-8 bytes, that libyaml writes as `key: value` rather than `? key`. */
const MAX_SIMPLE_KEY_BYTES = 128;

/** Python's `sorted()` on str: by code point, which differs from UTF-16 order above U+D7FF. */
function compareCodePoints(a: string, b: string): number {
  const left = codePointsOf(a);
  const right = codePointsOf(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

/** Text of a non-string scalar exactly as PyYAML's SafeRepresenter writes it. */
function representScalar(value: Exclude<YamlScalar, string>): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value.toString(); // safe integer (validated) or bigint: Python's str(int)
}

function emitNode(w: YamlWriter, value: YamlValue, inMapping: boolean): void {
  if (Array.isArray(value)) emitSequence(w, value as readonly YamlValue[], inMapping);
  else if (isMapping(value)) emitMapping(w, value);
  else if (typeof value === 'string') emitScalar(w, analyzeScalar(value), resolvePlainScalar(value) === 'str', false);
  else emitScalar(w, analyzeScalar(representScalar(value as Exclude<YamlScalar, string>)), true, false);
}

function emitMapping(w: YamlWriter, mapping: CheckedMapping): void {
  const keys = Object.keys(mapping).sort(compareCodePoints);
  if (keys.length === 0) return emitEmptyFlow(w, '{', '}');
  const saved = w.indent;
  w.indent = saved < 0 ? 0 : saved + BEST_INDENT;
  for (const key of keys) {
    w.writeIndent();
    emitKey(w, key);
    emitNode(w, mapping[key] as YamlValue, true);
  }
  w.indent = saved;
}

/** `key:` when the key is short and single-line, else the complex form `? key` / `:`. */
function emitKey(w: YamlWriter, key: string): void {
  const analysis = analyzeScalar(key);
  const plainImplicit = resolvePlainScalar(key) === 'str';
  if (!analysis.multiline && analysis.utf8Length <= MAX_SIMPLE_KEY_BYTES) {
    emitScalar(w, analysis, plainImplicit, true);
    w.writeIndicator(':', false, false, false);
    return;
  }
  w.writeIndicator('?', true, false, true);
  emitScalar(w, analysis, plainImplicit, false);
  w.writeIndent();
  w.writeIndicator(':', true, false, true);
}

/**
 * Items start with `- `. A sequence that is a mapping value sits at the key's indent
 * ("indentless"), because after `key:` the line holds more than indentation.
 */
function emitSequence(w: YamlWriter, items: readonly YamlValue[], inMapping: boolean): void {
  if (items.length === 0) return emitEmptyFlow(w, '[', ']');
  const saved = w.indent;
  const indentless = inMapping && !w.indention;
  w.indent = saved < 0 ? 0 : indentless ? saved : saved + BEST_INDENT;
  for (const item of items) {
    w.writeIndent();
    w.writeIndicator('-', true, false, true);
    emitNode(w, item, false);
  }
  w.indent = saved;
}

/** libyaml always writes an empty collection in flow style, even with default_flow_style=False. */
function emitEmptyFlow(w: YamlWriter, open: string, close: string): void {
  w.writeIndicator(open, true, true, false);
  w.writeIndicator(close, false, false, false);
}

/**
 * Render a mapping exactly as MLflow's
 * `yaml.dump(value, default_flow_style=False, allow_unicode=True, sort_keys=True,
 * Dumper=yaml.CSafeDumper)` does: block style, keys sorted by code point, empty collections as
 * `{}` / `[]`, strings quoted only when YAML 1.1 would misread them, long lines folded at 80
 * columns, LF line endings, a final newline.
 *
 * Numbers must be safe integers (there are no float fields in meta.yaml files); pass larger
 * integers as `bigint`. Throws `TypeError` for anything PyYAML could not have produced from the
 * same data (`undefined`, non-integer numbers, class instances, lone surrogates, cycles).
 *
 * @example
 * renderYaml({ experiment_id: '0', name: 'Default', tags: [], creation_time: 1714000000123 });
 * // "creation_time: 1714000000123\nexperiment_id: '0'\nname: Default\ntags: []\n"
 */
export function renderYaml(value: YamlMapping): string {
  assertRenderable(value, 'value', new Set());
  if (!isMapping(value)) throw new TypeError('renderYaml: the top-level value must be a mapping');
  const writer = new YamlWriter();
  emitNode(writer, value, false);
  return writer.finish();
}
