import type { SiteSettings } from '../site/site-model';
import type { DocKind } from '../doc-kind';
import type { StalenessWeights } from './model/weights';

export type { StalenessWeights } from './model/weights';

/** The default of `StalenessOptions.maxDiffBytes`: larger files are compared by blob id and size only (no line counts). */
export const MAX_DIFF_BYTES = 4 * 1024 * 1024;

/** Every setting of the staleness rules, with the defaults in `DEFAULT_STALENESS_OPTIONS`. */
export interface StalenessOptions {
  weights: StalenessWeights;
  /** A doc whose change evidence (incident feedback included) weighs at least this is `stale`. Default 1 (one commit or one open note). */
  staleThreshold: number;
  /** Commits touching more files than this (in the whole repository) are noise: formatting, renames, imports. Default 50. */
  bulkCommitFiles: number;
  /** Ignore the commits listed in `.git-blame-ignore-revs`. Default true. */
  useBlameIgnoreRevs: boolean;
  /** Uncommitted changes count (linked targets edited, docs being edited). Default true. */
  workingTree: boolean;
  /** Which docs' inline code spans count as links when they name existing paths. Default `runbooks`. */
  codeSpans: 'runbooks' | 'all' | 'off';
  /** Edits of linked markdown docs age the linking doc. Default false (existence is always checked). */
  trackDocLinks: boolean;
  /**
   * A real change of a linked file counts only when it concerns what the doc says next to the link
   * (see `stale.unmentioned-change`). Default true; false counts every real change, as before.
   */
  mentions: boolean;
  /** Globs of the files scanned for `runbook_url:` / `runbook:` annotations. Default every YAML file. */
  alertRuleFiles: string[];
  /** Larger rule files are not scanned. Default 1 MiB. */
  maxAlertRuleFileBytes: number;
  /** Files larger than this are not diffed line by line: a change says both sizes instead. Default 4 MiB. */
  maxDiffBytes: number;
  /** Review interval for docs that declare none (`90d`, `3 months`, `P90D`); default none. */
  defaultReviewInterval?: string;
  /** Kinds of docs the change-set check (`runbooks check`) looks at. Default runbooks and architecture docs. */
  checkKinds: DocKind[];
  /** The `.runbooks.yml` `site:` section: overrides the docs site detected from the repository's files. Default none (detection alone). */
  site?: SiteSettings;
  /** The clock, for review due dates. Default `() => new Date()`. */
  now: () => Date;
  /**
   * On a cold run, read linked files while the history pass streams. Pays off with spare cores;
   * on two, the reads slow the history pass as much as they save later. Default false (the Node
   * adapter turns it on with 4 or more cores).
   */
  readAhead: boolean;
}

/** The documented defaults; see the field comments of `StalenessOptions` and `StalenessWeights`. */
export const DEFAULT_STALENESS_OPTIONS: Readonly<StalenessOptions> = Object.freeze({
  weights: Object.freeze({ commit: 1, line: 0.01, maxCommitsPerTarget: 3, maxLinesPerTarget: 500, minorChange: 0.1, anchoredRange: 2, uncommitted: 1, incidentFeedback: 1, brokenLink: 5, reviewOverdue: 0.5 }),
  staleThreshold: 1,
  bulkCommitFiles: 50,
  useBlameIgnoreRevs: true,
  workingTree: true,
  codeSpans: 'runbooks',
  trackDocLinks: false,
  mentions: true,
  alertRuleFiles: ['**/*.yml', '**/*.yaml'],
  maxAlertRuleFileBytes: 1024 * 1024,
  maxDiffBytes: MAX_DIFF_BYTES,
  checkKinds: ['runbook', 'architecture'],
  now: () => new Date(),
  readAhead: false,
}) as Readonly<StalenessOptions>;

/** Partial options: anything left out takes its default from `DEFAULT_STALENESS_OPTIONS`. */
export type StalenessOptionsInput = Partial<Omit<StalenessOptions, 'weights'>> & { weights?: Partial<StalenessWeights> };

/** Options with every field set: `partial` over the defaults (weights merged field by field). */
export function resolveStalenessOptions(partial: StalenessOptionsInput = {}): StalenessOptions {
  return { ...DEFAULT_STALENESS_OPTIONS, ...partial, weights: { ...DEFAULT_STALENESS_OPTIONS.weights, ...partial.weights } };
}
