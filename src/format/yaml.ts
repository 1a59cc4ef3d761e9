/**
 * The YAML dialect of MLflow's `meta.yaml` files, both ways, with no I/O.
 *
 * MLflow writes every meta.yaml with
 * `yaml.dump(data, default_flow_style=False, allow_unicode=True, sort_keys=True,
 * Dumper=yaml.CSafeDumper)` and reads it with `yaml.load(text, Loader=yaml.CSafeLoader)`
 * (spec §2.1). The C dumper is libyaml's emitter driven by PyYAML's Python representer and
 * YAML 1.1 resolver; the loader is libyaml's parser followed by PyYAML's SafeConstructor.
 *
 * - {@link renderYaml} re-implements the libyaml emitter rules that the meta.yaml value subset
 *   exercises (scalar analysis, style choice, the three quoted/plain writers with folding at
 *   80 columns, block indentation), so output is byte-identical to the PyYAML call above.
 * - {@link parseYaml} lets the `yaml` package build the node tree (all scalars as text) and
 *   applies PyYAML's YAML 1.1 resolver and safe constructors itself, so `1e3` stays a string,
 *   `yes` is `true` and 18-digit experiment ids come back as exact `bigint`s.
 *
 * Both directions share one resolver, {@link resolvePlainScalar}, which is what decides whether
 * a string must be quoted on the way out and what a plain scalar means on the way in.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, Pair, Scalar, YAMLMap } from 'yaml';

// ---------------------------------------------------------------------------------------------
// Value model
// ---------------------------------------------------------------------------------------------

/** A scalar that {@link renderYaml} can write. Numbers must be safe integers. */
export type YamlScalar = string | number | bigint | boolean | null;

/** Any value {@link renderYaml} can write: scalars, arrays and string-keyed mappings. */
export type YamlValue = YamlScalar | readonly YamlValue[] | { readonly [key: string]: YamlValue };

/**
 * The top-level mapping {@link renderYaml} takes. Its values must be {@link YamlValue}s; that is
 * checked at run time (a `TypeError` names the offending field), so callers may assemble the
 * fields in a plain `Record<string, unknown>`.
 */
export type YamlMapping = Readonly<Record<string, unknown>>;

/** A nested mapping after the run-time check. */
type CheckedMapping = { readonly [key: string]: YamlValue };

/**
 * Thrown by {@link parseYaml} when the text is not YAML PyYAML's safe loader would accept.
 *
 * It is a plain `Error` on purpose: the codec knows nothing about stores, so callers wrap it in
 * `InternalError` (with this error as `cause`) and add the file path.
 */
export class YamlParseError extends Error {
  /** Character offset in the parsed text where the problem was found, when known. */
  readonly offset: number | undefined;

  constructor(message: string, options: { offset?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'YamlParseError';
    this.offset = options.offset;
  }
}

// ---------------------------------------------------------------------------------------------
// Character classes, as libyaml defines them (yaml_private.h)
// ---------------------------------------------------------------------------------------------

const SPACE = 0x20;
const LINE_FEED = 0x0a;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BYTE_ORDER_MARK = 0xfeff;

/** YAML 1.1 line breaks: CR, LF, NEL and the two Unicode separators. */
function isBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

/** Space, tab, a break, NUL or the end of the string (libyaml's IS_BLANKZ). */
function isBlankOrEnd(cp: number | undefined): boolean {
  return cp === undefined || cp === 0 || cp === SPACE || cp === 0x09 || isBreak(cp);
}

/**
 * libyaml's IS_PRINTABLE. Narrower than one might guess: TAB, CR, DEL, C1 controls, the BOM,
 * U+FFFE/U+FFFF and every character outside the BMP (emoji!) count as non-printable, which
 * forces double quotes and a `\t` / `\U0001F600` escape even with allow_unicode=True.
 */
function isPrintable(cp: number): boolean {
  return (
    cp === LINE_FEED ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== BYTE_ORDER_MARK)
  );
}

