import type { HistoryView } from './history-types';

/** One rename of the first-parent history: the path it led to and the commit's index. */
export interface RenameHop {
  to: string;
  commit: number;
}

/**
 * Follows the renames of `path` forward through the history (at most 20 hops) and stops at the
 * first path that `exists` now. Returns the last rename taken, whether or not its path exists (the
 * caller tells "renamed to" from "renamed, then gone"); undefined when `path` was never renamed.
 */
export function lastRenameHop(index: HistoryView, path: string, exists: (path: string) => boolean): RenameHop | undefined {
  let at = path;
  let after = -1;
  let hop: RenameHop | undefined;
  for (let hops = 0; hops < 20; hops++) {
    const rename = index.renamesFromPath(at).filter((r) => r.commit > after).pop();
    if (!rename) break;
    hop = rename;
    at = rename.to;
    after = rename.commit;
    if (exists(at)) break;
  }
  return hop;
}
