import type { RuleIdValue } from '../../findings/finding';
import type { StalenessWeights } from './weights';

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
