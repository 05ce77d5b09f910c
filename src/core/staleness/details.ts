import type { HistoryIndex } from './history-index';
import type { GitHistory } from './ports';

/**
 * Collects the (commit, path) pairs whose whitespace-insensitive line counts or hunks are needed and
 * fetches the missing ones in one git process per kind (`flush`). Results land in the
 * `HistoryIndex`, so they are cached with it and never fetched twice.
 */
export class DetailBatch {
  private readonly stats = new Map<string, { sha: string; path: string }>();
  private readonly hunks = new Map<string, { sha: string; path: string }>();
  /** Old sides of renames, added to the pathspec so git pairs them instead of reporting an addition. */
  private readonly statExtra = new Set<string>();
  private readonly hunkExtra = new Set<string>();
  /** Pairs fetched by this batch so far (for logs and benchmarks). */
  fetched = 0;

  constructor(
    private readonly index: HistoryIndex,
    private readonly git: GitHistory,
  ) {}

  /** Queues line counts of `path` in `sha` unless they are known; `renamedFrom` is its old path when `sha` renamed it. */
  needStat(sha: string, path: string, renamedFrom?: string): void {
    if (this.index.stat(sha, path)) return;
    this.stats.set(`${sha}\u0000${path}`, { sha, path });
    if (renamedFrom !== undefined) this.statExtra.add(renamedFrom);
  }

  /** Queues the hunks of `path` in `sha` unless they are known; `renamedFrom` as for `needStat`. */
  needHunks(sha: string, path: string, renamedFrom?: string): void {
    if (this.index.hunksOf(sha, path)) return;
    this.hunks.set(`${sha}\u0000${path}`, { sha, path });
    if (renamedFrom !== undefined) this.hunkExtra.add(renamedFrom);
  }

  get pending(): number {
    return this.stats.size + this.hunks.size;
  }

  /** Fetches everything queued: at most one `lineStats` and one `hunks` call. */
  async flush(signal?: AbortSignal): Promise<void> {
    const stats = [...this.stats.values()];
    const hunks = [...this.hunks.values()];
    const statExtra = [...this.statExtra];
    const hunkExtra = [...this.hunkExtra];
    this.stats.clear();
    this.hunks.clear();
    this.statExtra.clear();
    this.hunkExtra.clear();
    const [statResult, hunkResult] = await Promise.all([
      stats.length > 0 ? this.git.lineStats(unique(stats.map((s) => s.sha)), unique([...stats.map((s) => s.path), ...statExtra]), signal) : undefined,
      hunks.length > 0 ? this.git.hunks(unique(hunks.map((s) => s.sha)), unique([...hunks.map((s) => s.path), ...hunkExtra]), signal) : undefined,
    ]);
    if (statResult) {
      this.index.recordStats(stats, statResult);
      this.fetched += stats.length;
    }
    if (hunkResult) {
      const result = hunkResult;
      this.index.recordHunks(hunks, result);
      // Hunks carry line counts too (a pair git left out changed only whitespace): no separate numstat needed.
      const stats = result.filter((f) => f.sha).map((f) => ({ sha: f.sha!, path: f.path, added: f.added, deleted: f.deleted, ...(f.binary ? { binary: true } : {}) }));
      this.index.recordStats(hunks.filter((h) => !this.index.stat(h.sha, h.path)), stats.filter((s) => !this.index.stat(s.sha, s.path)));
      this.fetched += hunks.length;
    }
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
