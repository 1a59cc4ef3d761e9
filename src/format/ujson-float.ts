/**
 * Float text as pandas' `DataFrame.to_json` writes it (its bundled ultrajson encoder,
 * Buffer_AppendDoubleUnchecked with the default double_precision of 10): up to 10 decimals
 * rounded in a peculiar way, trailing zeros dropped but at least `.0`, and C's `%.10g` for
 * magnitudes above 1e16 - 1 or below 1e-15. NaN and infinities are written as `null`.
 *
 * @example formatUjsonFloat(1 / 3); // '0.3333333333'
 * @example formatUjsonFloat(1.5e16); // '1.5e+16'
 */
export function formatUjsonFloat(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  const negative = value < 0;
  const magnitude = Math.abs(value);
  if (magnitude > 1e16 - 1 || (magnitude !== 0 && magnitude < 1e-15)) return formatG10(value);
  let whole = Math.trunc(magnitude);
  const scaled = (magnitude - whole) * 1e10;
  let fraction = Math.trunc(scaled);
  const rest = scaled - fraction;
  // ujson rounds half up when the digit is odd, and also when the fraction is 0.
  if (rest > 0.5 || (rest === 0.5 && (fraction === 0 || fraction % 2 === 1))) fraction += 1;
  if (fraction >= 1e10) {
    fraction = 0;
    whole += 1;
  }
  let decimals = '0';
  if (fraction !== 0) decimals = String(fraction).padStart(10, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${BigInt(whole).toString()}.${decimals}`;
}

/**
 * C's `printf("%.10g")` for the magnitudes it is used for here, which always take the
 * exponent form: 10 significant digits rounded half to even on the exact binary value,
 * trailing zeros dropped, exponent with a sign and at least two digits.
 */
function formatG10(value: number): string {
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  let digits: string;
  let exponent: number;
  if (magnitude >= 1e16) {
    // Above 2^53 every double is an integer, so its exact digits are known and a tie at the
    // 11th digit can be rounded to even, as glibc does.
    const exact = BigInt(magnitude).toString();
    exponent = exact.length - 1;
    digits = roundHalfEven(exact, 10);
    if (digits.length > 10) {
      digits = digits.slice(0, 10);
      exponent += 1;
    }
  } else {
    // Tiny magnitudes have exact expansions hundreds of digits long: no ties.
    const [mantissa = '', exp = '0'] = magnitude.toExponential(9).split('e');
    digits = mantissa.replace('.', '');
    exponent = Number(exp);
  }
  const trimmed = digits.replace(/0+$/, '');
  const mantissa = trimmed.length > 1 ? `${trimmed[0]}.${trimmed.slice(1)}` : (trimmed || '0');
  const expText = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${expText}`;
}

/** The first `count` digits of a digit string, rounded half to even on the rest. */
function roundHalfEven(digits: string, count: number): string {
  const head = digits.slice(0, count);
  const tail = digits.slice(count);
  const first = tail[0] ?? '0';
  const beyond = /[1-9]/.test(tail.slice(1));
  const roundUp = first > '5' || (first === '5' && (beyond || Number(head.at(-1)) % 2 === 1));
  return roundUp ? (BigInt(head) + 1n).toString() : head;
}
