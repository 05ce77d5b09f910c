import { RuleId } from '../../findings/finding';
import { formatRange, rangeFragment } from '../model/line-ranges';
import type { AnchorEvidence } from '../model/evidence';
import type { ItemRule } from './rule';
import { at, cap, commitText, plural } from './text';

/**
 * `stale.anchored-range-changed`: lines the doc links to (`#L10-L20`) changed, in commits after the
 * doc was last changed or reviewed or in the working tree. Weighs `anchoredRange` per range.
 * Suggests the range's estimated new place when it moved.
 */
export const staleAnchoredRangeChanged: ItemRule<AnchorEvidence> = {
  id: RuleId.staleAnchoredRangeChanged,
  weight: { weights: ['anchoredRange'], counts: 'stale' },
  check(a, { options, since, noun }) {
    if ((a.touchedBy.length === 0 && !a.uncommittedTouch) || a.minor || a.created) return undefined;
    const where = `lines ${formatRange(a.target.lines)} of \`${a.target.path}\` (${rangeFragment(a.target.lines)})`;
    const count = a.touchedBy.length;
    const what = [count ? `changed since ${since}` : '', a.uncommittedTouch ? `${count ? 'and have' : 'have'} uncommitted changes` : ''].filter(Boolean).join(' ');
    const latest = a.touchedBy[0] ? ` (${plural(count, 'commit')} changed the file since — latest: ${commitText(a.touchedBy[0])})` : '';
    const moved = a.now && (a.now.start !== a.target.lines.start || a.now.end !== a.target.lines.end) ? ` They are now around lines ${formatRange(a.now)}.` : '';
    const gone = a.now ? '' : ' The lines were removed.';
    return {
      stale: options.weights.anchoredRange,
      reason: {
        ruleId: RuleId.staleAnchoredRangeChanged,
        severity: 'warning',
        ...at(a.target),
        message: `${cap(where)} ${what}${latest}.${moved}${gone} Check that this ${noun} still matches them, then update it (and the link) or mark it reviewed.${a.quoted ? ` This ${noun} quotes ${a.quoted}, which changed.` : ''}`,
        commits: a.touchedBy,
        ...(a.now ? { suggestion: { path: a.target.path, lines: a.now } } : {}),
      },
    };
  },
};
