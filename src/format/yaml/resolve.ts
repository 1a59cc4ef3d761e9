/** YAML 1.1 implicit resolution (PyYAML resolver.py, Resolver's implicit resolvers). */

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
