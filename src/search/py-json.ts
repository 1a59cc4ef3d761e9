/**
 * Python's `json.loads(bytes)`, for decoding page tokens as MLflow does: integers are exact
 * (bigint), NaN / Infinity / -Infinity are accepted, a repeated key keeps its last value, and
 * the result keeps Python's distinction between int and float.
 */

export type PyJson =
  | { readonly t: 'null' }
  | { readonly t: 'bool'; readonly value: boolean }
  | { readonly t: 'int'; readonly value: bigint }
  | { readonly t: 'float'; readonly value: number }
  | { readonly t: 'str'; readonly value: string }
  | { readonly t: 'list'; readonly items: readonly PyJson[] }
  | { readonly t: 'dict'; readonly entries: ReadonlyMap<string, PyJson> };

class JsonError extends Error {}

/** The parsed value, or undefined where Python raises ValueError (bad UTF-8 or bad JSON). */
export function pyJsonLoads(bytes: Uint8Array): PyJson | undefined {
  let text: string;
  try {
    // json.detect_encoding: a UTF-8 BOM is dropped; UTF-16/32 tokens are not something MLflow writes.
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    return undefined;
  }
  try {
    const reader = new JsonReader(text);
    const value = reader.value();
    reader.end();
    return value;
  } catch (error) {
    if (error instanceof JsonError) return undefined;
    throw error;
  }
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class JsonReader {
  private pos = 0;
  constructor(private readonly src: string) {}

  end(): void {
    this.space();
    if (this.pos !== this.src.length) throw new JsonError('Extra data');
  }

  private space(): void {
    WS.lastIndex = this.pos;
    WS.exec(this.src);
    this.pos = WS.lastIndex;
  }

  private word(word: string): boolean {
    if (!this.src.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  value(): PyJson {
    this.space();
    const ch = this.src[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return { t: 'str', value: this.string() };
    if (this.word('null')) return { t: 'null' };
    if (this.word('true')) return { t: 'bool', value: true };
    if (this.word('false')) return { t: 'bool', value: false };
    if (this.word('NaN')) return { t: 'float', value: Number.NaN };
    if (this.word('Infinity')) return { t: 'float', value: Number.POSITIVE_INFINITY };
    if (this.word('-Infinity')) return { t: 'float', value: Number.NEGATIVE_INFINITY };
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.src);
    if (m === null) throw new JsonError('Expecting value');
    this.pos = NUMBER.lastIndex;
    return m[2] === undefined && m[3] === undefined ? { t: 'int', value: BigInt(m[0]) } : { t: 'float', value: Number(m[0]) };
  }

  private object(): PyJson {
    this.pos++;
    const entries = new Map<string, PyJson>();
    this.space();
    if (this.word('}')) return { t: 'dict', entries };
    for (;;) {
      this.space();
      if (this.src[this.pos] !== '"') throw new JsonError('Expecting property name');
      const key = this.string();
      this.space();
      if (!this.word(':')) throw new JsonError("Expecting ':'");
      entries.set(key, this.value());
      this.space();
      if (this.word('}')) return { t: 'dict', entries };
      if (!this.word(',')) throw new JsonError("Expecting ','");
    }
  }

  private array(): PyJson {
    this.pos++;
    const items: PyJson[] = [];
    this.space();
    if (this.word(']')) return { t: 'list', items };
    for (;;) {
      items.push(this.value());
      this.space();
      if (this.word(']')) return { t: 'list', items };
      if (!this.word(',')) throw new JsonError("Expecting ','");
    }
  }

  private string(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === undefined) throw new JsonError('Unterminated string');
      this.pos++;
      if (ch === '"') return out;
      if (ch < ' ') throw new JsonError('Invalid control character');
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = this.src[this.pos++];
      if (esc !== undefined && esc in ESCAPES) out += ESCAPES[esc];
      else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(this.src.slice(this.pos, this.pos + 4))) {
        out += String.fromCharCode(parseInt(this.src.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else throw new JsonError('Invalid \\escape');
    }
  }
}

/** Python's repr of a parsed JSON value (for error messages). */
export function pyRepr(value: PyJson): string {
  switch (value.t) {
    case 'null':
      return 'None';
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'int':
      return value.value.toString();
    case 'float':
      return Number.isNaN(value.value) ? 'nan' : !Number.isFinite(value.value) ? (value.value > 0 ? 'inf' : '-inf') : String(value.value);
    case 'str':
      return `'${value.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'list':
      return `[${value.items.map(pyRepr).join(', ')}]`;
    case 'dict':
      return `{${[...value.entries].map(([k, v]) => `'${k}': ${pyRepr(v)}`).join(', ')}}`;
  }
}
