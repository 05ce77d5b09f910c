import { RuleId } from '../../findings/finding';
import type { LinkedTarget, StalenessReason } from '../model/evidence';
import type { RuleDefinition } from './rule';
import { at } from './text';

/**
 * `link.pinned-unverifiable`: a link pinned to a commit or tag that is not in this clone, so its
 * target cannot be checked there. Found with the evidence (`evidence/doc-evidence.ts`). Adds no weight.
 */
export const linkPinnedUnverifiable: RuleDefinition = {
  id: RuleId.linkPinnedUnverifiable,
  weight: undefined,
};

/** The finding for a pinned target whose ref is not in the clone. */
export function pinnedUnverifiableReason(target: LinkedTarget): StalenessReason {
  const pinned = target.pinned!;
  return {
    ruleId: RuleId.linkPinnedUnverifiable,
    severity: 'info',
    ...at(target),
    message: `This link is pinned to ${pinned.kind === 'tag' ? 'tag' : 'commit'} ${pinned.ref.slice(0, 12)}, which is not in this clone, so \`${target.path}\` cannot be checked there. Fetch it (\`git fetch --tags\`) or fix the link.`,
    commits: [],
  };
}
