import type { Hunk } from '../model/line-ranges';
import { HISTORY_FORMAT_VERSION, type HistorySnapshot } from './history-types';

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