function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// ---------------------------------------------------------------------------------------------
// YAML 1.1 implicit resolution (PyYAML resolver.py, Resolver's implicit resolvers)
// ---------------------------------------------------------------------------------------------

/** The tag PyYAML's resolver gives a plain scalar; `str` when no implicit resolver matches. */
export type PlainScalarKind =
  | 'bool'
  | 'float'
  | 'int'
  | 'merge'
  | 'null'
  | 'timestamp'
  | 'value'
  | 'yaml'
  | 'str';

interface ImplicitResolver {
  readonly kind: Exclude<PlainScalarKind, 'str'>;
  /** PyYAML only tries a resolver when the scalar starts with one of these (or is empty, ''). */
  readonly firstChars: readonly string[];
  readonly pattern: RegExp;
}

const DIGITS = [...'0123456789'];

// Registration order matters: the first match wins (float is tried before int, int before
// timestamp). Patterns are PyYAML's, rewritten without verbose mode; `[0-9]` is ASCII-only in
// Python too. Note what is NOT here: `1e3` (a float needs a dot), `1.0e5` (the exponent needs a
// sign), `-.5`, `0o17` — PyYAML reads all of those as strings.
const IMPLICIT_RESOLVERS: readonly ImplicitResolver[] = [
  {
    kind: 'bool',
    firstChars: [...'yYnNtTfFoO'],
    pattern: /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  },
  {
    kind: 'float',
    firstChars: [...'-+.', ...DIGITS],
    pattern:
      /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  },
  {
    kind: 'int',
    firstChars: [...'-+', ...DIGITS],
    pattern:
      /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  },
  { kind: 'merge', firstChars: ['<'], pattern: /^<<$/ },
  { kind: 'null', firstChars: ['~', 'n', 'N', ''], pattern: /^(?:~|null|Null|NULL|)$/ },
  {
    kind: 'timestamp',
    firstChars: DIGITS,
    pattern:
      /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/,
  },
  { kind: 'value', firstChars: ['='], pattern: /^=$/ },
  { kind: 'yaml', firstChars: [...'!&*'], pattern: /^(?:!|&|\*)$/ },
];

/**
 * What PyYAML's YAML 1.1 resolver makes of `text` written as a plain (unquoted) scalar.
 *
 * @example
 * resolvePlainScalar('yes'); // 'bool'
 * resolvePlainScalar('1e3'); // 'str'
 */
export function resolvePlainScalar(text: string): PlainScalarKind {
  const first = text === '' ? '' : String.fromCodePoint(text.codePointAt(0) ?? 0);
  // Python's `$` also matches before one final "\n"; only reachable for strings with a line
  // break, which are never plain, but mirrored so the resolver is the same function.
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  for (const resolver of IMPLICIT_RESOLVERS) {
    if (!resolver.firstChars.includes(first)) continue;
    if (resolver.pattern.test(text) || resolver.pattern.test(body)) return resolver.kind;
  }
  return 'str';
}

// ---------------------------------------------------------------------------------------------
// Rendering: scalar analysis and style choice (libyaml emitter.c, analyze_scalar and
// select_scalar_style, restricted to block context: empty `{}`/`[]` are the only flow nodes)
// ---------------------------------------------------------------------------------------------

/** Line width PyYAML leaves at libyaml's default; a plain/quoted line folds once past it. */
const BEST_WIDTH = 80;
/** Indentation step (libyaml default best_indent). */
const BEST_INDENT = 2;
/** Longest key, in UTF-8 bytes, that libyaml writes as `key: value` rather than `? key`. */
const MAX_SIMPLE_KEY_BYTES = 128;

type ScalarStyle = 'plain' | 'single' | 'double';

interface ScalarAnalysis {
  readonly codePoints: readonly number[];
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly utf8Length: number;
}

/**
 * Indicators that make a plain scalar ambiguous in block context: one of `#,[]{}&*!|>'"%@` and
 * backtick at the start, `?`, `:` or `-` followed by a blank at the start, `:` followed by a
 * blank or `#` preceded by one anywhere, or a document marker `---` / `...` at the start.
 */
