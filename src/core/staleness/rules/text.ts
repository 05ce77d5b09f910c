import type { BrokenEvidence, ChangeEvidence, DocEvidence } from '../model/evidence';
import type { CommitRef } from '../../findings/finding';

/**
 * `a1b2c3d "raise pool size"`; for a commit that came in through a merge, when it was written and
 * the merge too: `a1b2c3d "raise pool size" (2025-01-05, via 3ac9806 "Merge pull request #187")`
 * (a pull request's merge without its `from owner/branch`).
 */
export function commitText(commit: CommitRef): string {
  const named = `${commit.sha.slice(0, 7)} "${commit.subject}"`;
  const merge = commit.mergedBy;
  if (!merge) return named;
  return `${named} (${commit.date.slice(0, 10)}, via ${merge.sha.slice(0, 7)} "${merge.subject.replace(/^(Merge pull request #\d+) from \S+$/, '$1')}")`;
}

/** `1 commit`, `2 commits`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The text with its first letter in upper case. */
export function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `+3/−1 lines`. */
export function lineCounts(added: number, deleted: number): string {
  return `+${added}/\u2212${deleted} lines`;
}

/** A size in bytes for people: `512 B`, `48.0 kB`, `50.1 MB`, `1.2 GB` (powers of 1000). */
export function byteSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.95 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Unix seconds → `YYYY-MM-DDTHH:mm:ssZ`. */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Unix seconds → `YYYY-MM-DD` (UTC). */
export function isoDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Since when changes count, for messages: `this runbook was last changed on 2024-05-01` and the like. */
export function sinceText(evidence: DocEvidence, noun: string): string {
  const ref = evidence.reference;
  if (!ref) return `this ${noun} was written`;
  if (ref.source === 'working-tree') return `this ${noun}'s uncommitted edits`;
  const day = isoDay(ref.time);
  return ref.source === 'review' ? `this ${noun} was last reviewed on ${day}` : `this ${noun} was last changed on ${day}`;
}

/** Where a reason is: its target and the link's line and column. */
export function at(target: { path: string; line: number; column?: number }): { target: string; line: number; column?: number } {
  return { target: target.path, line: target.line, ...(target.column !== undefined ? { column: target.column } : {}) };
}

/** How a broken target is named in messages: `Watched path`, `Alert rule file` or `Link target`. */
export function targetWord(target: BrokenEvidence['target']): string {
  return target.via === 'watches' ? 'Watched path' : target.via === 'alert-rule' ? 'Alert rule file' : 'Link target';
}

/** The words for a target in messages: `Linked file \`x\``, `Watched files \`glob\``, … */
export function targetWords(t: ChangeEvidence['target'], noun: string): string {
  return t.kind === 'glob'
    ? `Watched files \`${t.path}\``
    : t.kind === 'directory'
      ? `Linked folder \`${t.path || '.'}/\``
      : t.via === 'alert-rule'
        ? `Alert rule file \`${t.path}\` (its \`runbook_url\` points here)`
        : t.via === 'code-span'
          ? `\`${t.path}\` (named in this ${noun})`
          : t.via === 'watches'
            ? `Watched file \`${t.path}\``
            : t.via === 'command'
              ? `\`${t.path}\` (run by a command of this ${noun})`
              : `Linked file \`${t.path}\``;
}
