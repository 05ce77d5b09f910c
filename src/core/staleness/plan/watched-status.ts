// The uncommitted changes a run works from: the whole tree's status, or, on a re-check whose caller
// watched the working tree, the status of the few paths that can have changed since the last run.
import type { FileChange } from '../../repo/repo-ports';
import type { WatchedChanges } from '../model/run-control';
import type { GitHistory } from '../ports';
import type { RunMemory } from './docs-to-redo';

/** What `readWorkingChanges` needs of the history's sync (see `HistorySync`). */
export interface SyncSeen {
  mode: 'memory' | 'cache' | 'incremental' | 'full';
  /** For `incremental`: the commits added. */
  added?: ReadonlyArray<{ changes: readonly FileChange[] }>;
}

/** More paths than this and the whole tree is read: one walk costs less than a long pathspec list. */
export const MAX_WATCHED_PATHS = 256;

/** Files whose change alters which files are untracked anywhere below them. */
const IGNORE_FILE = /(^|\/)\.gitignore$/;

/**
 * The paths whose status can differ from what the last run's status found, when the caller says
 * what its watcher saw since that run began: those paths, and the last run's uncommitted paths
 * (rename sources included: committed, reverted or changed since, they may be clean now). Every
 * other path is as the last status left it, clean — unless new commits touched it (see
 * `readWorkingChanges`). Undefined when the whole tree must be read: no last run to start from,
 * nothing said (the CLI has no watcher), an ignore file changed, or too many paths.
 */
export function watchedScope(memory: RunMemory | undefined, watched: WatchedChanges | undefined): string[] | undefined {
  if (!memory?.planned || !watched) return undefined;
  if (watched.paths.some((p) => IGNORE_FILE.test(p))) return undefined;
  const scope = new Set(watched.paths);
  for (const change of memory.planned.working.byPath.values()) {
    scope.add(change.path);
    if (change.from !== undefined) scope.add(change.from);
  }
  return scope.size <= MAX_WATCHED_PATHS ? [...scope] : undefined;
}

/** Whether `path` is one of `scope` or lies below one of them (a watched folder). */
function covered(path: string, scope: ReadonlySet<string>): boolean {
  if (scope.has(path)) return true;
  for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) {
    if (scope.has(path.slice(0, at))) return true;
  }
  return false;
}

/**
 * Reads the uncommitted changes: the whole tree's status without a `scope`, started at once; else
 * the status of `scope` once the history is read (`syncRead`, which a re-check holds back until its
 * early diffs are handed over: see `DiffsFirst`). New commits can make a path the status was not
 * asked about differ from HEAD (HEAD moved under an unchanged file: `git reset --soft`, plumbing):
 * a history read again from scratch means the whole tree, and new commits touching paths outside
 * `scope` are asked about with it (one process, so renames between them are still found).
 */
export function readWorkingChanges(git: GitHistory, scope: string[] | undefined, syncRead: Promise<SyncSeen>, signal?: AbortSignal): Promise<FileChange[]> {
  if (scope === undefined) return git.changedFiles('HEAD', undefined, signal);
  return syncRead.then((sync) => {
    if (sync.mode !== 'memory' && sync.mode !== 'incremental') return git.changedFiles('HEAD', undefined, signal);
    const asked = new Set(scope);
    const touched = new Set<string>();
    for (const commit of sync.added ?? []) {
      for (const change of commit.changes) {
        for (const path of change.from !== undefined ? [change.path, change.from] : [change.path]) if (!covered(path, asked)) touched.add(path);
      }
    }
    if (asked.size + touched.size > MAX_WATCHED_PATHS) return git.changedFiles('HEAD', undefined, signal);
    return asked.size + touched.size > 0 ? git.workingChanges([...asked, ...touched], signal) : [];
  });
}
