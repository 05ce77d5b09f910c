import diffSequences from '@jest/diff-sequences';
import type { Hunk } from '../model/line-ranges';
import { rawLines, type Text, type TextFacts } from './text-facts';

/** A whitespace-insensitive line diff of two texts: what `git diff -w -U0 --numstat` reports. */
export interface TextDiff {
  added: number;
  deleted: number;
  /** Zero-context hunks in git's numbering (an empty side starts at the line before). */
  hunks: Hunk[];
  /**
   * The texts were too different to diff line by line within the budget: the counts are the lines
   * found on only one side, and one hunk spans everything between the common head and tail.
   */
  approximate?: boolean;
}

/** Edit-graph work (sum of lengths × lower bound of edits) above which the diff is approximated. */
const WORK_BUDGET = 40_000_000;


/** Middles up to this many line pairs (n × m) are diffed without checking the budget first. */
const SMALL = 1_000_000;

/**
 * Diffs `before` and `after` line by line, ignoring whitespace within lines (as `git diff -w`):
 * lines equal once every space, tab and CR is removed are the same line; added or removed blank
 * lines still count. `undefined` stands for a file that does not exist (every line added or
 * deleted). A side given as `TextFacts` has its lines and their hashes worked out once for every
 * diff it is a side of. The added and deleted counts are git's. Where a change could sit in several places (a
 * removed line next to an identical one) the hunk may be placed differently from git, which slides
 * such hunks and applies its indent heuristic; a linked range bordering it can then read "changed"
 * where git's placement would say "moved", or the reverse.
 */
export function diffIgnoringWhitespace(before: Text | undefined, after: Text | undefined): TextDiff {
  const [rawA, lengthA] = linesOf(before);
  const [rawB, lengthB] = linesOf(after);
  // The common head and tail first, on the raw lines (cheap): most changes are small, so only a
  // short middle is normalised and diffed. Lines that differ only in whitespace end up in the
  // middle and compare equal there.
  let head = 0;
  while (head < lengthA && head < lengthB && rawA[head] === rawB[head]) head++;
  let tail = 0;
  while (tail < lengthA - head && tail < lengthB - head && rawA[lengthA - 1 - tail] === rawB[lengthB - 1 - tail]) tail++;
  // Lines are compared by a hash of their non-whitespace characters, confirmed character by
  // character: no normalised copies of the lines are made.
  const a = hashesOf(before, rawA, head, lengthA - tail);
  const b = hashesOf(after, rawB, head, lengthB - tail);
  const same = (i: number, j: number) => a[i] === b[j] && sameIgnoringWhitespace(rawA[head + i]!, rawB[head + j]!);
  // And again on the middle, whitespace ignored.
  let from = 0;
  while (from < a.length && from < b.length && same(from, from)) from++;
  let to = 0;
  while (to < a.length - from && to < b.length - from && same(a.length - 1 - to, b.length - 1 - to)) to++;
  const offset = head + from;
  const n = a.length - to - from;
  const m = b.length - to - from;
  if (n === 0 && m === 0) return { added: 0, deleted: 0, hunks: [] };
  if (n === 0 || m === 0) return { added: m, deleted: n, hunks: [hunk(offset, n, offset, m)] };

  // Small middles are diffed outright; for big ones a cheap lower bound of the edits decides
  // whether the diff fits the budget.
  if (n * m > SMALL) {
    const unmatched = onlyOnOneSide(a, from, from + n, b, from, from + m);
    if ((n + m) * Math.max(1, unmatched.added + unmatched.deleted) > WORK_BUDGET) {
      return { ...unmatched, hunks: [hunk(offset, n, offset, m)], approximate: true };
    }
  }

  const hunks: Hunk[] = [];
  let aPos = 0;
  let bPos = 0;
  let added = 0;
  let deleted = 0;
  const gap = (aTo: number, bTo: number) => {
    if (aTo > aPos || bTo > bPos) {
      hunks.push(hunk(offset + aPos, aTo - aPos, offset + bPos, bTo - bPos));
      deleted += aTo - aPos;
      added += bTo - bPos;
    }
  };
  diffSequences(
    n,
    m,
    (i, j) => same(from + i, from + j),
    (count, aCommon, bCommon) => {
      gap(aCommon, bCommon);
      aPos = aCommon + count;
      bPos = bCommon + count;
    },
  );
  gap(n, m);
  return { added, deleted, hunks };
}

