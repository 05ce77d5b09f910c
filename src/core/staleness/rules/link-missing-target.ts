import { RuleId } from '../../findings/finding';
import type { BrokenEvidence, LinkedTarget } from '../model/evidence';
import type { ItemRule } from './rule';
import { at, commitText, targetWord } from './text';

/**
 * `link.missing-target`: a link, watched path or alert rule file does not exist (deleted, never
 * there, or missing at the commit, tag or other branch a link names), and was not renamed. Weighs `brokenLink`;
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
    if (b.pinnedAt && t.pinned?.kind === 'branch') return broken(`${what} \`${t.path}\` does not exist on branch ${b.pinnedAt}, which this link names. Fix the link.`);
    if (b.pinnedAt) return broken(`${what} \`${t.path}\` does not exist at ${b.pinnedAt.slice(0, 12)}, the commit or tag this link is pinned to. Fix the link.`);
    if (t.site && !b.deletedIn && !b.deletedUncommitted) {
      return broken(`Link \`${t.raw}\` leads to no page of the ${t.site.generator} site: ${triedText(t.site)}. Fix or remove the link.`);
    }
    const deleted = b.deletedIn ? ` (deleted in ${commitText(b.deletedIn)})` : b.deletedUncommitted ? ' (deleted in the working tree, not committed)' : '';
    return broken(`${what} \`${t.path}\` does not exist${deleted}. Fix or remove the link.`, b.deletedIn ? [b.deletedIn] : []);
  },
};

/** How many tried files a message names before "and N more". */
const TRIED_SHOWN = 3;

/** "tried `a`, `b`, `c` and 4 more; no redirect in `config/tech-docs.yml`" for a missing site link. */
export function triedText(site: NonNullable<LinkedTarget['site']>): string {
  const shown = site.tried.slice(0, TRIED_SHOWN).map((t) => `\`${t}\``).join(', ');
  const more = site.tried.length > TRIED_SHOWN ? ` and ${site.tried.length - TRIED_SHOWN} more` : '';
  const redirects = site.redirectSources.length ? `; no redirect in ${site.redirectSources.map((s) => `\`${s}\``).join(' or ')}` : '';
  return `${site.tried.length ? `tried ${shown}${more}` : 'no source folder serves it'}${redirects}`;
}
