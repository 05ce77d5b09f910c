import type { FileChange } from '../../repo/repo-ports';
import type { FileHunks } from './git-records';

/** Uncommitted changes of one run, against HEAD. */
export interface WorkingTree {
  /** Path → its uncommitted change (renames by their new path). */
  byPath: Map<string, FileChange>;
  /** Old path → its uncommitted rename. */
  renamedFrom: Map<string, FileChange>;
  /** Path → its whitespace-insensitive hunks; filled by `loadWorkingDiff`. */
  diff: Map<string, FileHunks>;
}
