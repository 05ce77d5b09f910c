import { rulesOf, type RuleInfo } from '../../findings/rule-table';
import { linkAnchorDrifted } from './link-anchor-drifted';
import { linkMissingTarget } from './link-missing-target';
import { linkNotPublished } from './link-not-published';
import { linkOutsideRepo } from './link-outside-repo';
import { linkPinnedUnverifiable } from './link-pinned-unverifiable';
import { linkRenamedTarget } from './link-renamed-target';
import { reviewFutureDate } from './review-future-date';
import { reviewInvalidInterval } from './review-invalid-interval';
import { reviewOverdue } from './review-overdue';
import type { RuleDefinition, VerdictRules } from './rule';
import { staleAnchoredRangeChanged } from './stale-anchored-range-changed';
import { staleIncidentFeedback } from './stale-incident-feedback';
import { staleLinkedCodeChanged } from './stale-linked-code-changed';
import { staleMinorChange } from './stale-minor-change';
import { staleUnmentionedChange } from './stale-unmentioned-change';
import { stalenessUnknown } from './staleness-unknown';
import { watchesNoMatch } from './watches-no-match';
import { watchesUnsafePattern } from './watches-unsafe-pattern';

/** What a staleness rule means (an entry of the one rule table). */
export type StalenessRule = RuleInfo;

/** Every rule the staleness engine and the change-set check report, in a stable order (the `staleness` group of `RULES`). */
export const STALENESS_RULES: readonly StalenessRule[] = rulesOf('staleness');

/** Every staleness rule file's definition, one per rule id of `STALENESS_RULES`. */
export const RULE_DEFINITIONS: readonly RuleDefinition[] = Object.freeze([
  staleLinkedCodeChanged,
  staleAnchoredRangeChanged,
  staleIncidentFeedback,
  staleMinorChange,
  staleUnmentionedChange,
  linkMissingTarget,
  linkRenamedTarget,
  linkOutsideRepo,
  linkNotPublished,
  linkAnchorDrifted,
  linkPinnedUnverifiable,
  watchesNoMatch,
  watchesUnsafePattern,
  reviewOverdue,
  reviewInvalidInterval,
  reviewFutureDate,
  stalenessUnknown,
]);

/**
 * The rules the verdict runs, by the evidence they look at. Each item of evidence is shown to its
 * rules in this order; a rule that does not apply returns nothing. Rules found while resolving
 * targets or gathering evidence (`link.outside-repo`, `link.pinned-unverifiable`,
 * `watches.no-match`) arrive already made, as the evidence's `problems`.
 */
export const VERDICT_RULES: VerdictRules = Object.freeze({
  changes: [staleLinkedCodeChanged, staleMinorChange, staleUnmentionedChange],
  anchors: [staleAnchoredRangeChanged, staleMinorChange, staleUnmentionedChange, linkAnchorDrifted],
  feedback: [staleIncidentFeedback],
  broken: [linkRenamedTarget, linkMissingTarget],
  doc: [stalenessUnknown, reviewInvalidInterval, reviewFutureDate, reviewOverdue],
});
