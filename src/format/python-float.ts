/**
 * Python's number text, both ways. MLflow writes metric values with `repr(float)` and reads
 * them with `float()`, timestamps and steps with `int()`; JavaScript's own conversions differ
 * (`String(1e-5)` is "0.00001", `Number("inf")` is NaN), so both directions are spelled out here.
 */

/**
 * Formats a number as Python's `repr(float(x))`: shortest round-trip digits, fixed notation
 * with a trailing `.0` when the decimal exponent is in [-4, 16), otherwise scientific notation
 * with a sign and at least two exponent digits; `nan`, `inf`, `-inf` for the special values.
 *
 * @example formatPythonFloat(0.00001) === '1e-05'; formatPythonFloat(3) === '3.0'
 */
export function formatPythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest digits that round-trip, like repr.
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits[0]}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intLength = exponent + 1;
  if (digits.length <= intLength) return `${sign}${digits.padEnd(intLength, '0')}.0`;
  return `${sign}${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
}

const DIGITS = String.raw`\d(?:_?\d)*`;
const FLOAT_TEXT = new RegExp(
  String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`,
);
const SPECIAL_FLOATS: Readonly<Record<string, number>> = {
  nan: NaN,
  inf: Infinity,
  infinity: Infinity,
};

/**
 * Parses text the way Python's `float()` does (surrounding whitespace, `_` between digits,
 * `nan`, `inf`, `infinity` in any case and with a sign). Returns undefined for anything
 * `float()` would reject.
 */
export function parsePythonFloat(text: string): number | undefined {
  const trimmed = text.trim();
  const unsigned = trimmed.replace(/^[+-]/, '').toLowerCase();
  const special = SPECIAL_FLOATS[unsigned];
  if (special !== undefined) return trimmed.startsWith('-') ? -special : special;
  if (!FLOAT_TEXT.test(trimmed)) return undefined;
  return Number(trimmed.replaceAll('_', ''));
}

const INT_TEXT = new RegExp(String.raw`^[+-]?${DIGITS}$`);

/** Parses text the way Python's `int()` does in base 10; undefined when it would raise. */
export function parsePythonInt(text: string): number | undefined {
  const trimmed = text.trim();
  if (!INT_TEXT.test(trimmed)) return undefined;
  return Number(trimmed.replaceAll('_', ''));
}
