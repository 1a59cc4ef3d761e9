import { isAbsolute, resolve } from 'node:path';
import { resolveExperimentArtifactLocation, resolveRunArtifactUri } from '../backends/file/artifact-location.js';
import { layout } from '../format/layout.js';
import { fileUriToPath, isLocalUri, pathToFileUri, uriScheme } from '../format/uri.js';
import type { ScanContext } from './scan-context.js';

/**
 * Where a recorded artifact location should point now, when it is stale (spec 8.3.1): a local
 * absolute location that no longer exists, ends in the entity's ids, and names a root that is
 * gone. The answer is the same folder under the current root, as if the store had been made
 * here — for a deleted experiment, where it will be once restored — in the recorded form
 * (file URI or bare path). Undefined when the location is fine as it is.
 */
async function rebased(recorded: string, resolved: string): Promise<string | undefined> {
  const path = fileUriToPath(recorded);
  if (!isLocalUri(recorded) || !(isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path))) return undefined;
  const now = fileUriToPath(resolved);
  if (now === path || resolve(now) === resolve(path)) return undefined;
  return uriScheme(recorded) === 'file' ? pathToFileUri(now) : now;
}

/** The location an experiment's stale `artifact_location` should have, or undefined. */
export async function staleExperimentLocation(root: string, experimentId: string, recorded: string): Promise<string | undefined> {
  const activeDir = layout.experimentDir(root, experimentId);
  return rebased(recorded, await resolveExperimentArtifactLocation(recorded, experimentId, activeDir, root));
}

/** The URI a run's stale `artifact_uri` should have, or undefined. */
export async function staleRunArtifactUri(root: string, ids: { experimentId: string; runId: string }, recorded: string): Promise<string | undefined> {
  const artifacts = layout.runArtifacts(layout.runDir(layout.experimentDir(root, ids.experimentId), ids.runId));
  return rebased(recorded, await resolveRunArtifactUri(recorded, ids, artifacts, root));
}

/** Reports a stale location (when `to` is set) with the fix that points it at `to`. */
export function reportStale(
  scan: ScanContext,
  metaPath: string,
  field: 'artifact_location' | 'artifact_uri',
  from: string,
  to: string | undefined,
  consequence: string,
): void {
  if (to === undefined) return;
  scan.add('STALE_ARTIFACT_LOCATION', metaPath, `${field} '${from}' no longer exists (the store was moved or cloned); ${consequence}`, {
    kind: 'rewriteArtifactLocation',
    metaPath,
    field,
    from,
    to,
  });
}
