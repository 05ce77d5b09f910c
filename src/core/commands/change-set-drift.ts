import type { DocModel } from '../doc-model';
import type { PlacedFinding } from '../findings/finding';
import type { ChangeSetFiles, FileChange, WorkspaceFiles } from '../repo/repo-ports';
import { runnableBlocks } from '../runner/runnable-blocks';
import { walkCalls } from './block-walk';
import { commandDrift } from './command-drift';
import { fateFromChanges } from './path-fate';
import { ListedTree, type RepoTree } from './repo-tree';
import { MAX_COMMAND_FILE_BYTES } from './call-types';

/** Options of `changeSetDrift`. */
export interface ChangeSetDriftOptions {
  /** More fence languages to treat as shell. */
  extraLanguages?: readonly string[];
  signal?: AbortSignal;
}

/**
 * The command drift a change set brings: the findings of `docs` against the working tree that
 * they do not have against the merge base (the same docs, read as they are now, so only the
 * change to the code counts). `changes` are the files changed from `mergeBase` to the working tree
 * (`GitHistory.changedFiles`); a script renamed in the change set is said to be renamed "in this
 * change". A doc some command of which resolved at the merge base needs no other anchor (see
 * `commandDrift`). Sorted by doc and line.
 */
export async function changeSetDrift(
  docs: readonly DocModel[],
  files: WorkspaceFiles,
  git: Pick<ChangeSetFiles, 'readFiles'>,
  mergeBase: string,
  changes: readonly FileChange[],
  options: ChangeSetDriftOptions = {},
): Promise<PlacedFinding[]> {
  if (changes.length === 0) return [];
  const now = await files.list(options.signal);
  const added = new Set(changes.filter((c) => c.status !== 'D' && c.status !== 'M' && c.status !== 'T').map((c) => c.path));
  const removed = changes.flatMap((c) => (c.status === 'D' ? [c.path] : c.status === 'R' && c.from !== undefined ? [c.from] : []));
  const before = [...new Set([...now.filter((p) => !added.has(p)), ...removed])];
  const headTree = new ListedTree(now, (path) => files.read(path, MAX_COMMAND_FILE_BYTES));
  const baseTree = new ListedTree(before, async (path) => (await git.readFiles([{ sha: mergeBase, path }], MAX_COMMAND_FILE_BYTES, options.signal))[0]?.text);
  const repoNames = (await files.repositoryNames?.()) ?? [];
  const extraLanguages = options.extraLanguages ?? [];
  const common = {
    walk: (doc: DocModel, folders: RepoTree) => walkCalls(doc, runnableBlocks(doc, { extraLanguages }), folders, repoNames),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  // A doc whose commands ran here at the merge base needs no other anchor: the change set may have removed its only one.
  const anchored = new Set<string>();
  const earlier = await commandDrift(docs, baseTree, { ...common, onAnchored: (path) => anchored.add(path) });
  const after = await commandDrift(docs, headTree, { ...common, fate: fateFromChanges(changes), anchoredDocs: anchored });
  const key = (f: PlacedFinding) => `${f.path}\0${f.line}\0${f.ruleId}\0${f.target ?? ''}`;
  const known = new Set(earlier.map(key));
  return after.filter((f) => !known.has(key(f)));
}
