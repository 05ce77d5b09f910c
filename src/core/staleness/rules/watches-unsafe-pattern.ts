import { RuleId } from '../../findings/finding';
import type { GlobRefusal } from '../../bounded-glob';
import type { StalenessReason } from '../model/evidence';
import type { RuleDefinition } from '../model/rule-definition';

/**
 * `watches.unsafe-pattern`: a `watches:` glob is over the bounds of `GLOB_BOUNDS` (or uses an
 * unsupported extglob), so it was not matched: a finding, never a stall. Found while resolving
 * targets (`targets/resolve-targets.ts`). Adds no weight.
 */
export const watchesUnsafePattern: RuleDefinition = {
  id: RuleId.watchesUnsafePattern,
  weight: undefined,
};

/** The finding for a refused `watches:` glob on front matter line `line`. */
export function watchesUnsafePatternReason(refusal: GlobRefusal, written: string, line: number): StalenessReason {
  return {
    ruleId: RuleId.watchesUnsafePattern,
    severity: 'warning',
    target: refusal.pattern,
    line,
    message: `\`watches: ${written.length > 80 ? `${written.slice(0, 80)}…` : written}\` was ignored: ${refusal.reason}. Split it into simpler patterns or name the folder.`,
    commits: [],
  };
}
