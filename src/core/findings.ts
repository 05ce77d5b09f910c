/** How serious a finding is. Mirrors SARIF levels and VS Code diagnostic severities. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Stable rule ids. They are public: used as the VS Code `Diagnostic.code`, in the CLI's JSON
 * and in SARIF, so never rename one; add a new id instead.
 */
export const RuleId = {
  /** The YAML front matter could not be parsed. */
  frontMatterInvalid: 'front-matter.invalid',
  /** The front matter parsed but is not a mapping (e.g. a bare list or string). */
  frontMatterNotMapping: 'front-matter.not-a-mapping',
  /** A known front matter field has the wrong shape (e.g. `alerts: 3`). */
  frontMatterFieldType: 'front-matter.field-type',
  /** The file is not valid UTF-8; invalid bytes were replaced. */
  docInvalidEncoding: 'doc.invalid-encoding',
  /** The file is larger than the configured limit and was not parsed. */
  docTooLarge: 'doc.too-large',
  /** The file could not be read. */
  docUnreadable: 'doc.unreadable',
  /** A file or folder the doc links to (or watches) changed after the doc was last changed or reviewed. */
  staleLinkedCodeChanged: 'stale.linked-code-changed',
  /** Lines the doc links to (`#L10-L20`) changed after the doc was last changed or reviewed. */
  staleAnchoredRangeChanged: 'stale.anchored-range-changed',
  /** Someone noted during an incident that a line of the doc is wrong, after it was last changed or reviewed, and the note is not resolved. */
  staleIncidentFeedback: 'stale.incident-feedback',
  /** A link target does not exist (and was not renamed). */
  linkMissingTarget: 'link.missing-target',
  /** A link target does not exist because it was renamed; the new path is suggested. */
  linkRenamedTarget: 'link.renamed-target',
  /** A link resolves above the workspace root, where history is not followed. */
  linkOutsideRepo: 'link.outside-repo',
  /** Lines were added or removed above a linked line range, so the anchor now points elsewhere. */
  linkAnchorDrifted: 'link.anchor-drifted',
  /** A link pinned to a commit or tag that is not in this clone, so its target cannot be checked. */
  linkPinnedUnverifiable: 'link.pinned-unverifiable',
  /** A front matter `watches:` pattern matches no file, now or in the history. */
  watchesNoMatch: 'watches.no-match',
  /** The doc is older than its review interval (`review_interval`, `review_in`, …). */
  reviewOverdue: 'review.overdue',
  /** The review interval is not a duration the rules understand. */
  reviewInvalidInterval: 'review.invalid-interval',
  /** No staleness verdict: not a git repository, a shallow clone, or an uncommitted doc. */
  stalenessUnknown: 'staleness.unknown',
  /** The repository config file (`.runbooks.yml`) is not valid YAML, or a setting in it is unknown or has a wrong value. */
  configInvalid: 'config.invalid',
} as const;

export type RuleIdValue = (typeof RuleId)[keyof typeof RuleId];

/** A problem found in a document, placed on a line (1-based) and optionally a column (1-based). */
export interface Finding {
  ruleId: RuleIdValue | string;
  severity: Severity;
  /** What is wrong and what to do about it, in one sentence or two. */
  message: string;
  /** 1-based line in the document. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  /** 1-based last line of the range, when the finding spans several lines. */
  endLine?: number;
}
