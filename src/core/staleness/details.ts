import type { HistoryIndex, StoredDiff } from './history-index';
import { diffKey } from './history-index';
import type { BlobContent, FileAt, GitHistory } from './ports';
import { diffIgnoringWhitespace } from './text-diff';

/** Files larger than this are compared by blob id only (changed or not, no line counts). */
export const MAX_DIFF_BYTES = 4 * 1024 * 1024;

/**
 * Collects the pairs of file states whose whitespace-insensitive diff the verdicts need, and
 * computes the missing ones on `flush`: one round of `git cat-file` for every file state involved,
 * then the diffs in process. Results land in the `HistoryIndex`, so they are cached with it and
 * never computed twice.
 */
export class DetailBatch {
  private readonly pairs = new Map<string, { from?: FileAt; to?: FileAt }>();
  /** Diffs computed by this batch so far (for logs and benchmarks). */
  fetched = 0;

  constructor(
    private readonly index: HistoryIndex,
    private readonly git: GitHistory,
  ) {}

  /** Queues the diff from one state of a file to another (undefined: the file does not exist) unless it is known. */
  needDiff(from: FileAt | undefined, to: FileAt | undefined): void {
    if (this.index.diff(from, to)) return;
    this.pairs.set(diffKey(from, to), { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }

  get pending(): number {
    return this.pairs.size;
  }

  /** Computes everything queued: one `readFiles` call for all the file states involved. */
  async flush(signal?: AbortSignal): Promise<void> {
    const pairs = [...this.pairs.values()];
    this.pairs.clear();
    if (pairs.length === 0) return;
    const states = new Map<string, FileAt>();
    for (const { from, to } of pairs) {
      if (from) states.set(stateKey(from), from);
      if (to) states.set(stateKey(to), to);
    }
    const list = [...states.values()];
    const blobs = await this.git.readFiles(list, MAX_DIFF_BYTES, signal);
    const byState = new Map<string, BlobContent | undefined>();
    list.forEach((state, i) => byState.set(stateKey(state), blobs[i]));
    for (const { from, to } of pairs) {
      signal?.throwIfAborted();
      this.index.setDiff(from, to, diffBlobs(from && byState.get(stateKey(from)), to && byState.get(stateKey(to))));
      this.fetched++;
    }
  }
}

/** The diff of two blobs (undefined: no file); binary or oversized ones only say whether they differ. */
export function diffBlobs(from: BlobContent | undefined, to: BlobContent | undefined): StoredDiff {
  if (from && to && from.oid === to.oid) return { added: 0, deleted: 0, hunks: [] };
  const opaque = (blob: BlobContent | undefined) => !!blob && blob.text === undefined;
  if (opaque(from) || opaque(to)) return { added: 0, deleted: 0, hunks: [], binary: true };
  const { added, deleted, hunks } = diffIgnoringWhitespace(from?.text, to?.text);
  return { added, deleted, hunks };
}

function stateKey(state: FileAt): string {
  return `${state.sha}:${state.path}`;
}
