import type { FileAt, LogCommit } from '../ports';
import type { StoreMark } from '../model/git-records';
import { ownString, ownStrings } from '../../own-string';
import { isSnapshot, lastAtOrBefore, packDiff, unpackDiff } from './history-packing';
import { HISTORY_FORMAT_VERSION, Touch, diffKey, type TouchCode, type IndexedCommit, type RenameRecord, type StoredDiff, type HistorySnapshot, type HistoryView } from './history-types';

export { diffKey, HISTORY_FORMAT_VERSION, Touch, type HistorySnapshot, type HistoryView, type IndexedCommit, type RenameRecord, type StoredDiff, type TouchCode } from './history-types';

/**
 * The first-parent history of a repository in memory: every commit with its time and size, every
 * path with the commits that touched it, the renames, and the diffs of file states computed so far.
 * Built from one streamed `git log`, extended with newer commits when HEAD moves on.
 */
export class HistoryIndex implements HistoryView {
  private readonly commits: IndexedCommit[] = [];
  private readonly bySha = new Map<string, number>();
  private readonly touches = new Map<string, number[]>();
  /** path → blob after each touch, aligned with `touches` ('' when none or unknown). */
  private readonly blobs = new Map<string, string[]>();
  private readonly renameList: RenameRecord[] = [];
  private readonly renamesFrom = new Map<string, RenameRecord[]>();
  private readonly renamesTo = new Map<string, RenameRecord[]>();
  private readonly diffMap = new Map<string, StoredDiff>();
  private headSha: string;
  /** What was added since the history store last held this index (see history-journal.ts); undefined when it does not. */
  private unstored: StoreMark | undefined;

  private constructor(head: string) {
    this.headSha = head;
  }

  /** An index of `commits` given newest first (the order `git log` streams them). */
  static fromLog(head: string, newestFirst: LogCommit[]): HistoryIndex {
    const index = new HistoryIndex(head);
    index.appendNewestFirst(head, newestFirst);
    return index;
  }

  /**
   * An index fed commits newest first while `git log` streams them (`addStreamed`), so the work
   * happens while git is still busy; `finishStreamed` then numbers them oldest first.
   */
  static streaming(): HistoryIndex {
    return new HistoryIndex('');
  }

  /** Adds the next (older) commit of a stream started with `streaming()`. */
  addStreamed(commit: LogCommit): void {
    this.addCommit(commit);
  }

  /** Ends a stream at `head`: renumbers commits, touches and renames oldest first. */
  finishStreamed(head: string): void {
    const last = this.commits.length - 1;
    this.commits.reverse();
    this.bySha.clear();
    this.commits.forEach((commit, i) => {
      commit.index = i;
      this.bySha.set(commit.sha, i);
    });
    for (const packed of this.touches.values()) {
      packed.reverse();
      for (let i = 0; i < packed.length; i++) packed[i] = (last - Math.floor(packed[i]! / 8)) * 8 + (packed[i]! % 8);
    }
    for (const oids of this.blobs.values()) oids.reverse();
    this.renameList.reverse();
    for (const rename of this.renameList) rename.commit = last - rename.commit;
    for (const list of this.renamesFrom.values()) list.reverse();
    for (const list of this.renamesTo.values()) list.reverse();
    this.headSha = head;
  }

  /** Restores a snapshot; undefined when it is not a snapshot of the current format. */
  static fromSnapshot(value: unknown): HistoryIndex | undefined {
    if (!isSnapshot(value)) return undefined;
    const index = new HistoryIndex(value.head);
    const { sha, time, subject, files } = value.commits;
    const merges = new Set(value.commits.merges);
    for (let i = 0; i < sha.length; i++) {
      index.commits.push({ index: i, sha: sha[i]!, time: time[i]!, subject: subject[i]!, fileCount: files[i]!, ...(merges.has(i) ? { merge: true } : {}) });
      index.bySha.set(sha[i]!, i);
    }
    for (const [path, packed] of Object.entries(value.paths)) {
      index.touches.set(path, packed);
      const oids = value.oids[path]?.split(',');
      index.blobs.set(path, oids && oids.length === packed.length ? oids : packed.map(() => ''));
    }
    for (const [from, to, commit] of value.renames) index.addRename({ from, to, commit });
    for (const [key, packed] of Object.entries(value.diffs)) index.diffMap.set(key, unpackDiff(packed, value.notes[key]));
    return index;
  }

  /** From now on the store holds this index as it is (what is added later is recorded for the journal), or (`held` false, a failed write) does not. */
  markStored(held = true): void {
    this.unstored = held ? { head: this.headSha, commits: [], diffKeys: [] } : undefined;
  }

