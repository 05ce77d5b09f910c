import type { FileChange } from '../../repo/repo-ports';
import type { Hunk } from './line-ranges';

/** One commit of the first-parent history, with its changes against its first parent. */
export interface LogCommit {
  sha: string;
  /** Parent SHAs; the first is the one on the main line. Empty for a root commit. */
  parents: string[];
  /** Committer time in Unix seconds: when the change landed on this line. */
  time: number;
  subject: string;
  /** Changes inside the workspace root. */
  changes: FileChange[];
  /** How many files the commit touched in the whole repository (bulk-commit detection). */
  fileCount: number;
}

/** The hunks of one file in one commit (or one working-tree diff), whitespace ignored. */
export interface FileHunks {
  /** The commit; undefined for a diff against the working tree. */
  sha?: string;
  path: string;
  hunks: Hunk[];
  added: number;
  deleted: number;
  binary?: boolean;
}

/** A commit on the merged side of a merge (see `GitHistory.mergedChanges`). */
export interface MergedChange {
  sha: string;
  subject: string;
  /** Author time, Unix seconds: when the change was written. */
  authorTime: number;
}

/** Uncommitted changes of one run, against HEAD. */
export interface WorkingTree {
  /** Path → its uncommitted change (renames by their new path). */
  byPath: Map<string, FileChange>;
  /** Old path → its uncommitted rename. */
  renamedFrom: Map<string, FileChange>;
  /** Path → its whitespace-insensitive hunks; filled by `loadWorkingDiff`. */
  diff: Map<string, FileHunks>;
}

/** What was added to a `HistoryIndex` since the history store last held it (the store held `head`), newest commits first. */
export interface StoreMark {
  head: string;
  commits: LogCommit[];
  diffKeys: string[];
}
