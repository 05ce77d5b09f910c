import type { AnchorEvidence, BrokenEvidence, ChangeEvidence, DocEvidence, StalenessReason } from '../model/evidence';
import type { RuleDefinition } from '../model/rule-definition';
import type { StalenessOptions } from '../options';

export type { RuleDefinition } from '../model/rule-definition';

/** What every rule of one doc is given besides its piece of evidence. */
export interface RuleContext {
  evidence: DocEvidence;
  options: StalenessOptions;
  /** `runbook` or `doc`, for messages. */
  noun: 'runbook' | 'doc';
  /** `this runbook was last changed on 2024-05-01` and the like: when the changes that count began. */
  since: string;
}

/** One finding of a rule, with what it adds to the doc's score. */
export interface RuleOutcome {
  reason: StalenessReason;
  /** Added to the score and towards `staleThreshold` (change evidence). */
  stale?: number;
  /** Added to the score only (broken links, overdue reviews). */
  score?: number;
}

/** A rule that looks at one item of a doc's evidence (a change, an anchored range, a broken link). */
export interface ItemRule<T> extends RuleDefinition {
  /** The rule's finding on `item`, or undefined when the rule does not apply to it. */
  check(item: T, context: RuleContext): RuleOutcome | undefined;
}

/** What a rule that looks at a whole doc found: its findings and what they add to the score together. */
export interface DocOutcome {
  reasons: StalenessReason[];
  /** Added to the score and towards `staleThreshold`. */
  stale?: number;
  /** Added to the score only. */
  score?: number;
}

/** A rule that looks at a doc's evidence as a whole (review, feedback, no verdict). */
export interface DocRule extends RuleDefinition {
  /** The rule's findings on the doc; no reasons when it has none. */
  check(context: RuleContext): DocOutcome;
}

/** The rules a verdict runs, by the evidence each looks at, in order (the registry is `VERDICT_RULES`). */
export interface VerdictRules {
  changes: ReadonlyArray<ItemRule<ChangeEvidence>>;
  anchors: ReadonlyArray<ItemRule<AnchorEvidence>>;
  feedback: readonly DocRule[];
  broken: ReadonlyArray<ItemRule<BrokenEvidence>>;
  doc: readonly DocRule[];
}
