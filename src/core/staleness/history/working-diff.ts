import type { DocModel } from '../../doc-model';
import type { WorkingTree } from '../model/git-records';
import type { WorkspaceContext } from '../model/report-run';
import type { GitHistory } from '../ports';
import { workingPathsOf } from './working-tree';

/** One `git diff -w -U0 HEAD` over the docs and targets with uncommitted changes, into `tree.diff`. */
export async function loadWorkingDiff(
  tree: WorkingTree,
  docs: DocModel[],
  context: WorkspaceContext,
  git: GitHistory,
  signal?: AbortSignal,
): Promise<void> {
  if (tree.byPath.size === 0) return;
  const paths = new Set<string>();
  for (const doc of docs) {
    if (tree.byPath.has(doc.path)) paths.add(doc.path);
    for (const target of context.resolved.get(doc.path)!.targets) {
      if (!target.tracked || target.pinned) continue;
      for (const path of workingPathsOf(tree, target)) paths.add(path);
    }
  }
  const changed = [...paths].filter((p) => tree.byPath.get(p)!.status !== 'D');
  if (changed.length === 0) return;
  for (const file of await git.diffHunks('HEAD', undefined, changed, signal)) tree.diff.set(file.path, file);
}
