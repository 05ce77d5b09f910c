import type { ChangeStatus, FileAt, FileChange } from '../../repo/repo-ports';
import type { LogCommit, MergedChange } from '../model/git-records';
import type { HistoryStore } from '../ports';
import { HistoryIndex } from './history-index';
import { packDiff, unpackDiff } from './history-packing';
import { HISTORY_FORMAT_VERSION, type DiffNotes } from './history-types';

// The history cache as a snapshot plus a journal: after a re-check that read one new commit, what
// it added (the commit, the diffs computed for it) is appended to the store instead of the whole
// snapshot being serialised and written again (14 MiB on moby/moby, ~300 ms of the thread each
// time). A restore replays the entries that follow on from the snapshot, in order, and stops at
// the first that does not (a torn write, an entry from another history): what follows is read
// from git again, never trusted.

/** One journal entry: the commits (newest first) and diffs added while the store went from `base` to `head`. */
export interface HistoryDelta {
  format: number;
  base: string;
  head: string;
  commits: LogCommit[];
  /** `[diffKey, packed diff, notes]` (see `packDiff`). */
  diffs: Array<[string, number[], DiffNotes | undefined | null]>;
  /** Merged sides found since (see `writeHistory`). */
  merged?: Array<[string, StoredMerged]>;
}

/** The stored form with entries after the snapshot (what a store's `load` gives when it has any). */
export interface JournaledHistory {
  base: unknown;
  journal: unknown[];
}

/**
 * What was added to `index` since the store last held it, as an entry to append; the index then
 * counts as held at its head (a failed append must be followed by a whole write). Undefined when
 * the store does not hold the index (a history read from git): write the whole snapshot then.
 */
export function takeDelta(index: HistoryIndex): HistoryDelta | undefined {
  const mark = index.sinceStored();
  if (!mark) return undefined;
  const diffs: HistoryDelta['diffs'] = [];
  for (const key of mark.diffKeys) {
    const d = index.diffByKey(key);
    if (d) diffs.push([key, ...packDiff(d)]);
  }
  const delta = { format: HISTORY_FORMAT_VERSION, base: mark.head, head: index.head, commits: [...mark.commits], diffs };
  index.markStored();
  return delta;
}

/** The commits behind merges a run found (see evidence/merged-changes.ts), by `merge\0path`; null: none there. */
export type MergedFacts = Map<string, MergedChange | null>;

/** A merged side as the cache keeps it: `[sha, subject, author time]`, or null. */
type StoredMerged = [string, string, number] | null;

/** Whether the merge a `merge\0path` key names is a commit of the history. */
const inHistory = (index: HistoryIndex, key: string): boolean => index.commitBySha(key.slice(0, key.indexOf('\u0000'))) !== undefined;

const packMerged = (m: MergedChange | null): StoredMerged => (m ? [m.sha, m.subject, m.authorTime] : null);

/**
 * Writes what `store` lacks of `index` and of `merged` (facts about commits, true for as long as
 * their merge is in the history; `held`: the keys the store has): one journal entry when the store
 * holds an earlier state of the index and takes entries, else the whole snapshot. When the write
 * fails the index counts as not held (the next write is whole).
 */
export async function writeHistory(store: HistoryStore, index: HistoryIndex, merged: MergedFacts = new Map(), held = new Set<string>()): Promise<void> {
  const known = [...merged].filter(([key]) => inHistory(index, key));
  try {
    const delta = store.append ? takeDelta(index) : undefined;
    const fresh = known.filter(([key]) => !held.has(key));
    if (delta && (await store.append!({ ...delta, ...(fresh.length ? { merged: fresh.map(([key, m]) => [key, packMerged(m)]) } : {}) }))) {
      for (const [key] of fresh) held.add(key);
      return;
    }
    const snapshot = { ...index.toSnapshot(), ...(known.length ? { merged: Object.fromEntries(known.map(([key, m]) => [key, packMerged(m)])) } : {}) };
    index.markStored();
    held.clear();
    await store.save(snapshot);
    for (const [key] of known) held.add(key);
  } catch (error) {
    index.markStored(false);
    held.clear();
    throw error;
  }
}

/** The merged sides a store's `load` result holds (in its snapshot and journal entries), well-formed ones only. */
export function storedMergedOf(value: unknown): Array<[string, MergedChange | null]> {
  const journaled = isJournaled(value);
  const out: Array<[string, MergedChange | null]> = [];
  const add = (key: unknown, m: unknown) => {
    if (!isString(key) || !key.includes('\u0000')) return;
    if (m === null) out.push([key, null]);
    else if (Array.isArray(m) && m.length === 3 && isString(m[0]) && isString(m[1]) && isNumber(m[2])) out.push([key, { sha: m[0], subject: m[1], authorTime: m[2] }]);
  };
  const base = (journaled ? value.base : value) as { merged?: unknown } | null | undefined;
  if (base?.merged && typeof base.merged === 'object') for (const [key, m] of Object.entries(base.merged)) add(key, m);
  if (journaled) {
    for (const entry of value.journal) {
      const list = (entry as { merged?: unknown } | null)?.merged;
      if (Array.isArray(list)) for (const pair of list) if (Array.isArray(pair)) add(pair[0], pair[1]);
    }
  }
  return out;
}

