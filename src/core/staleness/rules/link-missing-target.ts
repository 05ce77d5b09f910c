import { RuleId } from '../../findings/finding';
import type { BrokenEvidence } from '../model/evidence';
import type { ItemRule } from './rule';
import { at, commitText } from './text';
import { triedText } from '../targets/site-targets';

/**
 * `link.missing-target`: a link, watched path or alert rule file does not exist (deleted, never
 * there, or missing at the commit a link is pinned to), and was not renamed. Weighs `brokenLink`;
 * makes the doc `broken`.
 */
export const linkMissingTarget: ItemRule<BrokenEvidence> = {
  id: RuleId.linkMissingTarget,
  weight: { weights: ['brokenLink'], counts: 'score' },
  check(b, { options }) {
    if (b.renamedTo && !b.pinnedAt) return undefined;
    const t = b.target;
    const what = targetWord(t);
    const broken = (message: string, commits: NonNullable<BrokenEvidence['deletedIn']>[] = []) => ({
      score: options.weights.brokenLink,
      reason: { ruleId: RuleId.linkMissingTarget, severity: 'error' as const, ...at(t), message, commits },
    });
    if (b.pinnedAt) return broken(`${what} \`${t.path}\` does not exist at ${b.pinnedAt.slice(0, 12)}, the commit or tag this link is pinned to. Fix the link.`);
    if (t.site && !b.deletedIn && !b.deletedUncommitted) {
      return broken(`Link \`${t.raw}\` leads to no page of the ${t.site.generator} site: ${triedText(t.site)}. Fix or remove the link.`);
    }
    const deleted = b.deletedIn ? ` (deleted in ${commitText(b.deletedIn)})` : b.deletedUncommitted ? ' (deleted in the working tree, not committed)' : '';
    return broken(`${what} \`${t.path}\` does not exist${deleted}. Fix or remove the link.`, b.deletedIn ? [b.deletedIn] : []);
  },
};

/** How a broken target is named in messages: `Watched path`, `Alert rule file` or `Link target`. */
export function targetWord(target: BrokenEvidence['target']): string {
  return target.via === 'watches' ? 'Watched path' : target.via === 'alert-rule' ? 'Alert rule file' : 'Link target';
}
