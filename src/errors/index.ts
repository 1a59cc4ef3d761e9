export type { ErrorCode } from './error-codes.js';
export { HTTP_STATUS } from './error-codes.js';
export {
  MlflowError,
  InvalidParameterError,
  ResourceNotFoundError,
  ResourceAlreadyExistsError,
  InvalidStateError,
  InternalError,
  isMlflowError,
} from './mlflow-error.js';
export type { MlflowErrorOptions } from './mlflow-error.js';
export { FilterSyntaxError } from './filter-syntax-error.js';
