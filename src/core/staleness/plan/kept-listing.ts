import type { FileChange, LogCommit } from '../ports';

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
