/**
 * How much each kind of evidence adds to a doc's score. The score orders docs by how much they
 * need attention; whether a doc is `stale` depends only on the evidence that it no longer matches
 * what it describes (commits, lines, anchored ranges, uncommitted edits, open incident feedback)
 * reaching `StalenessOptions.staleThreshold`; broken links and overdue reviews do not count there.
 */
export interface StalenessWeights {
  /** Per commit that changed a linked target after the doc's reference time. Default 1. */
  commit: number;
  /** Per changed line (added + deleted, whitespace ignored) in those commits. Default 0.01. */
  line: number;
  /** At most this many commits count per target: the score follows the size of the net change, not how often the file was touched. Default 3. */
  maxCommitsPerTarget: number;
  /** At most this many lines count per target, so one generated file cannot dominate. Default 500. */
  maxLinesPerTarget: number;
  /** Per linked target or line range whose net change is minor (versions, comments, moved lines); only orders docs. Default 0.1. */
  minorChange: number;
  /** Per linked line range (`#L10-L20`) whose lines changed. Default 2. */
  anchoredRange: number;
  /** Per linked target with uncommitted (non-whitespace) changes. Default 1. */
  uncommitted: number;
  /** Per open note from an incident (unresolved, after the reference time). Default 1: one makes the doc stale. */
  incidentFeedback: number;
  /** Per broken link. Default 5. */
  brokenLink: number;
  /** When the review is overdue (does not make a doc stale). Default 0.5. */
  reviewOverdue: number;
}
