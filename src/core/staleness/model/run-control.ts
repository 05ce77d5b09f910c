// What a caller hands one staleness run (see `StalenessEngine.report`): plain types, importing nothing.

/** Where a long run is. */
export interface StalenessProgress {
  phase: 'history' | 'links' | 'details' | 'score';
  message: string;
}

/**
 * What a caller's file watcher saw change in the working tree since the last run of the same
 * engine began: workspace-relative paths of files or folders created, changed or deleted.
 */
export interface WatchedChanges {
  paths: readonly string[];
  /**
   * Whether the branch and tag names may have changed too (a ref created or deleted, `packed-refs`
   * rewritten, another branch checked out): they are read again. Else the last run's are kept.
   */
  refs: boolean;
}

/** Cancellation and progress for one run. */
export interface RunControl {
  signal?: AbortSignal;
  onProgress?: (progress: StalenessProgress) => void;
  /**
   * Return without waiting for the history cache to be written (an editor keeps the engine and
   * re-checks often); `persist()` waits for it. Default false: the report waits and reports a
   * failed write as a warning.
   */
  saveInBackground?: boolean;
  /**
   * Given by a caller that watches the working tree (the editor): a re-check then asks git for the
   * status of these paths, of the last run's uncommitted paths and of the paths new commits touched
   * only (see `readWorkingChanges`). Leave it out when the watcher may have missed something: the
   * whole tree is read.
   */
  watched?: WatchedChanges;
}
