import type { RuleIdValue } from '../../findings/finding';
import type { DocEvidence } from '../model/evidence';
import type { StalenessReason } from '../model/report';
import type { StalenessOptions, StalenessWeights } from '../options';

/**
 * A staleness rule as the verdict runs it. What it means (name, description, default severity,
 * help link) is its row in the one rule table, `src/core/findings/rule-table.ts`.
 */
export interface RuleDefinition {
  id: RuleIdValue;
  /**
   * The weights its findings add to a doc's score (names of `StalenessWeights`, as the table's
   * `weights` column lists them; a test keeps the two equal); empty when they add nothing.
   * `counts`: `stale` when they also count towards `staleThreshold`, `score` when they only order docs.
   */
  weight: { weights: ReadonlyArray<keyof StalenessWeights>; counts: 'stale' | 'score' } | undefined;
}

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
