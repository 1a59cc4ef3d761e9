import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYaml, renderYaml, resolvePlainScalar, YamlParseError, type YamlMapping } from '../../src/format/yaml/index.js';

/**
 * yaml-golden.json holds inputs and the exact bytes PyYAML 6.0.3 (libyaml) wrote for them with
 * yaml.dump(value, default_flow_style=False, allow_unicode=True, sort_keys=True,
 * Dumper=yaml.CSafeDumper). Integers beyond 2^53 are stored as {"$bigint": "<digits>"}.
 */
interface GoldenCase {
  readonly group: string;
  readonly name: string;
  readonly value: unknown;
  readonly yaml: string;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== 'object') return value;
  if ('$bigint' in value) return BigInt((value as { $bigint: string }).$bigint);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decode(item)]));
}

const golden = (JSON.parse(readFileSync(new URL('./yaml-golden.json', import.meta.url), 'utf8')) as GoldenCase[]).map(
  (c) => ({ ...c, value: decode(c.value) as YamlMapping }),
);
const groups = [...new Set(golden.map((c) => c.group))];

describe('renderYaml matches PyYAML CSafeDumper byte for byte', () => {
  for (const group of groups) {
    describe(group, () => {
      for (const c of golden.filter((g) => g.group === group)) {
        it(c.name, () => {
          expect(renderYaml(c.value)).toBe(c.yaml);
        });
      }
    });
  }
});

describe('parseYaml reads back what PyYAML wrote', () => {
  for (const group of groups) {
    it(`returns the original values for every "${group}" case`, () => {
      for (const c of golden.filter((g) => g.group === group)) {
        expect(parseYaml(c.yaml), c.name).toEqual(c.value);
      }
    });
  }
});

describe('renderYaml', () => {
  it('writes a small bigint exactly like the same number', () => {
    expect(renderYaml({ k: 5n })).toBe(renderYaml({ k: 5 }));
  });

  it('writes negative zero as 0, as Python has no negative integer zero', () => {
    expect(renderYaml({ k: -0 })).toBe('k: 0\n');
  });

  it('writes a key named __proto__ like any other key', () => {
    const value = JSON.parse('{"__proto__": "x", "a": "b"}') as YamlMapping;
    expect(renderYaml(value)).toBe('__proto__: x\na: b\n');
  });

  it('rejects an undefined field with a TypeError that names it', () => {
    expect(() => renderYaml({ tags: { a: undefined } })).toThrow(/value\.tags\.a/);
  });

  it('rejects numbers that are not safe integers', () => {
    expect(() => renderYaml({ k: 1.5 })).toThrow(TypeError);
    expect(() => renderYaml({ k: 2 ** 53 })).toThrow(/bigint/);
    expect(() => renderYaml({ k: Number.NaN })).toThrow(TypeError);
  });

  it('rejects strings with a lone surrogate, which Python cannot encode either', () => {
    expect(() => renderYaml({ k: 'a\ud800b' })).toThrow(/surrogate/);
  });

  it('rejects class instances such as Date', () => {
    expect(() => renderYaml({ k: new Date(0) as never })).toThrow(/plain object/);
  });

  it('rejects a mapping that contains itself', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => renderYaml(cyclic)).toThrow(/parents/);
  });

  it('rejects a top-level array', () => {
    expect(() => renderYaml(['a'] as never)).toThrow(/mapping/);
  });
});

