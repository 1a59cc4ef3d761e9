/**
 * Python's `shlex.split(text)` (POSIX mode, no comments), which MLflow runs over an order_by item
 * after turning its backticks into double quotes. It decides what `metrics.`a b` DESC` means.
 */

const WHITESPACE = ' \t\r\n';

export class ShlexError extends Error {}

export function shlexSplit(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (WHITESPACE.includes(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (ch === '\\') {
      if (i + 1 >= text.length) throw new ShlexError('No escaped character');
      word = (word ?? '') + text[i + 1];
      i += 2;
    } else if (ch === "'" || ch === '"') {
      const [content, end] = quoted(text, i);
      word = (word ?? '') + content;
      i = end;
    } else {
      word = (word ?? '') + ch;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** A quoted section starting at `start`; returns its content and the index after the quote. */
function quoted(text: string, start: number): [string, number] {
  const quote = text[start]!;
  let content = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === quote) return [content, i + 1];
    // Inside double quotes a backslash escapes only `"` and `\`; inside single quotes nothing.
    if (quote === '"' && ch === '\\' && i + 1 < text.length && (text[i + 1] === '"' || text[i + 1] === '\\')) {
      content += text[i + 1];
      i += 2;
      continue;
    }
    content += ch;
    i++;
  }
  throw new ShlexError('No closing quotation');
}