function hasBlockIndicator(cps: readonly number[]): boolean {
  const text = String.fromCodePoint(...cps.slice(0, 3));
  if (text === '---' || text === '...') return true;
  for (let i = 0; i < cps.length; i++) {
    const ch = String.fromCodePoint(cps[i] ?? 0);
    const followedByBlank = isBlankOrEnd(cps[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) return true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedByBlank) return true;
    } else {
      if (ch === ':' && followedByBlank) return true;
      if (ch === '#' && isBlankOrEnd(cps[i - 1])) return true;
    }
  }
  return false;
}

/** Whitespace placement that rules styles out: leading/trailing blanks, space next to a break. */
function analyzeWhitespace(cps: readonly number[]) {
  let leadingOrTrailing = false;
  let breakThenSpace = false;
  let spaceThenBreak = false;
  let lineBreaks = false;
  let special = false;
  let previousSpace = false;
  let previousBreak = false;
  cps.forEach((cp, i) => {
    const edge = i === 0 || i === cps.length - 1;
    if (!isPrintable(cp)) special = true;
    if (cp === SPACE) {
      if (edge) leadingOrTrailing = true;
      if (previousBreak) breakThenSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(cp)) {
      lineBreaks = true;
      if (edge) leadingOrTrailing = true;
      if (previousSpace) spaceThenBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = previousBreak = false;
    }
  });
  return { leadingOrTrailing, breakThenSpace, spaceThenBreak, lineBreaks, special };
}

function analyzeScalar(text: string): ScalarAnalysis {
  const codePoints = Array.from(text, (ch) => ch.codePointAt(0) ?? 0);
  const bytes = codePoints.reduce((sum, cp) => sum + utf8Length(cp), 0);
  if (codePoints.length === 0) {
    return { codePoints, multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, utf8Length: 0 };
  }
  const ws = analyzeWhitespace(codePoints);
  // Quoted folding eats spaces next to a line break: after one they read as indentation, before
  // one as trailing blanks. libyaml then gives up on single quotes (and, for a space before a
  // break or any non-printable character, on everything but double quotes with escapes).
  const onlyDouble = ws.spaceThenBreak || ws.special;
  const singleQuotedAllowed = !onlyDouble && !ws.breakThenSpace;
  const blockPlainAllowed =
    singleQuotedAllowed && !ws.leadingOrTrailing && !ws.lineBreaks && !hasBlockIndicator(codePoints);
  return { codePoints, multiline: ws.lineBreaks, blockPlainAllowed, singleQuotedAllowed, utf8Length: bytes };
}

/**
 * Plain if the text reads back as the same string, else single quotes, else double quotes.
 * `plainImplicit` is false for a string the resolver would turn into something else (`yes`,
 * `12`, `''`, `2024-01-01`); ints, bools and null are always written plain.
 */
function chooseStyle(analysis: ScalarAnalysis, plainImplicit: boolean, simpleKey: boolean): ScalarStyle {
  if (simpleKey && analysis.multiline) return 'double';
  const emptyKey = simpleKey && analysis.codePoints.length === 0;
  if (analysis.blockPlainAllowed && plainImplicit && !emptyKey) return 'plain';
  return analysis.singleQuotedAllowed ? 'single' : 'double';
}

