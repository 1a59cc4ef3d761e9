/** What `checkStore` can find wrong with an mlruns store. */
export type ProblemCode =
  | 'STRAY_FOLDER'
  | 'MISSING_FOLDER'
  | 'META_MISSING'
  | 'META_EMPTY'
  | 'META_INVALID'
  | 'ID_MISMATCH'
  | 'DUPLICATE_EXPERIMENT_NAME'
  | 'DUPLICATE_RUN_ID'
  | 'STALE_ARTIFACT_LOCATION'
  | 'MALFORMED_METRIC'
  | 'CRLF_VALUE'
  | 'INVALID_ENTRY'
  | 'JUNK_FILE'
  | 'TEMP_FILE'
  | 'STALE_LOCK'
  | 'ROOT_UNDER_ARTIFACTS';

/** A safe repair `fixStore` can make. */
export type StoreFix =
  /** Recreate the folders git drops (through `recreateEmptyFolders`). */
  | { readonly kind: 'createFolders' }
  /** Point a meta.yaml's recorded artifact location at the same folder under the current root. */
  | {
      readonly kind: 'rewriteArtifactLocation';
      readonly metaPath: string;
      readonly field: 'artifact_location' | 'artifact_uri';
      readonly from: string;
      readonly to: string;
    }
  /** Remove a leftover file or folder (our temporary files, stale locks, OS junk files). */
  | { readonly kind: 'remove'; readonly target: string };

/** One problem, where it is, and how `fixStore` repairs it when it can. */
export interface StoreProblem {
  readonly code: ProblemCode;
  /** Path relative to the store root, with `/` separators ('' for the root itself). */
  readonly path: string;
  /** What is wrong, what it breaks, and what to do when it cannot be fixed automatically. */
  readonly message: string;
  readonly fix?: StoreFix;
}

/** The result of a store check. */
export interface StoreReport {
  /** Absolute path of the store's root folder. */
  readonly root: string;
  readonly problems: readonly StoreProblem[];
  /** How many experiment and run folders were checked. */
  readonly checked: { readonly experiments: number; readonly runs: number };
}

/**
 * What a fix will do, as one line for people.
 *
 * @example describeFix({ kind: 'remove', target: '/data/mlruns/0/.mlruns-tmp-meta.yaml-x1' }); // 'remove it'
 */
export function describeFix(fix: StoreFix): string {
  switch (fix.kind) {
    case 'createFolders':
      return 'create the folder';
    case 'rewriteArtifactLocation':
      return `set ${fix.field} to ${fix.to}`;
    case 'remove':
      return 'remove it';
  }
}
