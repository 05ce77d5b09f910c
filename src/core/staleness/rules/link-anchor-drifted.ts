import { RuleId } from '../../findings/finding';
import { formatRange, rangeFragment } from '../model/line-ranges';
import type { AnchorEvidence } from '../model/evidence';
import type { ItemRule } from './rule';
import { at, cap, commitText } from './text';

/**
 * `link.anchor-drifted`: a linked line range did not change, but lines added or removed above it
 * moved it, so the link's `#L10-L20` points elsewhere now. Suggests the new range. Adds no weight.
 */
export const linkAnchorDrifted: ItemRule<AnchorEvidence> = {
  id: RuleId.linkAnchorDrifted,
  weight: undefined,
  check(a) {
    if (a.touchedBy.length > 0 || a.uncommittedTouch) return undefined;
    if (!a.now || (a.now.start === a.target.lines.start && a.now.end === a.target.lines.end)) return undefined;
    const where = `lines ${formatRange(a.target.lines)} of \`${a.target.path}\` (${rangeFragment(a.target.lines)})`;
    return {
      reason: {
        ruleId: RuleId.linkAnchorDrifted,
        severity: 'info',
        ...at(a.target),
        message: `${cap(where)} moved to lines ${formatRange(a.now)}: lines were added or removed above them${a.movedBy[0] ? ` (latest: ${commitText(a.movedBy[0])})` : ''}. Update the link to ${rangeFragment(a.now)}.`,
        commits: a.movedBy,
        suggestion: { path: a.target.path, lines: a.now },
      },
    };
  },
};
