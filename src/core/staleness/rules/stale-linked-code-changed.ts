import { RuleId } from '../../findings/finding';
import type { ChangeEvidence } from '../model/evidence';
import type { ItemRule } from './rule';
import { callText } from '../evidence/call-verdict';
import { at, byteSize, commitText, lineCounts, plural, targetWords } from './text';

/**
 * `stale.linked-code-changed`: a file, folder or glob the doc links to, watches, names in a code
 * span or is the runbook of (alert rules) changed after the doc was last changed or reviewed, in a
 * way that concerns what the doc says next to the link (else `stale.unmentioned-change`).
 * Weighs `commit` per commit (at most `maxCommitsPerTarget` per target: a file edited often is not
 * more wrong for it), `line` per changed line (at most `maxLinesPerTarget` per target) and
 * `uncommitted` when the working tree changes it too.
 */
export const staleLinkedCodeChanged: ItemRule<ChangeEvidence> = {
  id: RuleId.staleLinkedCodeChanged,
  weight: { weights: ['commit', 'line', 'uncommitted'], counts: 'stale' },
  check(c, { options, since, noun }) {
    if (c.minor || c.unmentioned) return undefined;
    const w = options.weights;
    const lines = Math.min(c.added + c.deleted + (c.uncommitted ? c.uncommitted.added + c.uncommitted.deleted : 0), w.maxLinesPerTarget);
    return {
      stale: w.commit * Math.min(c.commits.length, w.maxCommitsPerTarget) + w.line * lines + (c.uncommitted ? w.uncommitted : 0),
      reason: {
        ruleId: RuleId.staleLinkedCodeChanged,
        severity: 'warning',
        ...at(c.target),
        message: changeMessage(c, since, noun),
        commits: c.commits,
        added: c.added + (c.uncommitted?.added ?? 0),
        deleted: c.deleted + (c.uncommitted?.deleted ?? 0),
        ...(c.tooLarge ? { tooLarge: { before: c.tooLarge.before, after: c.tooLarge.after } } : {}),
      },
    };
  },
};

function changeMessage(c: ChangeEvidence, since: string, noun: string): string {
  const t = c.target;
  const what = targetWords(t, noun);
  const files = t.kind === 'glob' || t.kind === 'directory' ? ` (${plural(c.files, 'file')})` : '';
  const parts: string[] = [];
  if (c.commits.length > 0) parts.push(`changed${files} in ${plural(c.commits.length, 'commit')} (${committedSize(c)})`);
  if (c.uncommitted) parts.push(`has uncommitted changes (${lineCounts(c.uncommitted.added, c.uncommitted.deleted)})`);
  const latest = c.commits[0] ? ` — latest: ${commitText(c.commits[0])}` : '';
  const quoted = c.quoted ? ` This ${noun} quotes ${c.quoted}, which changed.` : '';
  const where = t.via === 'alert-rule' ? `This ${noun} names what changed in the rules whose runbook it is` : `Next to the link this ${noun} says what changed`;
  const mentions = c.mentions?.length && !c.quoted ? ` ${where}: the change ${c.mentions.join('; ')}.` : '';
  const calls = c.calls?.length ? ` How this ${noun} calls it changed: ${c.calls.map((p) => callText(p, noun)).join('; ')}.` : '';
  return `${what} ${parts.join(' and ')} since ${since}${latest}. Check this ${noun} against the change, then update it or mark it reviewed.${quoted}${mentions}${calls}`;
}

/**
 * The size of the committed change: `+3/−1 lines`; for files over the diff size cap their sizes
 * instead (`too large to diff: 48.0 MB → 50.1 MB`), and for binary files and files git could not
 * read what is known, never a "+0/−0" that reads as nothing changed.
 */
function committedSize(c: ChangeEvidence): string {
  const binary = c.opaque?.binary ?? 0;
  const unreadable = c.opaque?.unreadable ?? 0;
  const diffed = c.files - (c.tooLarge?.files ?? 0) - binary - unreadable;
  const only = diffed === 0 && [c.tooLarge?.files ?? 0, binary, unreadable].filter((n) => n > 0).length === 1;
  const parts = diffed > 0 || c.files === 0 ? [lineCounts(c.added, c.deleted)] : [];
  if (c.tooLarge) {
    const sizes = `${byteSize(c.tooLarge.before)} \u2192 ${byteSize(c.tooLarge.after)}`;
    parts.push(only && c.tooLarge.files === 1 ? `too large to diff: ${sizes}` : `${only ? c.tooLarge.files : plural(c.tooLarge.files, 'file')} ${only ? 'files ' : ''}too large to diff: ${sizes}`);
  }
  if (binary > 0) parts.push(only && binary === 1 ? 'binary, not compared line by line' : `${plural(binary, 'binary file')}, not compared line by line`);
  if (unreadable > 0) {
    const why = 'a submodule, or an object missing from this clone';
    parts.push(only && unreadable === 1 ? `content not readable from git: ${why}` : `${plural(unreadable, 'file')} not readable from git: ${why}`);
  }
  return parts.join('; ');
}
