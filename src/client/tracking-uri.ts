import { InvalidParameterError } from '../errors/index.js';
import { rootFromUri, uriScheme } from '../format/uri.js';

/** The store MLflow would use when none is named: $MLFLOW_TRACKING_URI, else ./mlruns. */
export function defaultTrackingUri(): string {
  const fromEnv = process.env.MLFLOW_TRACKING_URI;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : './mlruns';
}

/**
 * The absolute root folder of a local store named by a path or a `file:` URI. Other schemes
 * (http, databricks, sqlite) get an error that says what is supported.
 */
export function resolveStoreRoot(trackingUri: string): string {
  const scheme = uriScheme(trackingUri);
  if (scheme !== '' && scheme !== 'file') {
    throw new InvalidParameterError(
      `Tracking URI '${trackingUri}' uses the '${scheme}' scheme, which this version does not support. ` +
        `Give a local folder (for example ./mlruns) or a file:// URI.`,
    );
  }
  if (/^file:\/\/(?!\/|localhost\/)/i.test(trackingUri)) {
    throw new InvalidParameterError(
      `Tracking URI '${trackingUri}' names a host; only local stores are supported. ` +
        `Write file:///absolute/path (three slashes) or a plain path.`,
    );
  }
  return rootFromUri(trackingUri);
}
