/**
 * The emitter's output buffer and the low-level writes of libyaml's emitter.c (write_indent,
 * write_indicator, PUT, PUT_BREAK, WRITE), with the state they keep.
 */
import { LINE_FEED } from './chars.js';

/** Line width PyYAML leaves at libyaml's default; a plain/quoted line folds once past it. */
export const BEST_WIDTH = 80;
/** Indentation step (libyaml default best_indent). */
export const BEST_INDENT = 2;

/**
 * Emitter state, named after libyaml's: the current column (in code points), whether the last
 * thing written was whitespace, whether only indentation has been written on this line, and the
 * current block indent (-1 before the root node). The scalar writers and the block emitter read
 * and set the flags directly, as libyaml's functions do on its emitter struct.
 */
export class YamlWriter {
  private out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;

  finish(): string {
    this.writeIndent(); // document end: terminate the last line
    return this.out;
  }

  /** Start a new line unless we are already at the indent on a line that holds only indentation. */
  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** A break inside a quoted scalar: LF as the output line break, LS/PS copied as they are. */
  writeBreak(cp: number): void {
    if (cp === LINE_FEED) return this.putBreak();
    this.out += String.fromCodePoint(cp);
    this.column = 0;
  }

  putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  /** ASCII only: indicators, spaces, escapes. */
  put(text: string): void {
    this.out += text;
    this.column += text.length;
  }

  writeChar(cp: number): void {
    this.out += String.fromCodePoint(cp);
    this.column += 1;
  }
}
