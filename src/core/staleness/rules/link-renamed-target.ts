import { RuleId } from '../../findings/finding';
import type { BrokenEvidence } from '../model/evidence';
import type { ItemRule } from './rule';
import { at, commitText, targetWord } from './text';

/**
 * `link.renamed-target`: a link target does not exist because it was renamed (followed through
 * every later rename, committed or not). Suggests the new path. Weighs `brokenLink`; makes the doc
 * `broken`.
 */
export const linkRenamedTarget: ItemRule<BrokenEvidence> = {
  id: RuleId.linkRenamedTarget,
  weight: { weights: ['brokenLink'], counts: 'score' },
  check(b, { options }) {
    if (!b.renamedTo || b.pinnedAt) return undefined;
    const t = b.target;
    const when = b.renamedTo.commit ? ` in ${commitText(b.renamedTo.commit)}` : b.renamedTo.uncommitted ? ' (uncommitted)' : '';
    return {
      score: options.weights.brokenLink,
      reason: {
        ruleId: RuleId.linkRenamedTarget,
        severity: 'error',
        ...at(t),
        message: `${targetWord(t)} \`${t.path}\` does not exist: it was renamed to \`${b.renamedTo.path}\`${when}. Update the link to \`${b.renamedTo.path}\`.`,
        commits: b.renamedTo.commit ? [b.renamedTo.commit] : [],
        suggestion: { path: b.renamedTo.path, ...(t.lines ? { lines: t.lines } : {}), ...(b.renamedTo.commit ? { commit: b.renamedTo.commit } : {}) },
      },
    };
  },
};