/** libyaml's short escapes in double-quoted scalars; anything else gets \x, \u or \U. */
const SHORT_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [DOUBLE_QUOTE, '"'],
  [BACKSLASH, '\\'],
  [0x85, 'N'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

function escapeForDoubleQuotes(cp: number): string {
  const short = SHORT_ESCAPES.get(cp);
  if (short !== undefined) return `\\${short}`;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

function needsEscape(cp: number): boolean {
  return !isPrintable(cp) || isBreak(cp) || cp === DOUBLE_QUOTE || cp === BACKSLASH;
}

// ---------------------------------------------------------------------------------------------
// Rendering: the emitter (libyaml's block-style state machine, flattened into recursion)
// ---------------------------------------------------------------------------------------------

/** Python's `sorted()` on str: by code point, which differs from UTF-16 order above U+D7FF. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (ch) => ch.codePointAt(0) ?? 0);
  const right = Array.from(b, (ch) => ch.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

function isMapping(value: unknown): value is CheckedMapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a non-string scalar exactly as PyYAML's SafeRepresenter writes it. */
function representScalar(value: Exclude<YamlScalar, string>): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value.toString(); // safe integer (validated) or bigint: Python's str(int)
}

/**
 * Emitter state, named after libyaml's: the current column (in code points), whether the last
 * thing written was whitespace, whether only indentation has been written on this line, and the
 * current block indent (-1 before the root node).
 */
class BlockEmitter {
  private out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;

  finish(): string {
    this.writeIndent(); // document end: terminate the last line
    return this.out;
  }

  emitNode(value: YamlValue, inMapping: boolean): void {
    if (Array.isArray(value)) this.emitSequence(value as readonly YamlValue[], inMapping);
    else if (isMapping(value)) this.emitMapping(value);
    else if (typeof value === 'string') this.emitScalar(analyzeScalar(value), resolvePlainScalar(value) === 'str', false);
    else this.emitScalar(analyzeScalar(representScalar(value as Exclude<YamlScalar, string>)), true, false);
  }

  private emitMapping(mapping: CheckedMapping): void {
    const keys = Object.keys(mapping).sort(compareCodePoints);
    if (keys.length === 0) return this.emitEmptyFlow('{', '}');
    const saved = this.indent;
    this.indent = saved < 0 ? 0 : saved + BEST_INDENT;
    for (const key of keys) {
      this.writeIndent();
      this.emitKey(key);
      this.emitNode(mapping[key] as YamlValue, true);
    }
    this.indent = saved;
  }

  /** `key:` when the key is short and single-line, else the complex form `? key` / `:`. */
  private emitKey(key: string): void {
    const analysis = analyzeScalar(key);
    const plainImplicit = resolvePlainScalar(key) === 'str';
    if (!analysis.multiline && analysis.utf8Length <= MAX_SIMPLE_KEY_BYTES) {
      this.emitScalar(analysis, plainImplicit, true);
      this.writeIndicator(':', false, false, false);
      return;
    }
    this.writeIndicator('?', true, false, true);
    this.emitScalar(analysis, plainImplicit, false);
    this.writeIndent();
    this.writeIndicator(':', true, false, true);
  }

  /**
   * Items start with `- `. A sequence that is a mapping value sits at the key's indent
   * ("indentless"), because after `key:` the line holds more than indentation.
   */
  private emitSequence(items: readonly YamlValue[], inMapping: boolean): void {
    if (items.length === 0) return this.emitEmptyFlow('[', ']');
    const saved = this.indent;
    const indentless = inMapping && !this.indention;
    this.indent = saved < 0 ? 0 : indentless ? saved : saved + BEST_INDENT;
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, false);
    }
    this.indent = saved;
  }

  /** libyaml always writes an empty collection in flow style, even with default_flow_style=False. */
  private emitEmptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  /** Scalars are written one indent step deeper than their parent; folded lines start there. */
  private emitScalar(analysis: ScalarAnalysis, plainImplicit: boolean, simpleKey: boolean): void {
    const saved = this.indent;
    this.indent = saved < 0 ? BEST_INDENT : saved + BEST_INDENT;
    const allowBreaks = !simpleKey;
    const cps = analysis.codePoints;
    switch (chooseStyle(analysis, plainImplicit, simpleKey)) {
      case 'plain':
        this.writePlain(cps, allowBreaks);
        break;
      case 'single':
        this.writeSingleQuoted(cps, allowBreaks);
        break;
      case 'double':
        this.writeDoubleQuoted(cps, allowBreaks);
        break;
    }
    this.indent = saved;
  }

  /**
   * Plain text, folding at the first space of a single space once past the width (a run of
   * spaces is never folded: folding would collapse it). Plain never contains breaks.
   */
  private writePlain(cps: readonly number[], allowBreaks: boolean): void {
    if (!this.whitespace && cps.length > 0) this.put(' ');
    let spaces = false;
    cps.forEach((cp, i) => {
      if (cp === SPACE) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== SPACE) this.writeIndent();
        else this.writeChar(cp);
        spaces = true;
      } else {
        this.writeChar(cp);
        this.indention = false;
        spaces = false;
      }
    });
    this.whitespace = false;
    this.indention = false;
  }

  /**
   * Single quotes: `'` doubled; a line break is written as a blank line (the first LF of a run
   * gets an extra LF, since one LF alone would fold to a space); folding as in plain, but never
   * at the first or last character.
   */
  private writeSingleQuoted(cps: readonly number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    cps.forEach((cp, i) => {
      if (cp === SPACE) {
        const inner = i !== 0 && i !== cps.length - 1;
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && inner && cps[i + 1] !== SPACE) this.writeIndent();
        else this.writeChar(cp);
        spaces = true;
      } else if (isBreak(cp)) {
        if (!breaks && cp === LINE_FEED) this.putBreak();
        this.writeBreak(cp);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (cp === SINGLE_QUOTE) this.put("'");
        this.writeChar(cp);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    });
    if (breaks) this.writeIndent();
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /**
   * Double quotes: escapes for non-printables, breaks, `"` and `\`; folding at an inner space
   * past the width, with `\` before a following space so the reader keeps it.
   */
  private writeDoubleQuoted(cps: readonly number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    cps.forEach((cp, i) => {
      if (needsEscape(cp)) {
        this.put(escapeForDoubleQuotes(cp));
        spaces = false;
      } else if (cp === SPACE) {
        const inner = i !== 0 && i !== cps.length - 1;
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && inner) {
          this.writeIndent();
          if (cps[i + 1] === SPACE) this.put('\\');
        } else {
          this.writeChar(cp);
        }
        spaces = true;
      } else {
        this.writeChar(cp);
        spaces = false;
      }
    });
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /** Start a new line unless we are already at the indent on a line that holds only indentation. */
  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** A break inside a quoted scalar: LF as the output line break, LS/PS copied as they are. */
  private writeBreak(cp: number): void {
    if (cp === LINE_FEED) return this.putBreak();
    this.out += String.fromCodePoint(cp);
    this.column = 0;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  /** ASCII only: indicators, spaces, escapes. */
  private put(text: string): void {
    this.out += text;
    this.column += text.length;
  }

  private writeChar(cp: number): void {
    this.out += String.fromCodePoint(cp);
    this.column += 1;
  }
}

/** With the `u` flag a surrogate range matches only unpaired halves. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** Reject what PyYAML could not have dumped, so bad input fails here and not in a reader. */
function assertRenderable(value: unknown, path: string, seen: Set<object>): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'bigint') return;
  if (typeof value === 'string') {
    // Python cannot UTF-8-encode a lone surrogate; PyYAML fails on it too.
    if (LONE_SURROGATE.test(value)) throw new TypeError(`renderYaml: ${path} contains a lone surrogate`);
    return;
  }
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return;
    throw new TypeError(`renderYaml: ${path} is ${value}; only safe integers (or bigint) can be written`);
  }
  if (typeof value !== 'object') throw new TypeError(`renderYaml: ${path} has unsupported type ${typeof value}`);
  if (seen.has(value)) throw new TypeError(`renderYaml: ${path} refers back to one of its parents`);
  seen.add(value);
  if (Array.isArray(value)) value.forEach((item, i) => assertRenderable(item, `${path}[${i}]`, seen));
  else if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
    throw new TypeError(`renderYaml: ${path} is a ${value.constructor.name}; use a plain object`);
  } else {
    for (const [key, item] of Object.entries(value)) assertRenderable(item, `${path}.${key}`, seen);
  }
  seen.delete(value);
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
  const emitter = new BlockEmitter();
  emitter.emitNode(value, false);
  return emitter.finish();
}

