/**
 * Scalar analysis and style choice (libyaml emitter.c, analyze_scalar and select_scalar_style,
 * restricted to block context: empty `{}`/`[]` are the only flow nodes).
 */
import { SPACE, codePointsOf, isBlankOrEnd, isBreak, isPrintable, utf8Length } from './chars.js';

export type ScalarStyle = 'plain' | 'single' | 'double';

export interface ScalarAnalysis {
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

export function analyzeScalar(text: string): ScalarAnalysis {
  const codePoints = codePointsOf(text);
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
export function chooseStyle(analysis: ScalarAnalysis, plainImplicit: boolean, simpleKey: boolean): ScalarStyle {
  if (simpleKey && analysis.multiline) return 'double';
  const emptyKey = simpleKey && analysis.codePoints.length === 0;
  if (analysis.blockPlainAllowed && plainImplicit && !emptyKey) return 'plain';
  return analysis.singleQuotedAllowed ? 'single' : 'double';
}
