import { commitRef } from '../staleness/history/commit-refs';
import { Touch, type HistoryView } from '../staleness/history/history-types';
import { lastRenameHop } from '../staleness/history/rename-chain';
import type { FileChange } from '../staleness/ports';
import type { PathFate } from './call-types';

/**
 * What the first-parent history says about a path that does not exist now: the last place a chain
 * of renames led to (when that file exists now), or the commit that deleted it. Undefined for a
 * path history never saw, or one whose last touch was neither.
 */
export function fateFromHistory(index: HistoryView, exists: (path: string) => boolean): (path: string) => PathFate | undefined {
  return (path) => {
    const touches = index.touchesOf(path);
    const last = touches[touches.length - 1];
    if (!last) return undefined;
    if (last.code === Touch.deleted) return { deletedIn: commitRef(index.commit(last.commit)) };
    if (last.code !== Touch.renamedFrom) return undefined;
    const hop = lastRenameHop(index, path, exists);
    if (hop && exists(hop.to)) return { renamedTo: { path: hop.to, commit: commitRef(index.commit(hop.commit)) } };
    return hop ? { deletedIn: commitRef(index.commit(hop.commit)) } : undefined;
  };
}

/** What a change set (`git diff --name-status -M`) did to paths: renamed or deleted in it. */
export function fateFromChanges(changes: readonly FileChange[]): (path: string) => PathFate | undefined {
  const byPath = new Map<string, PathFate>();
  for (const change of changes) {
    if (change.status === 'R' && change.from !== undefined) byPath.set(change.from, { renamedTo: { path: change.path }, inChange: true });
    else if (change.status === 'D') byPath.set(change.path, { deleted: true, inChange: true });
  }
  return (path) => byPath.get(path);
}
