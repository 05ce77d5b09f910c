import { RuleId } from '../../findings/finding';
import { formatRange, rangeFragment } from '../model/line-ranges';
import type { AnchorEvidence, ChangeEvidence } from '../model/evidence';
import type { ItemRule, RuleOutcome } from './rule';
import { at, commitText, lineCounts, plural, targetWords } from './text';

/** At most this many words of a change are shown. */
const SHOWN = 5;

const shown = (words: string[]): string => words.slice(0, SHOWN).map((w) => `\`${w}\``).join(', ') + (words.length > SHOWN ? ` and ${words.length - SHOWN} more` : '');

/**
 * `stale.unmentioned-change` (info): a linked file, folder or glob changed for real since the doc's
 * reference, but the change took no word the doc says next to the link out of it (words it brought
 * in are named, but what a file gains does not make a doc wrong),
 * removed no top-level data section with what it held nor one the doc names (one renamed, or a small
 * settings key, is named), and added no entry shaped like two or more the doc names
 * (issue 18: "edit X and update the Go version", "settings are documented here" stay true when X
 * gains targets, jobs, options or owners); or, for a script or make target the doc calls, only its
 * insides changed, not how it is called (see `callPhrases`); or the linked file was written after the
 * doc's reference (the doc cannot have relied on it), and so for lines a `#L` anchor names in a file
 * written after the doc. Shown so nothing is hidden; weighs `minorChange`
 * towards the score only, so it never makes a doc stale on its own.
 */
export const staleUnmentionedChange: ItemRule<ChangeEvidence | AnchorEvidence> = {
  id: RuleId.staleUnmentionedChange,
  weight: { weights: ['minorChange'], counts: 'score' },
  check(c, { options, since, noun }) {
    if ('touchedBy' in c) return c.created ? writtenLines(c, options.weights.minorChange, since, noun) : undefined;
    if (!c.unmentioned) return undefined;
    const latest = c.commits[0] ? ` — latest: ${commitText(c.commits[0])}` : '';
    const words = c.vocabulary;
    const sections = [...new Set(words?.sections ?? [])];
    const what = [
      words?.gained.length ? `new in it: ${shown(words.gained)}` : '',
      words?.lost.length ? `gone from it: ${shown(words.lost)}` : '',
      sections.length ? `top-level ${sections.length === 1 ? 'section' : 'sections'} ${shown(sections)} removed, ${sections.length === 1 ? 'its content' : 'their content'} kept under other keys or a small part of the file` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return {
      score: options.weights.minorChange,
      reason: {
        ruleId: RuleId.staleUnmentionedChange,
        severity: 'info',
        ...at(c.target),
        message: c.created
          ? `${targetWords(c.target, noun)} was written (${plural(c.commits.length, 'commit')}, ${lineCounts(c.added, c.deleted)}) after ${since}${latest}: this ${noun} cannot have relied on anything in it. Nothing to update unless this ${noun} should describe it.`
          : c.internal
          ? `${targetWords(c.target, noun)} changed (${plural(c.commits.length, 'commit')}, ${lineCounts(c.added, c.deleted)}) since ${since}${latest}, but only inside: how this ${noun} calls it (its arguments, options and usage, and the variables this ${noun} names) is the same. Nothing to update unless this ${noun} describes what it does inside.`
          : c.brought?.length
            ? `${targetWords(c.target, noun)} changed (${plural(c.commits.length, 'commit')}, ${lineCounts(c.added, c.deleted)}) since ${since}${latest}, but took nothing this ${noun} says next to the link out of it: it only brought in ${shown(c.brought)}, which this ${noun} says${what ? ` (${what})` : ''}. What a file gains does not make this ${noun} wrong; nothing to update unless this ${noun} should describe the new parts.`
            : `${targetWords(c.target, noun)} changed (${plural(c.commits.length, 'commit')}, ${lineCounts(c.added, c.deleted)}) since ${since}${latest}, but not in anything this ${noun} says next to the link${what ? ` (${what})` : ''}. Nothing to update unless this ${noun} should describe the new parts.`,
        commits: c.commits,
        added: c.added,
        deleted: c.deleted,
      },
    };
  },
};

/** Anchored lines of a file written after the doc's reference (see `AnchorEvidence.created`). */
function writtenLines(a: AnchorEvidence, score: number, since: string, noun: string): RuleOutcome {
  const latest = a.touchedBy[0] ? ` — latest: ${commitText(a.touchedBy[0])}` : '';
  return {
    score,
    reason: {
      ruleId: RuleId.staleUnmentionedChange,
      severity: 'info',
      ...at(a.target),
      message: `Lines ${formatRange(a.target.lines)} of \`${a.target.path}\` (${rangeFragment(a.target.lines)}) were written (${plural(a.touchedBy.length, 'commit')}) after ${since}${latest}: this ${noun} cannot have relied on them. Nothing to update unless the link should point elsewhere in the file.`,
      commits: a.touchedBy,
    },
  };
}
