/**
 * `runs:/<run_id>/<path>` URIs: a run-relative artifact path, as MLflow's
 * RunsArtifactRepository.parse_runs_uri reads them. Pure string work.
 */

export interface RunsUri {
  readonly runId: string;
  /** The artifact path inside the run, '' for the run's artifact root. */
  readonly artifactPath: string;
}

/** True for a URI with the `runs:` scheme. */
export function isRunsUri(uri: string): boolean {
  return /^runs:/i.test(uri);
}

/**
 * Splits `runs:/<run_id>/<path>` into the run id and the artifact path. Returns undefined when
 * the URI is not of that form (wrong scheme, a host, no run id), so the caller can say so.
 *
 * @example
 * parseRunsUri('runs:/0a1b2c/model/MLmodel'); // { runId: '0a1b2c', artifactPath: 'model/MLmodel' }
 */
export function parseRunsUri(uri: string): RunsUri | undefined {
  // urlparse keeps a netloc after `runs://`; MLflow only allows a Databricks profile there.
  const match = /^runs:(?:\/\/[^/]*)?(\/[^?#]*)/i.exec(uri);
  const path = match?.[1];
  if (path === undefined || path.length <= 1 || /^runs:\/\/[^/]/i.test(uri)) return undefined;
  const [runId = '', ...rest] = path.slice(1).split('/');
  if (runId === '') return undefined;
  return { runId, artifactPath: rest.join('/') };
}
