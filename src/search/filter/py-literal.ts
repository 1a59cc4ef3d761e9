/**
 * The values of an `IN (...)` list. MLflow does not read them with its own quoting rules: it
 * hands the whole parenthesised text to Python's `ast.literal_eval`. So, unlike every other
 * value in a filter, list items are Python string literals: backslash escapes are processed
 * (`'a\nb'`), adjacent literals concatenate (`'a' "b"` is `ab`), `r`/`u` prefixes work, and
 * `('a')` is the one-element list `a`. This module evaluates the subset of Python literals that
 * can occur there; anything else is reported as ill-formed or as a non-string item.
 */

/** The digits of a `\x`, `\u` or `\U` escape (their count is checked apart). */
const HEX_DIGITS = /^[0-9a-fA-F]*$/;

export type PyValue =
  | { readonly t: 'str'; readonly value: string }
  | { readonly t: 'tuple'; readonly items: readonly PyValue[] }
  | { readonly t: 'other'; readonly repr: string };

export type ListParseResult =
  | { readonly ok: true; readonly values: readonly string[] }
  | { readonly ok: false; readonly problem: 'ill-formed' | 'empty' | 'not-strings'; readonly repr: string };

/** `ast.literal_eval(text)` followed by MLflow's "non-empty tuple of strings" check. */
export function parsePythonStringList(text: string): ListParseResult {
  let value: PyValue;
  try {
    const reader = new Reader(text.replace(/\r\n?/g, '\n'));
    value = reader.expression();
    reader.end();
  } catch (error) {
    if (error instanceof PySyntaxError) return { ok: false, problem: 'ill-formed', repr: text };
    throw error;
  }
  const items = value.t === 'tuple' ? value.items : [value];
  if (items.length === 0) return { ok: false, problem: 'empty', repr: '()' };
  if (!items.every((i) => i.t === 'str')) return { ok: false, problem: 'not-strings', repr: reprTuple(items) };
  return { ok: true, values: items.map((i) => (i as { value: string }).value) };
}

class PySyntaxError extends Error {}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