// ---------------------------------------------------------------------------------------------
// Parsing: PyYAML SafeConstructor over the `yaml` package's node tree
// ---------------------------------------------------------------------------------------------

const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';

/**
 * What libyaml's reader accepts; anything else ("control characters") is a load error. A BOM is
 * allowed; the `yaml` package skips a leading one as libyaml does.
 */
const DISALLOWED_CHARACTER = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

function fail(message: string, node?: YamlNode | null): never {
  throw new YamlParseError(message, { offset: node?.range?.[0] });
}

/** Python-style `int` arithmetic on arbitrary-size integers, returned as number when exact. */
function toIntegerValue(value: bigint): number | bigint {
  const small = Number(value);
  return Number.isSafeInteger(small) ? small : value;
}

/** PyYAML construct_yaml_int: sign, then 0b / 0x / leading-0 octal / base 60 / decimal. */
function constructInt(text: string, node: YamlNode): number | bigint {
  let digits = text.replaceAll('_', '');
  const sign = digits.startsWith('-') ? -1n : 1n;
  if (digits.startsWith('-') || digits.startsWith('+')) digits = digits.slice(1);
  try {
    if (digits === '0') return 0;
    if (digits.startsWith('0b')) return toIntegerValue(sign * BigInt(`0b${digits.slice(2)}`));
    if (digits.startsWith('0x')) return toIntegerValue(sign * BigInt(`0x${digits.slice(2)}`));
    if (digits.startsWith('0')) return toIntegerValue(sign * BigInt(`0o${digits.slice(1)}`));
    if (digits.includes(':')) {
      const total = digits.split(':').reduce((acc, part) => acc * 60n + BigInt(part), 0n);
      return toIntegerValue(sign * total);
    }
    if (!/^[0-9]+$/.test(digits)) throw new SyntaxError(digits);
    return toIntegerValue(sign * BigInt(digits));
  } catch (cause) {
    throw new YamlParseError(`invalid integer ${JSON.stringify(text)}`, { offset: node.range?.[0], cause });
  }
}

