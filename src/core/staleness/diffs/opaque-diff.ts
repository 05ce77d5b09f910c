import type { HistoryView, StoredDiff } from '../history/history-types';
import type { BlobContent, FileAt } from '../../repo/repo-ports';

// The diffs a batch knows without diffing lines (see `DetailBatch`).

/** Both states are known to be the same blob. */
export function sameBlob(index: HistoryView, a: FileAt, b: FileAt): boolean {
  const oid = index.blobOf(a);
  return oid !== undefined && oid === index.blobOf(b);
}

/** The diff when it needs no line diff (same blob, or a side that is binary, unreadable or too large: then with both sizes); undefined otherwise. */
export function opaqueDiff(from: BlobContent | undefined, to: BlobContent | undefined): StoredDiff | undefined {
  if (from && to && from.oid === to.oid) return { added: 0, deleted: 0, hunks: [] };
  const opaque = (blob: BlobContent | undefined) => !!blob && blob.text === undefined;
  if (!opaque(from) && !opaque(to)) return undefined;
  if (from?.unreadable || to?.unreadable) return { added: 0, deleted: 0, hunks: [], binary: true, unreadable: true };
  if (from?.tooLarge || to?.tooLarge) return { added: 0, deleted: 0, hunks: [], binary: true, tooLarge: { before: from?.size ?? 0, after: to?.size ?? 0 } };
  return { added: 0, deleted: 0, hunks: [], binary: true };
}

