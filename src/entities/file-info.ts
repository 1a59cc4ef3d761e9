/** One entry of a run's artifact listing (MLflow's FileInfo). */
export interface FileInfo {
  /** Path relative to the run's artifact root, with `/` separators. */
  readonly path: string;
  readonly isDir: boolean;
  /** Size in bytes; null for a directory. */
  readonly fileSize: number | null;
}
