import { RuleId } from '../../findings/finding';
import type { DocRule } from './rule';

/**
 * `staleness.unknown`: no verdict is possible (not a git repository, a shallow clone, no commits,
 * an uncommitted doc); the message says why and what to do. Adds no weight.
 */
export const stalenessUnknown: DocRule = {
  id: RuleId.stalenessUnknown,
  weight: undefined,
  check({ evidence }) {
    if (!evidence.unknown) return { reasons: [] };
    return { reasons: [{ ruleId: RuleId.stalenessUnknown, severity: 'info', line: 1, message: `Staleness unknown: ${evidence.unknown}`, commits: [] }] };
  },
};
