/** MLflow's protocol error codes that this library raises (databricks_pb2.ErrorCode names). */
export type ErrorCode =
  | 'INVALID_PARAMETER_VALUE'
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'RESOURCE_ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'INTERNAL_ERROR';

/** HTTP status MLflow's server maps each code to; kept for the REST backend and the CLI. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_STATE: 400,
  INTERNAL_ERROR: 500,
};
