import type { IndexedCommit } from '../history/history-types';

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
