/**
 * Case-insensitive character matching as Python's `re.IGNORECASE` does it for str patterns
 * (`re/_compiler.py`): a pattern character that has no case matches only itself; one that has
 * case matches every character whose simple lowercase mapping equals its own, plus the few
 * lowercase letters that share an uppercase with it (`ſ` and `s`, `ι` and `ͅ`, ...).
 */

/** Simple uppercase mappings of the characters whose full uppercase is several characters. */
const SIMPLE_UPPER = new Map<number, number>([
  ...range(0x1f80, 0x1f88, 8),
  ...range(0x1f90, 0x1f98, 8),
  ...range(0x1fa0, 0x1fa8, 8),
  [0x1fb3, 0x1fbc],
  [0x1fc3, 0x1fcc],
  [0x1ff3, 0x1ffc],
]);

function range(from: number, to: number, count: number): Array<[number, number]> {
  return Array.from({ length: count }, (_, i) => [from + i, to + i] as [number, number]);
}

/**
 * Lowercase letters that share an uppercase form, derived from the Unicode case mappings
 * (identical to CPython's `re._casefix._EXTRA_CASES` for Python 3.11).
 */
const SHARED_UPPERCASE: readonly (readonly number[])[] = [
  [0x69, 0x131], [0x73, 0x17f], [0xb5, 0x3bc], [0x345, 0x3b9, 0x1fbe], [0x390, 0x1fd3], [0x3b0, 0x1fe3],
  [0x3b2, 0x3d0], [0x3b5, 0x3f5], [0x3b8, 0x3d1], [0x3ba, 0x3f0], [0x3c0, 0x3d6], [0x3c1, 0x3f1],
  [0x3c2, 0x3c3], [0x3c6, 0x3d5], [0x432, 0x1c80], [0x434, 0x1c81], [0x43e, 0x1c82], [0x441, 0x1c83],
  [0x442, 0x1c84, 0x1c85], [0x44a, 0x1c86], [0x463, 0x1c87], [0x1c88, 0xa64b], [0x1e61, 0x1e9b], [0xfb05, 0xfb06],
];

const EQUIVALENTS = new Map<number, readonly number[]>();
for (const group of SHARED_UPPERCASE) for (const cp of group) EQUIVALENTS.set(cp, group);

/** Python's `_sre.unicode_tolower`: the simple (one-character) lowercase mapping. */
export function simpleLower(cp: number): number {
  const lower = String.fromCodePoint(cp).toLowerCase();
  const first = lower.codePointAt(0)!;
  return lower.length === String.fromCodePoint(first).length ? first : cp === 0x130 ? 0x69 : cp;
}

function simpleUpper(cp: number): number {
  const upper = String.fromCodePoint(cp).toUpperCase();
  const first = upper.codePointAt(0)!;
  return upper.length === String.fromCodePoint(first).length ? first : (SIMPLE_UPPER.get(cp) ?? cp);
}

/** Python's `_sre.unicode_iscased`. */
function isCased(cp: number): boolean {
  return simpleLower(cp) !== cp || simpleUpper(cp) !== cp;
}

/** A predicate for "this string character matches pattern character `p` ignoring case". */
export function caseInsensitiveMatcher(p: number): (c: number) => boolean {
  if (!isCased(p)) return (c) => c === p;
  const lower = simpleLower(p);
  const accepted = EQUIVALENTS.get(lower) ?? [lower];
  return (c) => {
    const lc = simpleLower(c);
    return lc === lower || accepted.includes(lc);
  };
}
