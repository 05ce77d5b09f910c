import type { FileHunks, Hunk, LineStat, LogCommit } from './ports';

/** Bump when `HistorySnapshot` changes shape: older caches are then rebuilt. */
export const HISTORY_FORMAT_VERSION = 1;

/** How a path was touched by a commit. Packed with the commit index as `index * 8 + code`. */
export const Touch = {
  added: 0,
  modified: 1,
  deleted: 2,
  /** The new side of a rename that also changed the content. */
  renamedTo: 3,
  /** The old side of a rename: the path stopped existing here. */
  renamedFrom: 4,
  /** The new side of a copy. */
  copiedTo: 5,
  typeChanged: 6,
  /** The new side of a rename with identical content (`R100`): not a content change. */
  movedTo: 7,
} as const;

export type TouchCode = (typeof Touch)[keyof typeof Touch];

/** One commit as the index keeps it. `index` counts from the oldest first-parent commit (0). */
export interface IndexedCommit {
  index: number;
  sha: string;
  /** Committer time, Unix seconds. */
  time: number;
  subject: string;
  /** Files touched in the whole repository. */
  fileCount: number;
}

/** A rename found in the history: `from` became `to` in commit `commit` (an index). */
export interface RenameRecord {
  from: string;
  to: string;
  commit: number;
}

/** Line counts of one path in one commit; `binary` when git could not count lines. */
export interface StoredStat {
  added: number;
  deleted: number;
  binary?: boolean;
}

/**
 * The serialisable form of a `HistoryIndex`. Columnar so that a 100k-commit history stays a few
 * megabytes of JSON; line counts and hunks fetched for candidate commits are kept too, keyed by
 * SHA, because they never change.
 */
export interface HistorySnapshot {
  format: number;
  head: string;
  commits: { sha: string[]; time: number[]; subject: string[]; files: number[] };
  /** path → packed touches (`index * 8 + code`), oldest first. */
  paths: Record<string, number[]>;
  renames: Array<[string, string, number]>;
  /** sha → path → [added, deleted] (-1/-1 for binary); [0, 0] for a whitespace-only change. */
  stats: Record<string, Record<string, [number, number]>>;
  /** sha → path → flat [oldStart, oldLines, newStart, newLines, …]. */
  hunks: Record<string, Record<string, number[]>>;
}

/**
 * The first-parent history of a repository in memory: every commit with its time and size, every
 * path with the commits that touched it, the renames, and the line counts and hunks fetched so far.
 * Built from one streamed `git log`, extended with newer commits when HEAD moves on.
 */
export class HistoryIndex {
  private readonly commits: IndexedCommit[] = [];
  private readonly bySha = new Map<string, number>();
  private readonly touches = new Map<string, number[]>();
  private readonly renameList: RenameRecord[] = [];
  private readonly renamesFrom = new Map<string, RenameRecord[]>();
  private readonly renamesTo = new Map<string, RenameRecord[]>();
  private readonly stats = new Map<string, Map<string, StoredStat>>();
  private readonly hunkMap = new Map<string, Map<string, Hunk[]>>();
  private headSha: string;

  private constructor(head: string) {
    this.headSha = head;
  }

  /** An index of `commits` given newest first (the order `git log` streams them). */
  static fromLog(head: string, newestFirst: LogCommit[]): HistoryIndex {
    const index = new HistoryIndex(head);
    index.appendNewestFirst(head, newestFirst);
    return index;
  }

  /** Restores a snapshot; undefined when it is not a snapshot of the current format. */
  static fromSnapshot(value: unknown): HistoryIndex | undefined {
    if (!isSnapshot(value)) return undefined;
    const index = new HistoryIndex(value.head);
    const { sha, time, subject, files } = value.commits;
    for (let i = 0; i < sha.length; i++) {
      index.commits.push({ index: i, sha: sha[i]!, time: time[i]!, subject: subject[i]!, fileCount: files[i]! });
      index.bySha.set(sha[i]!, i);
    }
    for (const [path, packed] of Object.entries(value.paths)) index.touches.set(path, packed);
    for (const [from, to, commit] of value.renames) index.addRename({ from, to, commit });
    for (const [commitSha, byPath] of Object.entries(value.stats)) {
      for (const [path, [added, deleted]] of Object.entries(byPath)) {
        index.setStat(commitSha, path, added < 0 ? { added: 0, deleted: 0, binary: true } : { added, deleted });
      }
    }
    for (const [commitSha, byPath] of Object.entries(value.hunks)) {
      for (const [path, flat] of Object.entries(byPath)) index.setHunks(commitSha, path, unflatten(flat));
    }
    return index;
  }

