import type { WorkspaceContext } from '../scan/workspace-context';
import type { DetailBatch } from '../diffs/diff-batch';
import type { HistoryIndex, IndexedCommit } from '../history/history-index';
import type { StalenessOptions } from '../options';
import type { WorkingTree } from '../history/working-tree';

/** What the evidence phases of one report share: the history, the workspace, and the per-run caches. */
export interface EvidenceRun {
  index: HistoryIndex;
  context: WorkspaceContext;
  working: WorkingTree;
  isNoise: (commit: IndexedCommit) => boolean;
  /** Line counts and hunks queued for the next git round. */
  details: DetailBatch;
  options: StalenessOptions;
  /** `kind\0path` of a folder or glob target → the paths it covers (cached per run). */
  matches: Map<string, string[]>;
  /** Target and reference → the paths changed after it (cached per run; see `target-changes.ts`). */
  pathChanges?: Map<string, unknown>;
}