  /** What was added since `markStored` (newest commits first), or undefined when the store does not hold this index. */
  sinceStored(): Readonly<StoreMark> | undefined {
    return this.unstored;
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
    this.unstored?.commits.unshift(...newestFirst);
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

  /**
   * The state of `path` as of commit `commitIndex`, named by the commit that last touched it (so
   * the name stays the same while HEAD moves on); undefined when the file does not exist there.
   */
  fileAt(path: string, commitIndex: number): FileAt | undefined {
    const packed = this.touches.get(path);
    const at = packed ? lastAtOrBefore(packed, commitIndex) : -1;
    if (at < 0) return undefined;
    const code = packed![at]! % 8;
    if (code === Touch.deleted || code === Touch.renamedFrom) return undefined;
    return { sha: this.commits[Math.floor(packed![at]! / 8)]!.sha, path };
  }

  /** The blob id of a file state named by `fileAt`, when the history pass reported it. */
  blobOf(state: FileAt): string | undefined {
    const commit = this.bySha.get(state.sha);
    const packed = this.touches.get(state.path);
    if (commit === undefined || !packed) return undefined;
    const at = lastAtOrBefore(packed, commit);
    if (at < 0 || Math.floor(packed[at]! / 8) !== commit) return undefined;
    return this.blobs.get(state.path)?.[at] || undefined;
  }

  /** The diff between two file states, when computed. */
  diff(from: FileAt | undefined, to: FileAt | undefined): StoredDiff | undefined {
    return this.diffMap.get(diffKey(from, to));
  }

  /** The diff stored under a `diffKey`, when computed. */
  diffByKey(key: string): StoredDiff | undefined {
    return this.diffMap.get(key);
  }

  setDiff(from: FileAt | undefined, to: FileAt | undefined, diff: StoredDiff): void {
    // Words and values cut from the two texts would keep both texts alive for the whole run.
    const key = diffKey(from, to);
    if (this.unstored && !this.diffMap.has(key) && this.keyInHistory(key)) this.unstored.diffKeys.push(key);
    this.diffMap.set(key, ownStrings(diff));
  }

  /** The serialisable form; `JSON.stringify` it as is. */
  toSnapshot(): HistorySnapshot {
    const commits = { sha: [] as string[], time: [] as number[], subject: [] as string[], files: [] as number[], merges: [] as number[] };
    for (const c of this.commits) {
      if (c.merge) commits.merges.push(c.index);
      commits.sha.push(c.sha);
      commits.time.push(c.time);
      commits.subject.push(c.subject);
      commits.files.push(c.fileCount);
    }
    const diffs: HistorySnapshot['diffs'] = {};
    const notes: HistorySnapshot['notes'] = {};
    for (const [key, d] of this.diffMap) {
      if (!this.keyInHistory(key)) continue;
      const [packed, note] = packDiff(d);
      diffs[key] = packed;
      if (note) notes[key] = note;
    }
    return {
      format: HISTORY_FORMAT_VERSION,
      head: this.headSha,
      commits,
      paths: Object.fromEntries(this.touches),
      oids: Object.fromEntries([...this.blobs].map(([path, oids]) => [path, oids.join(',')])),
      renames: this.renameList.map((r) => [r.from, r.to, r.commit]),
      diffs,
      notes,
    };
  }

  /** Keeps the diffs of another index whose commits are still in this one (e.g. the previous cache after a rebuild). */
  adoptDetails(other: HistoryIndex): void {
    for (const [key, diff] of other.diffMap) if (this.keyInHistory(key)) this.diffMap.set(key, diff);
  }

  /** Whether both commits a diff key names are in this history (an empty side always is). */
  private keyInHistory(key: string): boolean {
    const sep = key.indexOf('\u0000');
    const shaOf = (side: string) => side.slice(0, side.indexOf(':'));
    const from = key.slice(0, sep);
    const to = key.slice(sep + 1);
    return (from === '' || this.bySha.has(shaOf(from))) && (to === '' || this.bySha.has(shaOf(to)));
  }

  private addCommit(commit: LogCommit): void {
    const index = this.commits.length;
    // What is kept of the commit was cut from a chunk of `git log` output: kept on its own (see `ownString`).
    const sha = ownString(commit.sha);
    this.commits.push({ index, sha, time: commit.time, subject: ownString(commit.subject), fileCount: commit.fileCount, ...(commit.parents.length > 1 ? { merge: true } : {}) });
    this.bySha.set(sha, index);
    for (const change of commit.changes) {
      switch (change.status) {
        case 'A':
          this.touch(change.path, index, Touch.added, change.oid);
          break;
        case 'D':
          this.touch(change.path, index, Touch.deleted);
          break;
        case 'T':
          this.touch(change.path, index, Touch.typeChanged, change.oid);
          break;
        case 'R':
          if (change.from !== undefined) {
            this.touch(change.from, index, Touch.renamedFrom);
            this.addRename({ from: change.from, to: change.path, commit: index });
          }
          this.touch(change.path, index, change.similarity === 100 ? Touch.movedTo : Touch.renamedTo, change.oid);
          break;
        case 'C':
          this.touch(change.path, index, Touch.copiedTo, change.oid);
          break;
        default:
          this.touch(change.path, index, Touch.modified, change.oid);
      }
    }
  }

  private touch(path: string, index: number, code: TouchCode, oid = ''): void {
    const list = this.touches.get(path);
    if (list) {
      list.push(index * 8 + code);
      this.blobs.get(path)!.push(ownString(oid));
    } else {
      const own = ownString(path);
      this.touches.set(own, [index * 8 + code]);
      this.blobs.set(own, [ownString(oid)]);
    }
  }

  private addRename(given: RenameRecord): void {
    const rename = { ...given, from: ownString(given.from), to: ownString(given.to) };
    this.renameList.push(rename);
    const from = this.renamesFrom.get(rename.from);
    if (from) from.push(rename);
    else this.renamesFrom.set(rename.from, [rename]);
    const to = this.renamesTo.get(rename.to);
    if (to) to.push(rename);
    else this.renamesTo.set(rename.to, [rename]);
  }
}
