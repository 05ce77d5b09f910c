/** How serious a finding is. Mirrors SARIF levels and VS Code diagnostic severities. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Stable rule ids. They are public: used as the VS Code `Diagnostic.code`, in the CLI's JSON
 * and in SARIF, so never rename one; add a new id instead. What each means, its default severity
 * and its help link live in the rule table (`RULES`).
 */
export const RuleId = {
  frontMatterInvalid: 'front-matter.invalid',
  frontMatterNotMapping: 'front-matter.not-a-mapping',
  frontMatterFieldType: 'front-matter.field-type',
  docInvalidEncoding: 'doc.invalid-encoding',
  docTooLarge: 'doc.too-large',
  docUnreadable: 'doc.unreadable',
  docUnparseable: 'doc.unparseable',
  pathNotUtf8: 'path.not-utf8',
  staleLinkedCodeChanged: 'stale.linked-code-changed',
  staleAnchoredRangeChanged: 'stale.anchored-range-changed',
  staleIncidentFeedback: 'stale.incident-feedback',
  staleMinorChange: 'stale.minor-change',
  staleUnmentionedChange: 'stale.unmentioned-change',
  linkMissingTarget: 'link.missing-target',
  linkRenamedTarget: 'link.renamed-target',
  linkOutsideRepo: 'link.outside-repo',
  linkNotPublished: 'link.not-published',
  linkAnchorDrifted: 'link.anchor-drifted',
  linkPinnedUnverifiable: 'link.pinned-unverifiable',
  watchesNoMatch: 'watches.no-match',
  watchesUnsafePattern: 'watches.unsafe-pattern',
  reviewOverdue: 'review.overdue',
  reviewInvalidInterval: 'review.invalid-interval',
  reviewFutureDate: 'review.future-date',
  stalenessUnknown: 'staleness.unknown',
  configInvalid: 'config.invalid',
  blockInvalidAttribute: 'block.invalid-attribute',
  alertNoRunbook: 'alert.no-runbook',
  alertRunbookUrlBroken: 'alert.runbook-url-broken',
  alertRuleFileInvalid: 'alert.rule-file-invalid',
  runbookAlertMissing: 'runbook.alert-missing',
  commandMissingScript: 'command.missing-script',
  commandMissingTarget: 'command.missing-target',
  commandUnknownFlag: 'command.unknown-flag',
} as const;

export type RuleIdValue = (typeof RuleId)[keyof typeof RuleId];

/** A commit named as evidence. */
export interface CommitRef {
  sha: string;
  /**
   * ISO 8601 UTC (`2025-03-02T10:00:00Z`): the committer date of a commit on the first-parent line,
   * the author date of a commit that came in through a merge (`mergedBy`).
   */
  date: string;
  subject: string;
  /**
   * The merge that brought this commit onto the first-parent line (committer date), when the change
   * came in through a merge: the history counts the merge, the commit named is the one on the merged
   * side that last changed the file.
   */
  mergedBy?: { sha: string; date: string; subject: string };
}

/** Another place that matters to a finding (e.g. the runbook line that links to changed code). */
export interface RelatedLocation {
  /** Root-relative posix path. */
  path: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  /** Why this place matters, in a few words. */
  message?: string;
}

/** What to change to resolve a finding, when the rule knows. */
export interface SuggestedFix {
  /** What to do, in one sentence (`Update the link to \`ops/failover.sh\`.`). */
  description: string;
  /** For a link fix: the new target (root-relative path), its line range and the commit that moved it. */
  link?: { path: string; lines?: { start: number; end: number }; commit?: CommitRef };
  /** For a command fix: on the finding's line, replace the first `text` with `with` (`./scripts/old.sh` → `./scripts/new.sh`). */
  replace?: { text: string; with: string };
}

/**
 * A problem found in a file, placed on a line (1-based) and optionally a column (1-based). The one
 * shape every producer (index, config file, staleness, change-set check, alert coverage) reports
 * and every face (Problems panel, CLI text, JSON, GitHub annotations, SARIF) formats.
 */
export interface Finding {
  ruleId: RuleIdValue | string;
  severity: Severity;
  /** What is wrong and what to do about it, in one sentence or two. */
  message: string;
  /**
   * Root-relative posix path of the file the finding is on. Undefined while the finding sits in its
   * doc's model (`DocModel.findings`), where the doc's path is implied; set by `placeFinding`.
   */
  path?: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  /** 1-based last line of the range, when the finding spans several lines. */
  endLine?: number;
  /** 1-based column after the last character of the range, when known. */
  endColumn?: number;
  /** The root-relative path or pattern the finding is about (a link target, a changed file); undefined for doc-level findings. */
  target?: string;
  /** Other places that matter, in order. */
  related?: RelatedLocation[];
  /** What to change, when the rule knows. */
  fix?: SuggestedFix;
  /** The commits behind the finding, newest first. */
  commits?: CommitRef[];
}

/** A finding whose file is known: what the formatters take. */
export type PlacedFinding = Finding & { path: string };

/** The finding placed in `path` (a copy; the finding's own `path` wins when it has one). */
export function placeFinding(path: string, finding: Finding): PlacedFinding {
  return finding.path !== undefined ? (finding as PlacedFinding) : { ...finding, path };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders findings by path, line, column, then errors before warnings before infos, then rule id. */
export function compareFindings(a: PlacedFinding, b: PlacedFinding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || RANK[a.severity] - RANK[b.severity] || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