/** PyYAML construct_yaml_float: `_` ignored, `.inf` / `.nan`, base 60 with a fraction. */
function constructFloat(text: string, node: YamlNode): number {
  let body = text.replaceAll('_', '').toLowerCase();
  const sign = body.startsWith('-') ? -1 : 1;
  if (body.startsWith('-') || body.startsWith('+')) body = body.slice(1);
  if (body === '.inf') return sign * Infinity;
  if (body === '.nan') return NaN;
  const value = body.includes(':')
    ? body.split(':').reduce((acc, part) => acc * 60 + Number(part), 0)
    : Number(body);
  if (body === '' || Number.isNaN(value)) fail(`invalid float ${JSON.stringify(text)}`, node);
  return sign * value;
}

const TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/;

/**
 * PyYAML builds a `datetime.date` or `datetime.datetime`; we return a `Date`, reading a time
 * without a zone as UTC (PyYAML's naive datetime) and keeping milliseconds of the fraction.
 */
function constructTimestamp(text: string, node: YamlNode): Date {
  const m = TIMESTAMP.exec(text);
  if (!m) fail(`invalid timestamp ${JSON.stringify(text)}`, node);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetMinutes = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11] ?? 0)) : 0;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const validDay = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  // Python's datetime rejects what Date would roll over: 2024-02-30, year 0, 24:00:00.
  if (!validDay || year < 1 || hour > 23 || minute > 59 || second > 59) fail(`invalid timestamp ${JSON.stringify(text)}`, node);
  date.setUTCHours(hour, minute - offsetMinutes, second, millis);
  return date;
}

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

