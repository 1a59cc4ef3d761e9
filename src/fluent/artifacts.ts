import { artifactFileSegments, checkPng, checkTableFile, localPathArgument, tableOf } from '../client/artifacts.js';
import { InvalidParameterError } from '../errors/index.js';
import { renderDictArtifact } from '../format/dict-artifact.js';
import type { TableData } from '../format/table-json.js';
import { artifactPathSegments } from '../validation/artifact-paths.js';
import { describe } from '../validation/index.js';
import { fluentClient, requireActiveRun } from './state.js';

/**
 * Artifacts of the active run. Files from disk are copied by async calls that resolve once the
 * copy is in the store (after the run's earlier queued writes), so a temporary file may be
 * removed right after `await logArtifact(...)`. Values in memory (text, dicts, images,
 * tables) are captured when the call is made and written through the queue, without `await`.
 */

/** Queues a copy from disk and waits for it, then reports earlier failures of the run's queue. */
async function copyFromDisk(call: string, kind: 'file' | 'directory', localPath: string, artifactPath: string | undefined): Promise<void> {
  const { writer } = requireActiveRun(call);
  localPathArgument(localPath, kind);
  artifactPathSegments(artifactPath, 'artifact path');
  await writer.pushAndWait((client, runId) =>
    kind === 'file' ? client.logArtifact(runId, localPath, artifactPath) : client.logArtifacts(runId, localPath, artifactPath),
  );
  writer.report();
}

/**
 * Copies a local file into the active run's artifacts.
 * @example await logArtifact('./plots/confusion.png', 'plots');
 */
export function logArtifact(localPath: string, artifactPath?: string): Promise<void> {
  return copyFromDisk('logArtifact', 'file', localPath, artifactPath);
}

/**
 * Copies the content of a local folder into the active run's artifacts.
 * @example await logArtifacts('./checkpoint', 'model');
 */
export function logArtifacts(localDir: string, artifactPath?: string): Promise<void> {
  return copyFromDisk('logArtifacts', 'directory', localDir, artifactPath);
}

/** Queues text as an artifact file. @example logText('converged after 40 epochs', 'notes.txt'); */
export function logText(text: string, artifactFile: string): void {
  const { writer } = requireActiveRun('logText');
  if (typeof text !== 'string') throw new InvalidParameterError(`logText takes a string; got ${describe(text)}.`);
  artifactFileSegments(artifactFile);
  writer.push({ kind: 'task', run: (client, runId) => client.logText(runId, text, artifactFile) });
}

/**
 * Queues a value as a JSON artifact, or YAML when the file ends in `.yaml`/`.yml`. The text is
 * made now, so later changes to the object are not logged.
 * @example logDict({ lr: 0.01, layers: [64, 32] }, 'config.yaml');
 */
export function logDict(dictionary: unknown, artifactFile: string): void {
  const { writer } = requireActiveRun('logDict');
  artifactFileSegments(artifactFile);
  const text = renderDictArtifact(dictionary, artifactFile);
  writer.push({ kind: 'task', run: (client, runId) => client.logText(runId, text, artifactFile) });
}

/** Queues PNG-encoded bytes as an image artifact (copied now). @example logImage(png, 'plots/loss.png'); */
export function logImage(png: Uint8Array, artifactFile: string): void {
  const { writer } = requireActiveRun('logImage');
  artifactFileSegments(artifactFile);
  const bytes = Uint8Array.from(checkPng(png, artifactFile));
  writer.push({ kind: 'task', run: (client, runId) => client.logImage(runId, bytes, artifactFile) });
}

/**
 * Queues a table in MLflow's JSON table format, appended to the table already in that file,
 * and listed in the run's `mlflow.loggedArtifacts` tag (copied now).
 * @example logTable({ prompt: ['2+2', '3*3'], answer: ['4', '9'], correct: [true, true] }, 'eval.json');
 */
export function logTable(data: TableData, artifactFile: string): void {
  const { writer } = requireActiveRun('logTable');
  checkTableFile(artifactFile);
  tableOf(data);
  const snapshot = structuredClone(data);
  writer.push({ kind: 'task', run: (client, runId) => client.logTable(runId, snapshot, artifactFile) });
}

/** Where to download from: an artifact URI, or a run and a path in it. */
export type DownloadSource = { readonly artifactUri: string } | { readonly runId: string; readonly artifactPath?: string };

/**
 * Downloads artifacts as `mlflow.artifacts.download_artifacts` does, from `runs:/<run_id>/<path>`,
 * a `file://` URI or a local path, or from a run id and path, into the existing folder
 * `dstPath` (or returns the artifact's own local path when no dstPath is given).
 *
 * @example const local = await downloadArtifacts({ artifactUri: `runs:/${runId}/model` }, './downloads');
 */
export async function downloadArtifacts(source: DownloadSource, dstPath?: string): Promise<string> {
  const client = fluentClient();
  if (source !== null && typeof source === 'object' && 'artifactUri' in source) return client.downloadArtifactsFromUri(source.artifactUri, dstPath);
  if (source !== null && typeof source === 'object' && 'runId' in source) return client.downloadArtifacts(source.runId, source.artifactPath ?? '', dstPath);
  throw new InvalidParameterError(`downloadArtifacts takes { artifactUri } or { runId, artifactPath }; got ${describe(source)}.`);
}