  /** The commit this index ends at. */
  get head(): string {
    return this.headSha;
  }

  get size(): number {
    return this.commits.length;
  }

  /**
   * Adds commits newer than the current head, newest first. The caller has checked that the oldest
   * of them has the current head as its first parent.
   */
  appendNewestFirst(head: string, newestFirst: LogCommit[]): void {
    for (let i = newestFirst.length - 1; i >= 0; i--) this.addCommit(newestFirst[i]!);
    this.headSha = head;
  }

  /** The commit with this SHA, or undefined when it is not on the first-parent line. */
  commitBySha(sha: string): IndexedCommit | undefined {
    const at = this.bySha.get(sha);
    return at === undefined ? undefined : this.commits[at];
  }

  /** The commit at an index (0 is the oldest). */
  commit(index: number): IndexedCommit {
    return this.commits[index]!;
  }

  /** Every path that ever existed in the history. */
  paths(): IterableIterator<string> {
    return this.touches.keys();
  }

  /** Whether a path appears anywhere in the history. */
  hasPath(path: string): boolean {
    return this.touches.has(path);
  }

  /** The touches of a path, oldest first, as `{ commit, code }`. Empty for an unknown path. */
  touchesOf(path: string): Array<{ commit: number; code: TouchCode }> {
    const packed = this.touches.get(path);
    if (!packed) return [];
    return packed.map((p) => ({ commit: Math.floor(p / 8), code: (p % 8) as TouchCode }));
  }

  /** Renames away from `path`, oldest first. */
  renamesFromPath(path: string): RenameRecord[] {
    return this.renamesFrom.get(path) ?? [];
  }

  /** The rename that created `path` in commit `commit`, if any. */
  renameInto(path: string, commit: number): RenameRecord | undefined {
    return this.renamesTo.get(path)?.find((r) => r.commit === commit);
  }

  /** Line counts of a path in a commit, when fetched; 0/0 means a whitespace-only change. */
  stat(sha: string, path: string): StoredStat | undefined {
    return this.stats.get(sha)?.get(path);
  }

  setStat(sha: string, path: string, stat: StoredStat): void {
    let byPath = this.stats.get(sha);
    if (!byPath) this.stats.set(sha, (byPath = new Map()));
    byPath.set(path, stat);
  }

  /** Records fetched line counts; requested pairs that git left out were whitespace-only (0/0). */
  recordStats(requested: Array<{ sha: string; path: string }>, stats: LineStat[]): void {
    for (const s of stats) this.setStat(s.sha, s.path, s.binary ? { added: 0, deleted: 0, binary: true } : { added: s.added, deleted: s.deleted });
    for (const r of requested) if (!this.stat(r.sha, r.path)) this.setStat(r.sha, r.path, { added: 0, deleted: 0 });
  }

  /** Hunks of a path in a commit, when fetched. */
  hunksOf(sha: string, path: string): Hunk[] | undefined {
    return this.hunkMap.get(sha)?.get(path);
  }

  setHunks(sha: string, path: string, hunks: Hunk[]): void {
    let byPath = this.hunkMap.get(sha);
    if (!byPath) this.hunkMap.set(sha, (byPath = new Map()));
    byPath.set(path, hunks);
  }

  /** Records fetched hunks; requested pairs that git left out changed only whitespace (no hunks). */
  recordHunks(requested: Array<{ sha: string; path: string }>, files: FileHunks[]): void {
    for (const f of files) if (f.sha) this.setHunks(f.sha, f.path, f.hunks);
    for (const r of requested) if (!this.hunksOf(r.sha, r.path)) this.setHunks(r.sha, r.path, []);
  }

