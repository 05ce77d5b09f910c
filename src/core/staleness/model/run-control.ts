// What a caller hands one staleness run (see `StalenessEngine.report`): plain types, importing nothing.

/** Where a long run is. */
export interface StalenessProgress {
  phase: 'history' | 'links' | 'details' | 'score';
  message: string;
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
}
