import type { IndexedCommit } from '../history/history-types';

/** The reason of a doc whose file name is not UTF-8 (`path.not-utf8` in the index): git names it by other bytes, so its history is not found. */
export const NAME_NOT_UTF8 = 'this file name is not valid UTF-8, so its git history cannot be matched to it. Rename it to a UTF-8 name.';

/** When a doc was last changed or reviewed, as the rules compare it. */
export interface DocReference {
  /** Index of the last content commit. */
  commitIndex?: number;
  commit?: IndexedCommit;
  /** End of the review day, Unix seconds. */
  reviewTime?: number;
  /** The doc has uncommitted, non-whitespace edits: everything committed is older. */
  workingTree?: boolean;
}
