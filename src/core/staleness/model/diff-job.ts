// The diff jobs the diff worker computes (see `notedDiff` in diffs/noted-diff.ts), as plain data:
// the `TextDiffer` port of ports.ts takes them, so they sit here, importing nothing.

/** Which blocks of a file a verdict compares: the rules of an alert rule file, the targets of a Makefile, or how a script is called. */
export type Blocks = 'rules' | 'targets' | 'calls';

/** One side of a diff job: the file's path, a key for its content (see `DiffJob`) and its text. */
export interface DiffSide {
  path: string;
  /**
   * Names the content: equal keys are equal texts for as long as a `NoteCache` lives (a git blob
   * id; a key made unique per report for a working-tree file, whose id is its path).
   */
  key: string;
  text: string;
}

/** A diff to compute (see `notedDiff`); a side left out is a file that does not exist. */
export interface DiffJob {
  from?: DiffSide;
  to?: DiffSide;
  /** A verdict weighs the diff by data shape (see `withShape`). */
  shape?: boolean;
  /** A verdict needs which alert rules, make targets or script calls changed (see `withBlocks`). */
  blocks?: Blocks;
  /**
   * Only the line diff is wanted (whether a doc's own last change was more than whitespace): its
   * notes (minor hunks, old versions, words) are not worked out, and the diff says so (see
   * `StoredDiff.linesOnly`). Never with `shape` or `blocks`.
   */
  linesOnly?: boolean;
}
