import type { DocModel } from '../doc-model';
import type { PlacedFinding } from '../findings/finding';
import type { HistoryView } from '../staleness/history/history-types';
import type { WorkspaceFiles } from '../repo/repo-ports';
import { runnableBlocks } from '../runner/runnable-blocks';
import { walkCalls } from './block-walk';
import { commandDrift } from './command-drift';
import { fateFromHistory } from './path-fate';
import { ListedTree } from './repo-tree';
import { MAX_COMMAND_FILE_BYTES } from './call-types';

export { MAX_COMMAND_FILE_BYTES } from './call-types';

/** Options of `workspaceDrift`. */
export interface WorkspaceDriftOptions {
  /** The first-parent history (the staleness engine's), for renames and deletions; none: not said. */
  history?: HistoryView;
  /** More fence languages to treat as shell. */
  extraLanguages?: readonly string[];
  signal?: AbortSignal;
}

/**
 * Command drift (`commandDrift`) of `docs` against the working tree as `files` lists and reads it,
 * with renames and deletions from `history` when given.
 */
export async function workspaceDrift(docs: readonly DocModel[], files: WorkspaceFiles, options: WorkspaceDriftOptions = {}): Promise<PlacedFinding[]> {
  const list = await files.list(options.signal);
  const present = new Set(list);
  const tree = new ListedTree(list, (path) => files.read(path, MAX_COMMAND_FILE_BYTES));
  const repoNames = (await files.repositoryNames?.()) ?? [];
  const extraLanguages = options.extraLanguages ?? [];
  return commandDrift(docs, tree, {
    walk: (doc, folders) => walkCalls(doc, runnableBlocks(doc, { extraLanguages }), folders, repoNames),
    ...(options.history ? { fate: fateFromHistory(options.history, (p) => present.has(p)) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
