import { boundedMatcher } from '../../bounded-glob';
import type { FileChange } from '../../repo/repo-ports';
import type { StalenessOptions } from '../options';
import type { ChangeEvidence, LinkedTarget } from '../model/evidence';
import type { WorkingTree } from '../model/git-records';

export type { WorkingTree } from '../model/git-records';

/** Indexes `git diff --name-status HEAD` output by path and by rename source; the diff starts empty. */
export function indexWorkingTree(working: FileChange[]): WorkingTree {
  const tree: WorkingTree = { byPath: new Map(), renamedFrom: new Map(), diff: new Map() };
  for (const change of working) {
    tree.byPath.set(change.path, change);
    if (change.status === 'R' && change.from !== undefined) tree.renamedFrom.set(change.from, change);
  }
  return tree;
}

/** Whether a doc's uncommitted changes count: anything but whitespace (false when the working tree is not used). */
export function workingChangeCounts(tree: WorkingTree, path: string, options: StalenessOptions): boolean {
  const change = tree.byPath.get(path);
  if (!change || !options.workingTree) return false;
  if (change.status === 'D') return false;
  const diff = tree.diff.get(path);
  if (!diff) return change.status === 'A';
  return !!diff.binary || diff.added + diff.deleted > 0;
}

/** Paths with uncommitted changes that a target covers. */
export function workingPathsOf(tree: WorkingTree, target: LinkedTarget): string[] {
  if (target.kind === 'missing') return [];
  if (target.kind === 'file') return tree.byPath.has(target.path) ? [target.path] : [];
  const out: string[] = [];
  const isMatch = target.kind === 'glob' ? boundedMatcher(target.path) : undefined;
  const prefix = target.path === '' ? '' : `${target.path}/`;
  for (const path of tree.byPath.keys()) {
    if (isMatch ? isMatch(path) : path.startsWith(prefix)) out.push(path);
  }
  return out;
}

/**
 * Uncommitted line counts of a target's files; undefined when the working tree is not used or
 * nothing but whitespace (or an untracked anchored file's addition) changed.
 */
export function uncommittedChange(tree: WorkingTree, target: LinkedTarget, options: StalenessOptions): ChangeEvidence['uncommitted'] {
  if (!options.workingTree) return undefined;
  let added = 0;
  let deleted = 0;
  let files = 0;
  for (const path of workingPathsOf(tree, target)) {
    const change = tree.byPath.get(path)!;
    const diff = tree.diff.get(path);
    if (change.status === 'A' && target.kind === 'file') continue;
    if (diff) {
      if (!diff.binary && diff.added + diff.deleted === 0) continue;
      added += diff.added;
      deleted += diff.deleted;
      files++;
    } else if (change.status === 'A' || change.status === 'D' || (change.status === 'R' && change.similarity !== 100)) files++;
  }
  return files > 0 ? { added, deleted, files } : undefined;
}
