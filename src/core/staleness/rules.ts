import { RuleId, type RuleIdValue, type Severity } from '../findings';

/** What a staleness rule means, for SARIF `rules`, help texts and the README. */
export interface StalenessRule {
  id: RuleIdValue;
  /** PascalCase name (SARIF `name`). */
  name: string;
  /** One sentence. */
  description: string;
  defaultSeverity: Severity;
}

/** Every rule the staleness engine and the change-set check report, in a stable order. */
export const STALENESS_RULES: readonly StalenessRule[] = Object.freeze([
  { id: RuleId.staleLinkedCodeChanged, name: 'LinkedCodeChanged', description: 'A file or folder the doc links to, watches or is named by changed after the doc was last changed or reviewed.', defaultSeverity: 'warning' },
  { id: RuleId.staleAnchoredRangeChanged, name: 'AnchoredRangeChanged', description: 'Lines the doc links to (#L10-L20) changed after the doc was last changed or reviewed.', defaultSeverity: 'warning' },
  { id: RuleId.staleIncidentFeedback, name: 'IncidentFeedback', description: 'Feedback on a line of the doc, written during an incident after the doc was last changed or reviewed, is not resolved.', defaultSeverity: 'warning' },
  { id: RuleId.linkMissingTarget, name: 'MissingLinkTarget', description: 'A link target does not exist.', defaultSeverity: 'error' },
  { id: RuleId.linkRenamedTarget, name: 'RenamedLinkTarget', description: 'A link target was renamed; the link should point at the new path.', defaultSeverity: 'error' },
  { id: RuleId.linkOutsideRepo, name: 'LinkOutsideRepository', description: 'A link points above the workspace root, where its history is not followed.', defaultSeverity: 'warning' },
  { id: RuleId.linkAnchorDrifted, name: 'LineAnchorDrifted', description: 'Lines were added or removed above a linked line range, so the anchor points elsewhere now.', defaultSeverity: 'info' },
  { id: RuleId.linkPinnedUnverifiable, name: 'PinnedLinkUnverifiable', description: 'A link is pinned to a commit or tag that is not in this clone.', defaultSeverity: 'info' },
  { id: RuleId.watchesNoMatch, name: 'WatchesNoMatch', description: 'A front matter watches pattern matches no file.', defaultSeverity: 'warning' },
  { id: RuleId.reviewOverdue, name: 'ReviewOverdue', description: 'The doc is older than its review interval.', defaultSeverity: 'warning' },
  { id: RuleId.reviewInvalidInterval, name: 'InvalidReviewInterval', description: 'The review interval is not a duration.', defaultSeverity: 'warning' },
  { id: RuleId.stalenessUnknown, name: 'StalenessUnknown', description: 'No verdict: not a git repository, a shallow clone, or an uncommitted doc.', defaultSeverity: 'info' },
] satisfies StalenessRule[]);
