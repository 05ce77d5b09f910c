import { HistoryIndex } from './history-index';
import type { GitHistory, LogCommit } from '../ports';

/** How a `HistoryIndex` was brought up to date with HEAD. */
export type SyncMode = 'memory' | 'cache' | 'incremental' | 'full';

/** The result of `syncHistory`. */
export interface HistorySync {
  index: HistoryIndex;
  mode: SyncMode;
  /** Commits read from git in this sync (0 when the cache was current). */
  commitsRead: number;
  /** For `incremental`: the commits added, newest first. */
  added?: LogCommit[];
}

/**
 * Brings the first-parent history up to `head`: reuses `current` (in memory) or the stored
 * snapshot when it is at `head`; when HEAD moved on along the first-parent line, reads only the new
 * commits; otherwise (first run, rebase, reset, branch switch) streams the whole history in one
 * `git log` pass, keeping the line counts already fetched for commits that are still there.
 * `onProgress` receives the number of commits read so far. Does not save: the caller saves once it
 * has also fetched line counts.
 */
export async function syncHistory(
  git: GitHistory,
  head: string,
  options: {
    current?: HistoryIndex;
    /** The history the store holds, restored by the caller (see `restoreHistory`). */
    stored?: HistoryIndex;
    signal?: AbortSignal;
    onProgress?: (commitsRead: number) => void;
    /** Sees every commit of a full pass as it streams, newest first. */
    onCommit?: (commit: LogCommit) => void;
  } = {},
): Promise<HistorySync> {
  const { signal, onProgress } = options;
  const base = options.current ?? options.stored;
  if (base && base.head === head) return { index: base, mode: options.current ? 'memory' : 'cache', commitsRead: 0 };

  const read = (range: { head: string; since?: string }): Promise<LogCommit[]> => {
    const commits: LogCommit[] = [];
    return git
      .log(range, (commit) => {
        commits.push(commit);
        if (commits.length % 1000 === 0) onProgress?.(commits.length);
      }, signal)
      .then(() => {
        onProgress?.(commits.length);
        return commits;
      });
  };

  if (base) {
    // A failed incremental read (the old head was garbage-collected, say) falls back to a full pass.
    const newer = await read({ head, since: base.head }).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      return undefined;
    });
    const oldest = newer?.[newer.length - 1];
    if (newer && oldest && oldest.parents[0] === base.head && newer[0]!.sha === head) {
      base.appendNewestFirst(head, newer);
      return { index: base, mode: 'incremental', commitsRead: newer.length, added: newer };
    }
  }
  // The whole history: indexed as it streams, while git is still producing it.
  const index = HistoryIndex.streaming();
  let count = 0;
  await git.log(
    { head },
    (commit) => {
      index.addStreamed(commit);
      options.onCommit?.(commit);
      if (++count % 1000 === 0) onProgress?.(count);
    },
    signal,
  );
  onProgress?.(count);
  index.finishStreamed(head);
  if (base) index.adoptDetails(base);
  return { index, mode: 'full', commitsRead: count };
}