  /** The serialisable form; `JSON.stringify` it as is. */
  toSnapshot(): HistorySnapshot {
    const commits = { sha: [] as string[], time: [] as number[], subject: [] as string[], files: [] as number[] };
    for (const c of this.commits) {
      commits.sha.push(c.sha);
      commits.time.push(c.time);
      commits.subject.push(c.subject);
      commits.files.push(c.fileCount);
    }
    const stats: HistorySnapshot['stats'] = {};
    for (const [sha, byPath] of this.stats) {
      if (!this.bySha.has(sha)) continue;
      const out: Record<string, [number, number]> = (stats[sha] = {});
      for (const [path, s] of byPath) out[path] = s.binary ? [-1, -1] : [s.added, s.deleted];
    }
    const hunks: HistorySnapshot['hunks'] = {};
    for (const [sha, byPath] of this.hunkMap) {
      if (!this.bySha.has(sha)) continue;
      const out: Record<string, number[]> = (hunks[sha] = {});
      for (const [path, list] of byPath) out[path] = list.flatMap((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]);
    }
    return {
      format: HISTORY_FORMAT_VERSION,
      head: this.headSha,
      commits,
      paths: Object.fromEntries(this.touches),
      renames: this.renameList.map((r) => [r.from, r.to, r.commit]),
      stats,
      hunks,
    };
  }

  /** Keeps the fetched line counts and hunks of another index (e.g. the previous cache after a rebuild). */
  adoptDetails(other: HistoryIndex): void {
    for (const [sha, byPath] of other.stats) if (this.bySha.has(sha)) for (const [path, s] of byPath) this.setStat(sha, path, s);
    for (const [sha, byPath] of other.hunkMap) if (this.bySha.has(sha)) for (const [path, h] of byPath) this.setHunks(sha, path, h);
  }

  private addCommit(commit: LogCommit): void {
    const index = this.commits.length;
    this.commits.push({ index, sha: commit.sha, time: commit.time, subject: commit.subject, fileCount: commit.fileCount });
    this.bySha.set(commit.sha, index);
    for (const change of commit.changes) {
      switch (change.status) {
        case 'A':
          this.touch(change.path, index, Touch.added);
          break;
        case 'D':
          this.touch(change.path, index, Touch.deleted);
          break;
        case 'T':
          this.touch(change.path, index, Touch.typeChanged);
          break;
        case 'R':
          if (change.from !== undefined) {
            this.touch(change.from, index, Touch.renamedFrom);
            this.addRename({ from: change.from, to: change.path, commit: index });
          }
          this.touch(change.path, index, change.similarity === 100 ? Touch.movedTo : Touch.renamedTo);
          break;
        case 'C':
          this.touch(change.path, index, Touch.copiedTo);
          break;
        default:
          this.touch(change.path, index, Touch.modified);
      }
    }
  }

  private touch(path: string, index: number, code: TouchCode): void {
    const list = this.touches.get(path);
    if (list) list.push(index * 8 + code);
    else this.touches.set(path, [index * 8 + code]);
  }

  private addRename(rename: RenameRecord): void {
    this.renameList.push(rename);
    const from = this.renamesFrom.get(rename.from);
    if (from) from.push(rename);
    else this.renamesFrom.set(rename.from, [rename]);
    const to = this.renamesTo.get(rename.to);
    if (to) to.push(rename);
    else this.renamesTo.set(rename.to, [rename]);
  }
}

function unflatten(flat: number[]): Hunk[] {
  const hunks: Hunk[] = [];
  for (let i = 0; i + 3 < flat.length; i += 4) hunks.push({ oldStart: flat[i]!, oldLines: flat[i + 1]!, newStart: flat[i + 2]!, newLines: flat[i + 3]! });
  return hunks;
}

function isSnapshot(value: unknown): value is HistorySnapshot {
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
    c.sha.length === c.time.length &&
    c.sha.length === c.subject.length &&
    c.sha.length === c.files.length &&
    !!v.paths &&
    typeof v.paths === 'object' &&
    Array.isArray(v.renames) &&
    !!v.stats &&
    typeof v.stats === 'object' &&
    !!v.hunks &&
    typeof v.hunks === 'object'
  );
}
