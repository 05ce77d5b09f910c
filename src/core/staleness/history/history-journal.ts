import type { ChangeStatus, FileAt, FileChange } from '../../repo/repo-ports';
import type { LogCommit } from '../model/git-records';
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

/**
 * Writes what `store` lacks of `index`: one journal entry when the store holds an earlier state of
 * it and takes entries, else the whole snapshot. When the write fails the index counts as not held
 * (the next write is whole).
 */
export async function writeHistory(store: HistoryStore, index: HistoryIndex): Promise<void> {
  try {
    const delta = store.append ? takeDelta(index) : undefined;
    if (delta && (await store.append!(delta))) return;
    const snapshot = index.toSnapshot();
    index.markStored();
    await store.save(snapshot);
  } catch (error) {
    index.markStored(false);
    throw error;
  }
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
 * The history cache writes of one engine: one at a time and in order (the latest wins), each
 * writing what the store lacks (see `writeHistory`), and only when the index has news for it.
 */
export class HistoryWrites {
  private saving: Promise<void> = Promise.resolve();
  /** The index has what the store lacks: commits read, diffs fetched, or a write that failed. */
  changed = false;

  constructor(private readonly store: HistoryStore | undefined) {}

  /** Writes `index` after any write under way, when there is a store and news; undefined when there is nothing to write. */
  write(index: HistoryIndex): Promise<void> | undefined {
    const store = this.store;
    if (!store || !this.changed) return undefined;
    this.changed = false;
    const next = this.saving.catch(() => undefined).then(() => writeHistory(store, index));
    next.catch(() => (this.changed = true));
    this.saving = next;
    return next;
  }

  /** Waits for the writes under way; rejects with the last one's error. */
  async settled(): Promise<void> {
    await this.saving;
  }
}
