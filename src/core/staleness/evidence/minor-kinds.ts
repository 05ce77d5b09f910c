import type { StoredDiff } from '../history/history-types';
import type { MinorKind } from '../diffs/minor-change';
import type { Hunk } from '../model/line-ranges';

/** The kinds of minor change of `hunks` of a diff (see `minorHunks`) when every one of them is minor; undefined otherwise. */
export function minorKinds(diff: StoredDiff, hunks: Hunk[]): MinorKind[] | undefined {
  if (diff.binary || !diff.minor || hunks.length === 0) return undefined;
  const kinds = new Set<MinorKind>();
  for (const h of hunks) {
    const kind = diff.minor[diff.hunks.indexOf(h)];
    if (!kind) return undefined;
    kinds.add(kind);
  }
  return [...kinds];
}
