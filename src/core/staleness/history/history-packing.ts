import type { Hunk } from '../model/line-ranges';
import { HISTORY_FORMAT_VERSION, type DiffNotes, type HistorySnapshot, type StoredDiff } from './history-types';

/** Position of the last packed touch at or before `commit` (touches are sorted by commit); -1 when none. */
export function lastAtOrBefore(packed: number[], commit: number): number {
  let lo = 0;
  let hi = packed.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (Math.floor(packed[mid]! / 8) <= commit) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Hunks from their flat form in a snapshot (`oldStart, oldLines, newStart, newLines`, repeated). */
export function unflatten(flat: number[]): Hunk[] {
  const hunks: Hunk[] = [];
  for (let i = 0; i + 3 < flat.length; i += 4) hunks.push({ oldStart: flat[i]!, oldLines: flat[i + 1]!, newStart: flat[i + 2]!, newLines: flat[i + 3]! });
  return hunks;
}

/** Whether a parsed cache file is a snapshot of the current format. */
export function isSnapshot(value: unknown): value is HistorySnapshot {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<HistorySnapshot>;
  const c = v.commits;
  return (
    v.format === HISTORY_FORMAT_VERSION &&
    typeof v.head === 'string' &&
    !!c &&
    Array.isArray(c.sha) &&
    Array.isArray(c.time) &&
    Array.isArray(c.subject) &&
    Array.isArray(c.files) &&
    Array.isArray(c.merges) &&
    c.sha.length === c.time.length &&
    c.sha.length === c.subject.length &&
    c.sha.length === c.files.length &&
    !!v.paths &&
    typeof v.paths === 'object' &&
    !!v.oids &&
    typeof v.oids === 'object' &&
    Array.isArray(v.renames) &&
    !!v.diffs &&
    typeof v.diffs === 'object' &&
    !!v.notes &&
    typeof v.notes === 'object'
  );
}

/** Shapes of a stored diff, in the order of their flag bits (2, 4, 8) in a snapshot. */
const SHAPES = ['same', 'changed', 'none'] as const;

/**
 * A stored diff in its snapshot form: `[added, deleted, flags, …hunks or the two sizes]` (flags: 1
 * binary, 2/4/8 shape, 16 too large, 32 unreadable, 64 lines only), and its notes when it has any.
 */
export function packDiff(d: StoredDiff): [number[], DiffNotes | undefined] {
  const flags = (d.binary ? 1 : 0) | (d.shape ? 2 << SHAPES.indexOf(d.shape) : 0) | (d.tooLarge ? 16 : 0) | (d.unreadable ? 32 : 0) | (d.linesOnly ? 64 : 0);
  const rest = d.tooLarge ? [d.tooLarge.before, d.tooLarge.after] : d.hunks.flatMap((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]);
  const note = { ...(d.minor ? { minor: d.minor.map((k) => k ?? null) } : {}), ...(d.oldVersions ? { oldVersions: d.oldVersions } : {}), ...(d.vocabulary ? { vocabulary: d.vocabulary } : {}), ...(d.sections ? { sections: d.sections } : {}), ...(d.sectionsGone ? { sectionsGone: d.sectionsGone } : {}), ...(d.rules ? { rules: d.rules } : {}), ...(d.targets ? { targets: d.targets } : {}), ...(d.calls !== undefined ? { calls: d.calls } : {}) };
  return [[d.added, d.deleted, flags, ...rest], d.minor || d.vocabulary || d.sections || d.rules || d.targets || d.calls !== undefined ? note : undefined];
}

/** A stored diff from its snapshot form (see `packDiff`). */
export function unpackDiff([added = 0, deleted = 0, flags = 0, ...flat]: number[], notes: DiffNotes | undefined): StoredDiff {
  const shape = SHAPES.find((_, i) => flags & (2 << i));
  const tooLarge = flags & 16 ? { before: flat[0] ?? 0, after: flat[1] ?? 0 } : undefined;
  return {
    added,
    deleted,
    hunks: tooLarge ? [] : unflatten(flat),
    ...(flags & 1 ? { binary: true } : {}),
    ...(tooLarge ? { tooLarge } : {}),
    ...(flags & 32 ? { unreadable: true } : {}),
    ...(shape ? { shape } : {}),
    ...(flags & 64 ? { linesOnly: true as const } : {}),
    ...(notes?.minor ? { minor: notes.minor.map((k) => k ?? undefined) } : {}),
    ...(notes?.oldVersions ? { oldVersions: notes.oldVersions } : {}),
    ...(notes?.vocabulary ? { vocabulary: notes.vocabulary } : {}),
    ...(notes?.sections ? { sections: notes.sections } : {}),
    ...(notes?.sectionsGone ? { sectionsGone: notes.sectionsGone } : {}),
    ...(notes?.rules ? { rules: notes.rules } : {}),
    ...(notes?.targets ? { targets: notes.targets } : {}),
    ...(notes?.calls !== undefined ? { calls: notes.calls } : {}),
  };
}
