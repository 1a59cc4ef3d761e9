/**
 * Orderings as Python defines them. Python compares strings by code point; JavaScript's `<`
 * compares UTF-16 code units, which puts characters above U+FFFF (emoji, say) before U+E000-U+FFFF.
 */

/** Negative, zero or positive as `a` sorts before, with or after `b` in code-point order. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

/** Maps UTF-16 code units so that surrogates (astral code points) sort after U+E000-U+FFFF. */
function fixup(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/**
 * Python's comparison of an int (`lhs`, a whole number of milliseconds) with a numeric literal.
 * Integer literals beyond 2^53 are compared exactly, as Python's arbitrary-precision ints are.
 */
export function compareWithLiteral(lhs: number, literal: { readonly text: string; readonly value: number }, exactIntegers: boolean): number {
  if (exactIntegers && !Number.isSafeInteger(literal.value) && /^-?\d+$/.test(literal.text) && Number.isInteger(lhs)) {
    const a = BigInt(lhs);
    const b = BigInt(literal.text);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return lhs < literal.value ? -1 : lhs > literal.value ? 1 : lhs === literal.value ? 0 : Number.NaN;
}
