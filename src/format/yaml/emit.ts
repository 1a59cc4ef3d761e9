/**
 * The three scalar writers of libyaml's emitter.c (write_plain_scalar, write_single_quoted,
 * write_double_quoted), with their folding at {@link BEST_WIDTH} columns.
 */
import { type ScalarAnalysis, chooseStyle } from './analyze.js';
import { BACKSLASH, DOUBLE_QUOTE, LINE_FEED, SINGLE_QUOTE, SPACE, isBreak, isPrintable } from './chars.js';
import { BEST_INDENT, BEST_WIDTH, type YamlWriter } from './writer.js';

/** libyaml's short escapes in double-quoted scalars; anything else gets \x, \u or \U. */
const SHORT_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [DOUBLE_QUOTE, '"'],
  [BACKSLASH, '\\'],
  [0x85, 'N'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

function escapeForDoubleQuotes(cp: number): string {
  const short = SHORT_ESCAPES.get(cp);
  if (short !== undefined) return `\\${short}`;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

function needsEscape(cp: number): boolean {
  return !isPrintable(cp) || isBreak(cp) || cp === DOUBLE_QUOTE || cp === BACKSLASH;
}

/** Scalars are written one indent step deeper than their parent; folded lines start there. */
export function emitScalar(w: YamlWriter, analysis: ScalarAnalysis, plainImplicit: boolean, simpleKey: boolean): void {
  const saved = w.indent;
  w.indent = saved < 0 ? BEST_INDENT : saved + BEST_INDENT;
  const allowBreaks = !simpleKey;
  const cps = analysis.codePoints;
  switch (chooseStyle(analysis, plainImplicit, simpleKey)) {
    case 'plain':
      writePlain(w, cps, allowBreaks);
      break;
    case 'single':
      writeSingleQuoted(w, cps, allowBreaks);
      break;
    case 'double':
      writeDoubleQuoted(w, cps, allowBreaks);
      break;
  }
  w.indent = saved;
}

/**
 * Plain text, folding at the first space of a single space once past the width (a run of
 * spaces is never folded: folding would collapse it). Plain never contains breaks.
 */
function writePlain(w: YamlWriter, cps: readonly number[], allowBreaks: boolean): void {
  if (!w.whitespace && cps.length > 0) w.put(' ');
  let spaces = false;
  cps.forEach((cp, i) => {
    if (cp === SPACE) {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && cps[i + 1] !== SPACE) w.writeIndent();
      else w.writeChar(cp);
      spaces = true;
    } else {
      w.writeChar(cp);
      w.indention = false;
      spaces = false;
    }
  });
  w.whitespace = false;
  w.indention = false;
}

/**
 * Single quotes: `'` doubled; a line break is written as a blank line (the first LF of a run
 * gets an extra LF, since one LF alone would fold to a space); folding as in plain, but never
 * at the first or last character.
 */
function writeSingleQuoted(w: YamlWriter, cps: readonly number[], allowBreaks: boolean): void {
  w.writeIndicator("'", true, false, false);
  let spaces = false;
  let breaks = false;
  cps.forEach((cp, i) => {
    if (cp === SPACE) {
      const inner = i !== 0 && i !== cps.length - 1;
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && inner && cps[i + 1] !== SPACE) w.writeIndent();
      else w.writeChar(cp);
      spaces = true;
    } else if (isBreak(cp)) {
      if (!breaks && cp === LINE_FEED) w.putBreak();
      w.writeBreak(cp);
      w.indention = true;
      breaks = true;
    } else {
      if (breaks) w.writeIndent();
      if (cp === SINGLE_QUOTE) w.put("'");
      w.writeChar(cp);
      w.indention = false;
      spaces = false;
      breaks = false;
    }
  });
  if (breaks) w.writeIndent();
  w.writeIndicator("'", false, false, false);
  w.whitespace = false;
  w.indention = false;
}

/**
 * Double quotes: escapes for non-printables, breaks, `"` and `\`; folding at an inner space
 * past the width, with `\` before a following space so the reader keeps it.
 */
function writeDoubleQuoted(w: YamlWriter, cps: readonly number[], allowBreaks: boolean): void {
  w.writeIndicator('"', true, false, false);
  let spaces = false;
  cps.forEach((cp, i) => {
    if (needsEscape(cp)) {
      w.put(escapeForDoubleQuotes(cp));
      spaces = false;
    } else if (cp === SPACE) {
      const inner = i !== 0 && i !== cps.length - 1;
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && inner) {
        w.writeIndent();
        if (cps[i + 1] === SPACE) w.put('\\');
      } else {
        w.writeChar(cp);
      }
      spaces = true;
    } else {
      w.writeChar(cp);
      spaces = false;
    }
  });
  w.writeIndicator('"', false, false, false);
  w.whitespace = false;
  w.indention = false;
}
