import { RuleId } from '../../findings/finding';
import type { MinorKind } from '../model/minor-kind';
import { formatRange, rangeFragment } from '../model/line-ranges';
import type { AnchorEvidence, ChangeEvidence } from '../model/evidence';
import type { ItemRule } from './rule';
import { at, commitText, lineCounts, plural, targetWords } from './text';

const WORDS: Record<MinorKind, string> = { versions: 'version numbers', comments: 'comments', moved: 'lines moved' };

/** `changed only in version numbers and comments`, `only had lines moved`. */
function onlyText(kinds: MinorKind[]): string {
  if (kinds.length === 1 && kinds[0] === 'moved') return 'only had lines moved';
  return `changed only in ${kinds.map((k) => WORDS[k]).join(' and ')}`;
}

/**
 * `stale.minor-change` (info): a linked file, folder, glob or line range whose net change since the
 * doc's reference is only version numbers the doc does not quote, comments, or lines moved
 * (issue 18: toolchain bumps by hand, typo and lint commits, imports reordered). Shown so nothing is
 * hidden, weighs `minorChange` towards the score only, so it never makes a doc stale on its own.
 */
export const staleMinorChange: ItemRule<ChangeEvidence | AnchorEvidence> = {
  id: RuleId.staleMinorChange,
  weight: { weights: ['minorChange'], counts: 'score' },
  check(e, { options, since, noun }) {
    if (!e.minor) return undefined;
    const quotedNone = e.oldVersions?.length ? ` This ${noun} quotes none of the old versions (${e.oldVersions.join(', ')}).` : '';
    if ('touchedBy' in e) {
      const where = `Lines ${formatRange(e.target.lines)} of \`${e.target.path}\` (${rangeFragment(e.target.lines)})`;
      const latest = e.touchedBy[0] ? ` (${plural(e.touchedBy.length, 'commit')} changed the file since — latest: ${commitText(e.touchedBy[0])})` : '';
      return {
        score: options.weights.minorChange,
        reason: {
          ruleId: RuleId.staleMinorChange,
          severity: 'info',
          ...at(e.target),
          message: `${where} ${onlyText(e.minor)} since ${since}${latest}.${quotedNone} Nothing to update for that.`,
          commits: e.touchedBy,
          ...(e.now && (e.now.start !== e.target.lines.start || e.now.end !== e.target.lines.end) ? { suggestion: { path: e.target.path, lines: e.now } } : {}),
        },
      };
    }
    const latest = e.commits[0] ? ` — latest: ${commitText(e.commits[0])}` : '';
    return {
      score: options.weights.minorChange,
      reason: {
        ruleId: RuleId.staleMinorChange,
        severity: 'info',
        ...at(e.target),
        message: `${targetWords(e.target, noun)} ${onlyText(e.minor)} (${plural(e.commits.length, 'commit')}, ${lineCounts(e.added, e.deleted)}) since ${since}${latest}.${quotedNone} Nothing to update for that.`,
        commits: e.commits,
        added: e.added,
        deleted: e.deleted,
      },
    };
  },
};
