import { RuleId } from '../../findings/finding';
import { NAME_NOT_UTF8 } from '../model/doc-reference';
import type { DocRule } from './rule';

/**
 * `staleness.unknown`: no verdict is possible (not a git repository, a shallow clone, no commits,
 * an uncommitted doc); the message says why and what to do. Adds no weight. A doc whose file name
 * is not UTF-8 gets `path.not-utf8` instead, a warning: only renaming it brings its history back.
 */
export const stalenessUnknown: DocRule = {
  id: RuleId.stalenessUnknown,
  weight: undefined,
  check({ evidence }) {
    if (!evidence.unknown) return { reasons: [] };
    if (evidence.unknown === NAME_NOT_UTF8) {
      return { reasons: [{ ruleId: RuleId.pathNotUtf8, severity: 'warning', line: 1, message: `Staleness unknown: ${evidence.unknown}`, commits: [] }] };
    }
    return { reasons: [{ ruleId: RuleId.stalenessUnknown, severity: 'info', line: 1, message: `Staleness unknown: ${evidence.unknown}`, commits: [] }] };
  },
};