/** A hunk at 0-based line positions, numbered as git numbers zero-context hunks. */
function hunk(aStart: number, aLines: number, bStart: number, bLines: number): Hunk {
  return { oldStart: aLines > 0 ? aStart + 1 : aStart, oldLines: aLines, newStart: bLines > 0 ? bStart + 1 : bStart, newLines: bLines };
}

/** The text's lines and how many there are (a final newline does not start a line); none for no text. */
function linesOf(text: Text | undefined): [readonly string[], number] {
  if (text === undefined || text === '') return [[], 0];
  const lines = typeof text === 'string' ? text.split('\n') : text.of(rawLines);
  return [lines, lines[lines.length - 1] === '' ? lines.length - 1 : lines.length];
}

/** The hashes of lines `from`..`to` of a side (see `lineHashes`); of kept facts, each line's worked out once. */
function hashesOf(text: Text | undefined, lines: readonly string[], from: number, to: number): Int32Array {
  if (text === undefined || typeof text === 'string') return lineHashes(lines, from, to);
  const table = text.of(hashTable);
  for (let k = from; k < to; k++) {
    if (table.done[k]) continue;
    table.hashes[k] = lineHash(lines[k]!);
    table.done[k] = 1;
  }
  return table.hashes.subarray(from, to);
}

/** Room for the hash of every line of a text (see `linesOf`), filled as lines are asked for. */
const hashTable = (facts: TextFacts): { hashes: Int32Array; done: Uint8Array } => {
  const [, length] = linesOf(facts);
  return { hashes: new Int32Array(length), done: new Uint8Array(length) };
};

/** Hashes (FNV-1a) of lines `from`..`to` over their non-whitespace characters. */
function lineHashes(lines: readonly string[], from: number, to: number): Int32Array {
  const out = new Int32Array(Math.max(0, to - from));
  for (let k = from; k < to; k++) out[k - from] = lineHash(lines[k]!);
  return out;
}

/** The hash (FNV-1a) of a line's non-whitespace characters. */
function lineHash(line: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    h = Math.imul(h ^ c, 16777619);
  }
  return h;
}

/** Whether two lines are equal once whitespace (git's: space, \t, \n, \v, \f, \r) is left out. */
function sameIgnoringWhitespace(x: string, y: string): boolean {
  if (x === y) return true;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < x.length && isSpace(x.charCodeAt(i))) i++;
    while (j < y.length && isSpace(y.charCodeAt(j))) j++;
    if (i === x.length || j === y.length) return i === x.length && j === y.length;
    if (x.charCodeAt(i) !== y.charCodeAt(j)) return false;
    i++;
    j++;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Lines of the middle parts found on only one side (as multisets): a lower bound of the edits any
 * diff needs, and the approximation used when the diff itself would cost too much.
 */
function onlyOnOneSide(a: Int32Array, aFrom: number, aTo: number, b: Int32Array, bFrom: number, bTo: number): { added: number; deleted: number } {
  const counts = new Map<number, number>();
  for (let i = aFrom; i < aTo; i++) counts.set(a[i]!, (counts.get(a[i]!) ?? 0) + 1);
  let added = 0;
  for (let j = bFrom; j < bTo; j++) {
    const left = counts.get(b[j]!) ?? 0;
    if (left > 0) counts.set(b[j]!, left - 1);
    else added++;
  }
  let deleted = 0;
  for (const left of counts.values()) deleted += left;
  return { added, deleted };
}