const STRING_START = /([rRuUbBfF]{0,2})('''|"""|'|")/y;
const OTHER_LITERAL = /(-|\+)?[ \t]*(\d[\d_]*\.?[\d_]*([eE][-+]?\d+)?[jJ]?|\.\d+|True|False|None)(?!\w)/y;
const OCTAL_TAIL = /[0-7]{1,2}/y;
const SPACE = /(?:[ \t\f\n]+|#[^\n]*|\\\n)/y;

class Reader {
  private pos = 0;
  constructor(private readonly src: string) {
    if (src.includes('\0')) throw new PySyntaxError('null byte');
  }

  end(): void {
    this.skipSpace();
    if (this.pos < this.src.length) throw new PySyntaxError('trailing text');
  }

  /** An atom, or (inside parentheses) a comma-separated sequence of atoms. */
  expression(): PyValue {
    this.skipSpace();
    const ch = this.src[this.pos];
    if (ch === '(') return this.parenthesised();
    if (ch === '[' || ch === '{') return this.container(ch === '[' ? ']' : '}');
    if (this.at(STRING_START) !== undefined) return this.strings();
    const other = this.at(OTHER_LITERAL);
    if (other === undefined) throw new PySyntaxError('not a literal');
    this.pos += other[0].length;
    return { t: 'other', repr: other[0] };
  }

  private parenthesised(): PyValue {
    this.pos++;
    const items: PyValue[] = [];
    let sawComma = false;
    for (;;) {
      this.skipSpace();
      if (this.src[this.pos] === ')') break;
      if (items.length > 0 && !sawComma) throw new PySyntaxError('missing comma');
      items.push(this.expression());
      this.skipSpace();
      sawComma = this.src[this.pos] === ',';
      if (sawComma) this.pos++;
    }
    this.pos++;
    if (items.length === 1 && !sawComma) return items[0]!;
    return { t: 'tuple', items };
  }

  /** A list or dict/set display: never a string, and literal_eval's details do not matter here. */
  private container(close: string): PyValue {
    const start = this.pos++;
    while (this.pos < this.src.length && this.src[this.pos] !== close) {
      this.skipSpace();
      if (this.src[this.pos] === close) break;
      this.expression();
      this.skipSpace();
      if (this.src[this.pos] === ',' || this.src[this.pos] === ':') this.pos++;
    }
    if (this.src[this.pos] !== close) throw new PySyntaxError('unclosed');
    this.pos++;
    return { t: 'other', repr: this.src.slice(start, this.pos) };
  }

  /** One or more adjacent string literals, concatenated (mixing bytes and str is an error). */
  private strings(): PyValue {
    let value = '';
    let bytes: boolean | undefined;
    for (;;) {
      this.skipSpace();
      const m = this.at(STRING_START);
      if (m === undefined) break;
      const prefix = m[1]!.toLowerCase();
      if (!['', 'r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf'].includes(prefix)) throw new PySyntaxError('prefix');
      // f-strings parse, but literal_eval refuses them (a JoinedStr node).
      if (prefix.includes('f')) throw new PySyntaxError('f-string');
      const isBytes = prefix.includes('b');
      if (bytes !== undefined && bytes !== isBytes) throw new PySyntaxError('cannot mix bytes and nonbytes literals');
      bytes = isBytes;
      this.pos += m[0].length;
      value += this.stringBody(m[2]!, prefix.includes('r'));
    }
    return bytes ? { t: 'other', repr: `b${pyRepr(value)}` } : { t: 'str', value };
  }

  private stringBody(quote: string, raw: boolean): string {
    let out = '';
    for (;;) {
      if (this.pos >= this.src.length) throw new PySyntaxError('unterminated string');
      if (this.src.startsWith(quote, this.pos)) {
        this.pos += quote.length;
        return out;
      }
      const ch = this.src[this.pos]!;
      if (ch === '\n' && quote.length === 1) throw new PySyntaxError('newline in string');
      if (ch !== '\\') {
        out += ch;
        this.pos++;
        continue;
      }
      const next = this.src[this.pos + 1];
      if (next === undefined) throw new PySyntaxError('unterminated string');
      if (raw) {
        out += next === '\n' ? '\\\n' : `\\${next}`;
        this.pos += 2;
        continue;
      }
      out += this.escape();
    }
  }

  private escape(): string {
    const next = this.src[this.pos + 1]!;
    this.pos += 2;
    if (next in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[next]!;
    if (/[0-7]/.test(next)) {
      const digits = this.at(OCTAL_TAIL)?.[0] ?? '';
      this.pos += digits.length;
      return String.fromCodePoint(parseInt(next + digits, 8));
    }
    const width = { x: 2, u: 4, U: 8 }[next as 'x' | 'u' | 'U'];
    if (width !== undefined) {
      const hex = this.src.slice(this.pos, this.pos + width);
      if (hex.length !== width || !HEX_DIGITS.test(hex)) throw new PySyntaxError('truncated escape');
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new PySyntaxError('illegal Unicode character');
      this.pos += width;
      return String.fromCodePoint(code);
    }
    // \N{NAME} needs the Unicode name database, which JavaScript does not ship.
    if (next === 'N') throw new PySyntaxError('named Unicode escapes are not supported');
    return `\\${next}`;
  }

  /** Matches a sticky regex at the current position, without copying the source. */
  private at(regex: RegExp): RegExpExecArray | undefined {
    regex.lastIndex = this.pos;
    return regex.exec(this.src) ?? undefined;
  }

  private skipSpace(): void {
    for (;;) {
      const m = this.at(SPACE);
      if (m === undefined) return;
      this.pos += m[0].length;
    }
  }
}

/** Python's `repr` of a str (close enough for error messages). */
export function pyRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  const body = value
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

function reprTuple(items: readonly PyValue[]): string {
  const parts = items.map((i) => (i.t === 'str' ? pyRepr(i.value) : i.t === 'tuple' ? reprTuple(i.items) : i.repr));
  return `(${parts.join(', ')}${parts.length === 1 ? ',' : ''})`;
}
