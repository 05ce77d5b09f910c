import { RuleId } from '../../findings/finding';
import type { LinkedTarget, StalenessReason } from '../model/evidence';
import type { RuleDefinition } from './rule';

/**
 * `watches.no-match`: a front matter `watches:` glob matches no file, now or in the history. Found
 * with the evidence (`evidence/doc-evidence.ts`). Adds no weight.
 */
export const watchesNoMatch: RuleDefinition = {
  id: RuleId.watchesNoMatch,
  weight: undefined,
};

/** The finding for a glob target that matches nothing. */
export function watchesNoMatchReason(target: LinkedTarget): StalenessReason {
  return {
    ruleId: RuleId.watchesNoMatch,
    severity: 'warning',
    target: target.path,
    line: target.line,
    message: `\`watches: ${target.raw}\` matches no file, now or in the history. Fix the pattern.`,
    commits: [],
  };
}
