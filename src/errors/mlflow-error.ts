import type { ErrorCode } from './error-codes.js';

export interface MlflowErrorOptions {
  /** The lower-level failure (an fs error, a YAML error) that led to this one. */
  cause?: unknown;
}

/**
 * The one error type this library throws for anything the caller can act on.
 *
 * `errorCode` is MLflow's code, so code written against MLflow's REST API or Python client can
 * branch on the same values. The message says what failed, on what, and how to fix it.
 *
 * @example
 * try { await client.getRun('nope'); }
 * catch (e) { if (isMlflowError(e) && e.errorCode === 'RESOURCE_DOES_NOT_EXIST') { ... } }
 */
export class MlflowError extends Error {
  readonly errorCode: ErrorCode;

  constructor(message: string, errorCode: ErrorCode, options: MlflowErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MlflowError';
    this.errorCode = errorCode;
  }
}

/** Bad argument from the caller: a name, key, value, filter or page token. */
export class InvalidParameterError extends MlflowError {
  constructor(message: string, options?: MlflowErrorOptions) {
    super(message, 'INVALID_PARAMETER_VALUE', options);
    this.name = 'InvalidParameterError';
  }
}

/** The experiment, run, tag or artifact named does not exist. */
export class ResourceNotFoundError extends MlflowError {
  constructor(message: string, options?: MlflowErrorOptions) {
    super(message, 'RESOURCE_DOES_NOT_EXIST', options);
    this.name = 'ResourceNotFoundError';
  }
}

/** Creating something whose name is taken. */
export class ResourceAlreadyExistsError extends MlflowError {
  constructor(message: string, options?: MlflowErrorOptions) {
    super(message, 'RESOURCE_ALREADY_EXISTS', options);
    this.name = 'ResourceAlreadyExistsError';
  }
}

/** The entity exists but is in a state that forbids the operation, or its files disagree. */
export class InvalidStateError extends MlflowError {
  constructor(message: string, options?: MlflowErrorOptions) {
    super(message, 'INVALID_STATE', options);
    this.name = 'InvalidStateError';
  }
}

/** Something on disk could not be read or written (a malformed file, an I/O failure). */
export class InternalError extends MlflowError {
  constructor(message: string, options?: MlflowErrorOptions) {
    super(message, 'INTERNAL_ERROR', options);
    this.name = 'InternalError';
  }
}

/** Type guard for any error this library raised on purpose. */
export function isMlflowError(value: unknown): value is MlflowError {
  return value instanceof MlflowError;
}
