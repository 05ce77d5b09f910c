import type { FileChange, LogCommit, WorkspaceFiles } from '../ports';

/**
 * What decides, besides HEAD's tree, which files git lists (`WorkspaceFiles.gitList`): the
 * uncommitted changes' kinds and paths (`git status`: untracked files count as added, files
 * deleted from the work tree as deleted). Equal keys: the same files are listed beside the tree.
 */
export function workingListKey(now: readonly FileChange[]): string {
  return now.map((c) => `${c.status}\u0000${c.path}\u0000${c.from ?? ''}`).sort().join('\n');
}

/** Whether HEAD's tree holds the same files after `commits` as before them: every change modified a file or changed its type, none added, deleted, renamed or copied one. */
export function treeKeepsFiles(commits: readonly LogCommit[]): boolean {
  return commits.every((commit) => commit.changes.every((change) => change.status === 'M' || change.status === 'T'));
}

/** What a run's history pass and working-tree status found that decides whether the last listing still holds. */
export interface ListingInputs {
  mode: 'full' | 'incremental' | 'memory' | 'cache';
  /** The commits read since the last run's head (incremental). */
  added?: LogCommit[] | undefined;
  /** The uncommitted changes now. */
  now: FileChange[];
}

/**
 * The workspace listing of one run of an engine that ran before with git listing the files: the
 * last run's list when HEAD's tree and the uncommitted changes hold the same files as then (see
 * `treeKeepsFiles`, `workingListKey`), else git's listing taken once this run's `git status` is
 * read, which the next run may keep (`key` says which status it goes with). A listing taken beside
 * the status is never kept: a file created or deleted between the two would be missed for good.
 */
export class ListingRun {
  /** The files for `loadContext`; undefined: list as usual, beside the rest (a first run, a workspace git does not list, uncommitted changes not read). */
  readonly listing: Promise<string[]> | undefined;
  /** Set when the list is git's listing as of this run's status: that status's `workingListKey`. */
  key: string | undefined;
  private settle: (found: ListingInputs | undefined) => void = () => undefined;

  constructor(previous: { list: string[]; key: string | undefined } | undefined, files: WorkspaceFiles, workingTree: boolean, signal?: AbortSignal) {
    if (!previous || !files.gitList || !workingTree) return;
    const gitList = files.gitList.bind(files);
    this.listing = new Promise<ListingInputs | undefined>((resolve) => (this.settle = resolve)).then(async (found) => {
      if (!found) return files.list(signal);
      const key = workingListKey(found.now);
      if (previous.key === key && found.mode !== 'full' && treeKeepsFiles(found.added ?? [])) {
        this.key = key;
        return previous.list;
      }
      const list = await gitList(signal);
      if (list === undefined) return files.list(signal);
      this.key = key;
      return list;
    });
  }

  /** What the history pass and the status found; undefined when they failed or there is no history. */
  seen(found: ListingInputs | undefined): void {
    this.settle(found);
  }
}
