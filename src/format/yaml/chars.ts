/** Character classes, as libyaml defines them (yaml_private.h). */

export const SPACE = 0x20;
export const LINE_FEED = 0x0a;
export const SINGLE_QUOTE = 0x27;
export const DOUBLE_QUOTE = 0x22;
export const BACKSLASH = 0x5c;
const BYTE_ORDER_MARK = 0xfeff;

/** YAML 1.1 line breaks: CR, LF, NEL and the two Unicode separators. */
export function isBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

/** Space, tab, a break, NUL or the end of the string (libyaml's IS_BLANKZ). */
export function isBlankOrEnd(cp: number | undefined): boolean {
  return cp === undefined || cp === 0 || cp === SPACE || cp === 0x09 || isBreak(cp);
}

/**
 * libyaml's IS_PRINTABLE. Narrower than one might guess: TAB, CR, DEL, C1 controls, the BOM,
 * U+FFFE/U+FFFF and every character outside the BMP (emoji!) count as non-printable, which
 * forces double quotes and a `\t` / `\U0001F600` escape even with allow_unicode=True.
 */
export function isPrintable(cp: number): boolean {
  return (
    cp === LINE_FEED ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== BYTE_ORDER_MARK)
  );
}

export function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** The string's code points; the emitter counts columns and compares keys in them. */
export function codePointsOf(text: string): number[] {
  return Array.from(text, (ch) => ch.codePointAt(0) ?? 0);
}