describe('parseYaml', () => {
  it('reads a legacy unquoted 18-digit experiment id as an exact bigint', () => {
    const parsed = parseYaml('experiment_id: 473869837152367325\nname: Default\n') as Record<string, unknown>;
    expect(parsed.experiment_id).toBe(473869837152367325n);
    expect(String(parsed.experiment_id)).toBe('473869837152367325');
  });

  it('reads integers up to 2^53 - 1 as numbers and larger ones as bigints', () => {
    expect(parseYaml('a: 9007199254740991\nb: 9007199254740992\nc: -9007199254740993\n')).toEqual({
      a: 9007199254740991,
      b: 9007199254740992n,
      c: -9007199254740993n,
    });
  });

  it('reads a quoted experiment id as a string', () => {
    expect(parseYaml("experiment_id: '473869837152367325'\n")).toEqual({ experiment_id: '473869837152367325' });
  });

  it('reads 1e3 as a string because a YAML 1.1 float needs a dot', () => {
    expect(parseYaml('k: 1e3\n')).toEqual({ k: '1e3' });
  });

  it('reads 1.0e5 as a string because a YAML 1.1 exponent needs a sign', () => {
    expect(parseYaml('a: 1.0e5\nb: 1.0e+5\n')).toEqual({ a: '1.0e5', b: 100000 });
  });

  it('reads YAML 1.1 floats, infinities and NaN', () => {
    expect(parseYaml('a: 1.5\nb: .5\nc: 1.\nd: -.inf\ne: .NaN\nf: 1_000.5\ng: 1:30.5\n')).toEqual({
      a: 1.5,
      b: 0.5,
      c: 1,
      d: -Infinity,
      e: Number.NaN,
      f: 1000.5,
      g: 90.5,
    });
  });

  it('reads yes, No, on, OFF, True and false as booleans', () => {
    expect(parseYaml('a: yes\nb: No\nc: on\nd: OFF\ne: True\nf: false\n')).toEqual({
      a: true,
      b: false,
      c: true,
      d: false,
      e: true,
      f: false,
    });
  });

  it('reads y, n and mixed-case yEs as strings, as PyYAML does', () => {
    expect(parseYaml('a: y\nb: n\nc: yEs\n')).toEqual({ a: 'y', b: 'n', c: 'yEs' });
  });

  it('reads ~, null, NULL and an empty value as null', () => {
    expect(parseYaml('a: ~\nb: null\nc: NULL\nd:\n')).toEqual({ a: null, b: null, c: null, d: null });
  });

  it('reads an empty document, a comment-only document and a bare --- as null', () => {
    expect(parseYaml('')).toBeNull();
    expect(parseYaml('# nothing here\n')).toBeNull();
    expect(parseYaml('---\n')).toBeNull();
  });

  it('reads hex, octal, binary, underscored and sexagesimal integers', () => {
    expect(parseYaml('a: 0x1F\nb: 017\nc: 0b101\nd: 1_000\ne: 1:30\nf: -1:00:00\ng: +12\n')).toEqual({
      a: 31,
      b: 15,
      c: 5,
      d: 1000,
      e: 90,
      f: -3600,
      g: 12,
    });
  });

  it('reads 0o17, 08 and -.5 as strings, as PyYAML does', () => {
    expect(parseYaml('a: 0o17\nb: 08\nc: -.5\n')).toEqual({ a: '0o17', b: '08', c: '-.5' });
  });

  it('reads quoted scalars as strings whatever they look like', () => {
    expect(parseYaml("a: 'yes'\nb: \"12\"\nc: ''\nd: '~'\n")).toEqual({ a: 'yes', b: '12', c: '', d: '~' });
  });

  it('reads CRLF line endings like LF, also inside multi-line strings', () => {
    expect(parseYaml("name: x\r\nnote: 'a\r\n\r\n  b'\r\ntags: []\r\n")).toEqual({ name: 'x', note: 'a\nb', tags: [] });
  });

  it('skips a leading byte order mark', () => {
    expect(parseYaml('\ufeffname: x\n')).toEqual({ name: 'x' });
  });

  it('reads a line separator inside single quotes as a kept line break, as libyaml does', () => {
    expect(parseYaml("k: 'a\u2028  b'\n")).toEqual({ k: 'a\u2028b' });
    expect(parseYaml("k: 'a\n\n\u2028  b'\n")).toEqual({ k: 'a\n\u2028b' });
  });

  it('reads double-quoted escapes including \\N, \\L, \\_ and \\U', () => {
    expect(parseYaml('k: "\\x41\\N\\L\\P\\_\\U0001F600\\t"\n')).toEqual({ k: 'A\u0085\u2028\u2029\u00a0\u{1F600}\t' });
  });

  it('reads timestamps as Dates, in UTC when no zone is given', () => {
    expect(parseYaml('a: 2024-01-01\nb: 2024-1-2 10:20:30.5\nc: 2024-01-01T10:00:00+02:00\n')).toEqual({
      a: new Date('2024-01-01T00:00:00Z'),
      b: new Date('2024-01-02T10:20:30.500Z'),
      c: new Date('2024-01-01T08:00:00Z'),
    });
  });

  it('resolves a scalar tagged with a bare ! implicitly, like the C loader', () => {
    expect(parseYaml("a: ! 12\nb: ! 'yes'\n")).toEqual({ a: 12, b: true });
  });

  it('honours the explicit tags the safe loader knows', () => {
    expect(parseYaml("a: !!str 12\nb: !!int '12'\nc: !!float '1'\nd: !!binary aGk=\n")).toEqual({
      a: '12',
      b: 12,
      c: 1,
      d: new Uint8Array([104, 105]),
    });
  });

  it('resolves anchors, aliases and << merge keys with explicit keys winning', () => {
    const text = 'base: &b {x: 1, y: 2}\nother: &o {y: 5, z: 6}\nchild:\n  <<: [*b, *o]\n  x: 9\n';
    expect(parseYaml(text)).toEqual({ base: { x: 1, y: 2 }, other: { y: 5, z: 6 }, child: { x: 9, y: 2, z: 6 } });
  });

  it('keeps the last of duplicate keys, as PyYAML does', () => {
    expect(parseYaml('a: 1\na: 2\n')).toEqual({ a: 2 });
  });

  it('reads a plain = key as the string "="', () => {
    expect(parseYaml('=: 1\n')).toEqual({ '=': 1 });
  });

  it('stores a key named __proto__ as data, not as the prototype', () => {
    const parsed = parseYaml('__proto__: x\n') as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('converts non-string keys with String()', () => {
    expect(parseYaml('1: a\nyes: b\n~: c\n')).toEqual({ 1: 'a', true: 'b', null: 'c' });
  });

  it('reads flow collections and nested block collections', () => {
    expect(parseYaml('a: [1, x, {b: on}]\nc:\n  d:\n  - e\n')).toEqual({ a: [1, 'x', { b: true }], c: { d: ['e'] } });
  });
});

describe('parseYaml errors', () => {
  function parseError(text: string): YamlParseError {
    try {
      parseYaml(text);
    } catch (error) {
      if (error instanceof YamlParseError) return error;
      throw error;
    }
    throw new Error(`expected ${JSON.stringify(text)} to fail`);
  }

  it('throws a YamlParseError, a plain Error the store can wrap, for malformed YAML', () => {
    const error = parseError('a: [1\n');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('YamlParseError');
    expect(error.offset).toBeTypeOf('number');
  });

  it('points at the offset of an unclosed quote', () => {
    expect(parseError("a: 1\nb: 'open\n").offset).toBeGreaterThanOrEqual(5);
  });

  it('throws for a stream with more than one document, like yaml.load', () => {
    expect(parseError('a: 1\n---\nb: 2\n').message).toMatch(/multiple documents/);
  });

  it('throws for control characters, which libyaml refuses to read', () => {
    const error = parseError('a: b\u0001\n');
    expect(error.message).toMatch(/U\+0001/);
    expect(error.offset).toBe(4);
  });

  it('throws for a plain = or << value, which the safe loader cannot construct', () => {
    expect(parseError('a: =\n').message).toMatch(/constructor/);
    expect(parseError('a: <<\n').message).toMatch(/constructor/);
  });

  it('throws for tags the safe loader does not know', () => {
    expect(parseError('a: !!python/tuple [1]\n').message).toMatch(/tag/);
    expect(parseError('a: !custom x\n').message).toMatch(/custom/);
  });

  it('throws for an integer PyYAML cannot convert, such as 0b_', () => {
    expect(parseError('a: 0b_\n').message).toMatch(/invalid integer/);
  });

  it('throws for an impossible date', () => {
    expect(parseError('a: 2024-02-30\n').message).toMatch(/invalid timestamp/);
  });
});

describe('resolvePlainScalar', () => {
  it('names the YAML 1.1 type PyYAML would give a plain scalar', () => {
    expect(['yes', '0x1F', '1.5', '~', '2024-01-01', '<<', '=', '1e3', 'abc'].map(resolvePlainScalar)).toEqual([
      'bool',
      'int',
      'float',
      'null',
      'timestamp',
      'merge',
      'value',
      'str',
      'str',
    ]);
  });
});

describe('renderYaml and parseYaml together', () => {
  // A small deterministic generator: the Python comparison ran on 100,000+ cases; this keeps a
  // cheap guard in the suite for readers of our own output.
  function* strings(count: number): Generator<string> {
    const alphabet = [...'ab yes:#-\'"\\\n\t\r01.e_~ ', '\u0085', '\u2028', '\u00e9', '\u{1F600}', '\ufeff', '\u0000'];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < count; i++) {
      const length = next() % (i % 10 === 0 ? 200 : 12);
      yield Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
    }
  }

  it('reads back every one of 2,000 generated strings, as values and as keys', () => {
    for (const text of strings(2000)) {
      const value = { [text]: text, nested: { list: [text] } };
      expect(parseYaml(renderYaml(value)), JSON.stringify(text)).toEqual(value);
    }
  });
});
