import { InvalidParameterError } from '../errors/index.js';

/**
 * A command line that cannot be carried out as written (a bad option value, a missing
 * argument): exit code 2, like the argument parser's own errors.
 */
export class UsageError extends InvalidParameterError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes: 0 success, 1 runtime failure, 2 usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** An error message on one line: whatever spans lines (a caret display) is joined with spaces. */
export function oneLine(message: string): string {
  return message.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '').join(' ');
}
