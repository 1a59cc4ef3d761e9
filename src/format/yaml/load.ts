/** Parsing: PyYAML SafeConstructor over the `yaml` package's node tree. */
import { yamlPackage } from './package.js';
import { construct } from './construct.js';
import { YamlParseError } from './errors.js';

/**
 * What libyaml's reader accepts; anything else ("control characters") is a load error. A BOM is
 * allowed; the `yaml` package skips a leading one as libyaml does.
 */
const DISALLOWED_CHARACTER = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/**
 * Parse one YAML document the way MLflow reads meta.yaml:
 * `yaml.load(text, Loader=yaml.CSafeLoader)`, i.e. YAML 1.1 resolution of plain scalars.
 *
 * - Plain `yes`/`no`/`on`/`off`/`true`/`false` (any of their three casings) → boolean;
 *   `~`, `null`, and empty values → `null`; an empty document → `null`.
 * - YAML 1.1 integers (`0x1F`, `017` octal, `0b101`, `1_000`, sexagesimal `1:30`) → `number`
 *   when it is a safe integer, else **`bigint`**, so a legacy unquoted 18-digit experiment id
 *   keeps every digit (`String(value)` gives the exact decimal).
 * - YAML 1.1 floats → `number`; `1e3` has no dot and is the string `"1e3"`, as in PyYAML.
 * - Timestamps (`2024-01-01`, `2024-01-01 10:00:00+02:00`) → `Date` (UTC when no zone).
 * - Quoted scalars are always strings. Duplicate keys: the last one wins (PyYAML does the same).
 *   Non-string keys are converted with `String()`. Anchors, aliases and `<<` merges work.
 *
 * Throws {@link YamlParseError} (a plain `Error`, with `offset` when known) for malformed YAML,
 * more than one document, control characters, tags the safe loader does not know, and values
 * its constructors reject; store code wraps it in `InternalError` with the file path.
 *
 * @example
 * parseYaml("experiment_id: 473869837152367325\nname: '1e3'\nactive: yes\n");
 * // { experiment_id: 473869837152367325n, name: '1e3', active: true }
 */
export function parseYaml(text: string): unknown {
  const bad = DISALLOWED_CHARACTER.exec(text);
  if (bad) {
    const code = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    throw new YamlParseError(`control character U+${code} is not allowed in YAML`, { offset: bad.index });
  }
  // YAML 1.1 (libyaml) treats NEL, LS and PS as line breaks, YAML 1.2 (the `yaml` package) as
  // content. Give the lexer LF instead so lines split where libyaml splits them; the swap keeps
  // every offset, and scalarText() restores the LS/PS that single-quoted values keep.
  const lexable = text.replace(/[\u0085\u2028\u2029]/g, '\n');
  const doc = yamlPackage().parseDocument(lexable, { version: '1.1', schema: 'failsafe', uniqueKeys: false, merge: false });
  const error = doc.errors[0];
  if (error) throw new YamlParseError(error.message, { offset: error.pos[0], cause: error });
  return construct(doc.contents, { doc, source: text });
}