/** The index a store's `load` result holds (a snapshot, or one with journal entries), marked as held by the store; undefined when there is none. */
export function restoreHistory(value: unknown): HistoryIndex | undefined {
  const journaled = isJournaled(value);
  const index = HistoryIndex.fromSnapshot(journaled ? value.base : value);
  if (!index) return undefined;
  if (journaled) {
    for (const entry of value.journal) {
      const delta = entryAt(entry, index.head);
      if (!delta) break;
      index.appendNewestFirst(delta.head, delta.commits);
      for (const [key, packed, notes] of delta.diffs) {
        const [from, to] = key.split('\u0000').map(stateOf);
        index.setDiff(from, to, unpackDiff(packed, notes ?? undefined));
      }
    }
  }
  index.markStored();
  return index;
}

function isJournaled(value: unknown): value is JournaledHistory {
  return !!value && typeof value === 'object' && 'base' in value && Array.isArray((value as JournaledHistory).journal);
}

/** A file state from one side of a diff key (`sha:path`, '' for none): a SHA holds no colon, a path may. */
function stateOf(side: string | undefined): FileAt | undefined {
  if (!side) return undefined;
  const colon = side.indexOf(':');
  return { sha: side.slice(0, colon), path: side.slice(colon + 1) };
}

const STATUSES: ReadonlySet<string> = new Set<ChangeStatus>(['A', 'M', 'D', 'R', 'C', 'T']);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** `entry` when it is a well-formed entry that follows on from `head` (its commits newer than it, oldest first-parent on it). */
function entryAt(entry: unknown, head: string): HistoryDelta | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const d = entry as Partial<HistoryDelta>;
  if (d.format !== HISTORY_FORMAT_VERSION || d.base !== head || !isString(d.head) || !Array.isArray(d.commits) || !Array.isArray(d.diffs)) return undefined;
  if (!d.commits.every(isLogCommit) || !d.diffs.every(isPackedDiff)) return undefined;
  const oldest = d.commits[d.commits.length - 1];
  if (oldest ? oldest.parents[0] !== head || d.commits[0]!.sha !== d.head : d.head !== head) return undefined;
  return d as HistoryDelta;
}

function isLogCommit(value: unknown): value is LogCommit {
  const c = value as Partial<LogCommit> | null;
  return !!c && isString(c.sha) && Array.isArray(c.parents) && c.parents.every(isString) && isNumber(c.time) && isString(c.subject) && isNumber(c.fileCount) && Array.isArray(c.changes) && c.changes.every(isChange);
}

function isChange(value: unknown): value is FileChange {
  const c = value as Partial<FileChange> | null;
  return !!c && isString(c.status) && STATUSES.has(c.status) && isString(c.path) && (c.from === undefined || isString(c.from)) && (c.similarity === undefined || isNumber(c.similarity)) && (c.oid === undefined || isString(c.oid));
}

function isPackedDiff(value: unknown): value is [string, number[], DiffNotes | undefined | null] {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) return false;
  const [key, packed, notes] = value as unknown[];
  return isString(key) && key.includes('\u0000') && Array.isArray(packed) && packed.every(isNumber) && (notes === undefined || notes === null || typeof notes === 'object');
}

/**
 * The history cache of one engine: restored once, then written one write at a time and in order
 * (the latest wins), each writing what the store lacks (see `writeHistory`), and only when there
 * is news for it: commits read, diffs fetched, merged sides found.
 */
export class HistoryWrites {
  private saving: Promise<void> = Promise.resolve();
  /** The index has what the store lacks: commits read, diffs fetched, or a write that failed. */
  changed = false;
  /** The keys of `merged` the store holds. */
  private readonly held = new Set<string>();

  constructor(
    private readonly store: HistoryStore | undefined,
    private readonly merged: MergedFacts = new Map(),
  ) {}

  /** The history the store holds (see `restoreHistory`), its merged sides taken into `merged`; undefined without a store or history. */
  async restore(): Promise<HistoryIndex | undefined> {
    if (!this.store) return undefined;
    const loaded = await this.store.load().catch(() => undefined);
    const index = restoreHistory(loaded);
    if (!index) return undefined;
    for (const [key, m] of storedMergedOf(loaded)) {
      if (!this.merged.has(key)) this.merged.set(key, m);
      this.held.add(key);
    }
    return index;
  }

  /** Writes `index` after any write under way, when there is a store and news; undefined when there is nothing to write. */
  write(index: HistoryIndex): Promise<void> | undefined {
    const store = this.store;
    if (!store || (!this.changed && ![...this.merged.keys()].some((key) => !this.held.has(key) && inHistory(index, key)))) return undefined;
    this.changed = false;
    const next = this.saving.catch(() => undefined).then(() => writeHistory(store, index, this.merged, this.held));
    next.catch(() => (this.changed = true));
    this.saving = next;
    return next;
  }

  /** Waits for the writes under way; rejects with the last one's error. */
  async settled(): Promise<void> {
    await this.saving;
  }
}