/** PyYAML construct_yaml_binary gives `bytes`; base64 with any whitespace in between. */
function constructBinary(text: string, node: YamlNode): Uint8Array {
  try {
    return Uint8Array.from(atob(text.replace(/\s+/g, '')), (ch) => ch.charCodeAt(0));
  } catch (cause) {
    throw new YamlParseError(`invalid base64 data ${JSON.stringify(text)}`, { offset: node.range?.[0], cause });
  }
}

function constructScalar(node: Scalar, source: string): unknown {
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

interface ConstructContext {
  readonly doc: Document.Parsed;
  readonly source: string;
}

function deref(node: unknown, ctx: ConstructContext): unknown {
  return isAlias(node) ? node.resolve(ctx.doc) : node;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  if (key.tag !== undefined) return key.tag === `${YAML_TAG_PREFIX}merge`;
  return key.type === 'PLAIN' && resolvePlainScalar(String(key.value)) === 'merge';
}

/**
 * PyYAML flatten_mapping: entries pulled in by `<<` come first (from a list of mappings, the
 * earliest mapping wins), then the mapping's own entries, so explicit keys override merged ones.
 */
function flattenPairs(map: YAMLMap, ctx: ConstructContext): Pair[] {
  const merged: Pair[] = [];
  const own: Pair[] = [];
  for (const pair of map.items as Pair[]) {
    if (!isMergeKey(pair.key)) {
      own.push(pair);
      continue;
    }
    const value = deref(pair.value, ctx);
    if (isMap(value)) merged.push(...flattenPairs(value, ctx));
    else if (isSeq(value)) {
      const sources = value.items.map((item) => {
        const target = deref(item, ctx);
        if (!isMap(target)) fail('expected a mapping for merging', item as YamlNode);
        return flattenPairs(target, ctx);
      });
      for (const pairs of sources.reverse()) merged.push(...pairs);
    } else fail('expected a mapping or list of mappings for merging', value as YamlNode);
  }
  return [...merged, ...own];
}

/** JS objects need string keys; other scalar keys are converted with `String()`. */
function keyString(key: unknown, node: unknown): string {
  if (typeof key === 'string') return key;
  if (key === null || typeof key !== 'object') return String(key);
  if (key instanceof Date) return key.toISOString();
  return fail('found unhashable key', node as YamlNode);
}

function constructMapping(map: YAMLMap, ctx: ConstructContext): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const pair of flattenPairs(map, ctx)) {
    // A plain `=` key is a string to PyYAML (flatten_mapping re-tags it).
    const key = isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.value === '=' ? '=' : construct(pair.key, ctx);
    // defineProperty: a key named `__proto__` must become data, not change the prototype.
    Object.defineProperty(result, keyString(key, pair.key), {
      value: construct(pair.value, ctx),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

function construct(node: unknown, ctx: ConstructContext): unknown {
  const target = deref(node, ctx);
  if (target === null || target === undefined) return null; // `key:` with nothing after it
  if (isScalar(target)) return constructScalar(target, ctx.source);
  if (isSeq(target)) {
    const tag = target.tag ?? `${YAML_TAG_PREFIX}seq`;
    if (tag !== `${YAML_TAG_PREFIX}seq` && tag !== '!') fail(`unsupported tag ${tag}`, target);
    return target.items.map((item) => construct(item, ctx));
  }
  if (isMap(target)) {
    const tag = target.tag ?? `${YAML_TAG_PREFIX}map`;
    if (tag !== `${YAML_TAG_PREFIX}map` && tag !== '!') fail(`unsupported tag ${tag}`, target);
    return constructMapping(target, ctx);
  }
  return fail('unexpected YAML node', target as YamlNode);
}

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
  const doc = parseDocument(lexable, { version: '1.1', schema: 'failsafe', uniqueKeys: false, merge: false });
  const error = doc.errors[0];
  if (error) throw new YamlParseError(error.message, { offset: error.pos[0], cause: error });
  return construct(doc.contents, { doc, source: text });
}
