import { isAbsolute } from 'node:path';
import { LocalArtifactRepository } from '../backends/file/artifacts.js';
import { InvalidParameterError } from '../errors/index.js';
import { isRunsUri, parseRunsUri } from '../format/runs-uri.js';
import { TableFormatError, appendTable, parseTableJson, renderTableJson, toTable, type Table, type TableData } from '../format/table-json.js';
import { fileUriToPath, isLocalUri, uriScheme } from '../format/uri.js';
import { renderPythonJson } from '../format/python-json.js';
import type { TrackingStore } from '../store/tracking-store.js';
import { artifactPathSegments } from '../validation/artifact-paths.js';
import { describe, validateRunId } from '../validation/index.js';

/**
 * Artifact work shared by MlflowClient and the fluent API: choosing the repository for a URI,
 * and the artifact kinds MLflow writes from in-memory values.
 */

/** The repository for an artifact URI. Only local ones exist so far; others are refused, never ignored. */
export function repositoryAt(uri: string): LocalArtifactRepository {
  if (!isLocalUri(uri)) {
    throw new InvalidParameterError(
      `Artifact location '${uri}' uses the '${uriScheme(uri)}' scheme, which mlruns does not support yet: ` +
        `only local folders and file:// URIs can be read and written. Copy the artifacts with that storage's own tools.`,
    );
  }
  const path = fileUriToPath(uri);
  if (!isAbsolute(path)) {
    throw new InvalidParameterError(`Artifact location '${uri}' is not an absolute path on this system, so its artifacts cannot be reached here.`);
  }
  return new LocalArtifactRepository(path);
}

/** The repository holding a run's artifacts, wherever the store now finds them. */
export async function runRepository(store: TrackingStore, runId: string): Promise<LocalArtifactRepository> {
  validateRunId(runId);
  return repositoryAt(await store.resolveArtifactUri(runId));
}

/** The segments of an artifact *file* path: at least a file name. */
export function artifactFileSegments(artifactFile: unknown): string[] {
  const segments = artifactPathSegments(artifactFile, 'artifact file');
  if (segments.length === 0) {
    throw new InvalidParameterError(`The artifact file must name a file, such as 'outputs/notes.txt'; got ${describe(artifactFile)}.`);
  }
  return segments;
}

/**
 * A repository and path for an artifact URI: `runs:/<run_id>/<path>`, a `file://` URI or a
 * local path. For the last two the parent folder is the repository, as in MLflow's
 * _download_artifact_from_uri.
 */
export async function locateArtifactUri(store: TrackingStore, uri: string): Promise<{ repository: LocalArtifactRepository; path: string[] }> {
  if (typeof uri !== 'string' || uri === '') {
    throw new InvalidParameterError(`An artifact URI must be a non-empty string such as 'runs:/<run_id>/model'; got ${describe(uri)}.`);
  }
  if (isRunsUri(uri)) {
    const parsed = parseRunsUri(uri);
    if (parsed === undefined) {
      throw new InvalidParameterError(`Not a proper runs:/ URI: '${uri}'. Runs URIs must be of the form 'runs:/<run_id>/run-relative/path/to/artifact'.`);
    }
    return { repository: await runRepository(store, parsed.runId), path: artifactPathSegments(parsed.artifactPath, 'artifact path') };
  }
  const full = repositoryAt(uri).root;
  const cut = Math.max(full.lastIndexOf('/'), full.lastIndexOf('\\'));
  return { repository: new LocalArtifactRepository(full.slice(0, Math.max(cut, 1))), path: [full.slice(cut + 1)].filter((s) => s !== '') };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Checks that bytes are a PNG image and the file name says so. */
export function checkPng(bytes: unknown, artifactFile: string): Uint8Array {
  if (!(bytes instanceof Uint8Array) || !PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    throw new InvalidParameterError(`logImage takes PNG-encoded bytes (a Uint8Array or Buffer starting with the PNG signature); got ${describe(bytes)}. Encode the image as PNG first.`);
  }
  if (!/\.png$/i.test(artifactFile)) {
    throw new InvalidParameterError(`The image artifact file '${artifactFile}' must end in '.png', as its bytes are PNG.`);
  }
  return bytes;
}

const LOGGED_ARTIFACTS_TAG = 'mlflow.loggedArtifacts';

/** Checks a table artifact file name as MLflow does: `.json` (parquet is not supported), none of `"',:[]{}`. */
export function checkTableFile(artifactFile: string): string[] {
  const segments = artifactFileSegments(artifactFile);
  if (/["',:[\]{}]/.test(artifactFile) || !artifactFile.endsWith('.json')) {
    throw new InvalidParameterError(
      `Invalid table artifact file '${artifactFile}': it must end in '.json' (parquet tables are not supported) and may not contain any of " ' , : [ ] { }.`,
    );
  }
  return segments;
}

/** The table of column arrays or row records, or an InvalidParameterError saying what is wrong. */
export function tableOf(data: TableData): Table {
  if (data === null || typeof data !== 'object') {
    throw new InvalidParameterError(`logTable takes a record of column arrays or a list of row records; got ${describe(data)}.`);
  }
  try {
    return toTable(data);
  } catch (error) {
    if (error instanceof TableFormatError || error instanceof TypeError) throw new InvalidParameterError(`logTable: ${error.message}.`, { cause: error });
    throw error;
  }
}

/**
 * Logs a table as MLflow's log_table does: appends to the table already at `artifactFile`,
 * then lists the file in the run's `mlflow.loggedArtifacts` tag (a JSON list of
 * `{"path": ..., "type": "table"}`), which the MLflow UI reads to show it.
 */
export async function logTable(store: TrackingStore, runId: string, data: TableData, artifactFile: string): Promise<void> {
  const segments = checkTableFile(artifactFile);
  let table = tableOf(data);
  const repository = await runRepository(store, runId);
  const existing = await repository.readFile(segments);
  if (existing !== null) {
    try {
      table = appendTable(parseTableJson(existing.toString('utf8')), table);
    } catch (error) {
      throw new InvalidParameterError(`Cannot append to the table artifact '${artifactFile}': it is not a table MLflow wrote (${(error as Error).message}). Log to another file.`, { cause: error });
    }
  }
  await repository.writeFile(segments, renderTableJson(table));
  const current = (await store.getRun(runId)).data.tags[LOGGED_ARTIFACTS_TAG];
  const listed = parseLoggedArtifacts(current);
  if (!listed.some((entry) => entry.path === artifactFile && entry.type === 'table')) {
    await store.setTag(runId, { key: LOGGED_ARTIFACTS_TAG, value: renderPythonJson([...listed, { path: artifactFile, type: 'table' }]) });
  }
}

function parseLoggedArtifacts(value: string | undefined): { path: unknown; type: unknown }[] {
  if (value === undefined) return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? (parsed as { path: unknown; type: unknown }[]) : [];
  } catch {
    return [];
  }
}

/** Checks a local file or folder argument. */
export function localPathArgument(value: unknown, what: 'file' | 'directory'): string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidParameterError(`The local ${what} to log must be a non-empty path string; got ${describe(value)}.`);
  }
  return value;
}
