import { InvalidParameterError, type MlflowErrorOptions } from './mlflow-error.js';

/**
 * A filter or order_by string that MLflow's search language rejects.
 *
 * `reason` is MLflow's own wording (so code that matched on MLflow's messages keeps working);
 * `message` adds the offending text with a caret under the character at `offset`.
 *
 * @example
 * try { parseRunFilter("metrics.acc > 'high'"); }
 * catch (e) {
 *   if (e instanceof FilterSyntaxError) console.error(e.toString());
 *   // FilterSyntaxError: Expected numeric value type for metric. Found 'high'
 *   //   metrics.acc > 'high'
 *   //                 ^
 * }
 */
export class FilterSyntaxError extends InvalidParameterError {
  /** The text that was being parsed (a filter string or one order_by item). */
  readonly filter: string;
  /** UTF-16 offset into `filter` of the character the error is about. */
  readonly offset: number;
  /** MLflow's message, without the caret display. */
  readonly reason: string;

  constructor(reason: string, filter: string, offset: number, options?: MlflowErrorOptions) {
    super(`${reason}\n${caretDisplay(filter, offset)}`, options);
    this.name = 'FilterSyntaxError';
    this.reason = reason;
    this.filter = filter;
    this.offset = Math.max(0, Math.min(offset, filter.length));
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

/** The line of `text` that holds `offset`, indented, with a caret under that character. */
function caretDisplay(text: string, offset: number): string {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const line = text.slice(lineStart, newline === -1 ? text.length : newline);
  // Tabs are kept in the padding so the caret lines up however the terminal renders them.
  const pad = Array.from(text.slice(lineStart, at), (ch) => (ch === '\t' ? '\t' : ' ')).join('');
  return `  ${line}\n  ${pad}^`;
}
