import assert from 'node:assert/strict';
import { HistoryIndex } from '../../../../../src/core/staleness/history/history-index';
import { HistoryWrites, restoreHistory, takeDelta } from '../../../../../src/core/staleness/history/history-journal';
import type { MergedChange } from '../../../../../src/core/staleness/model/git-records';
import { at, diff, historyOf, logOf, sha, POOL_HISTORY as HISTORY } from './history-fixture';

/** What a JSON cache file gives back. */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** An index as restored from a store holding the first `n` commits, with one diff. */
function restoredAt(n: number): HistoryIndex {
  const index = historyOf(HISTORY.slice(0, n));
  index.setDiff(at('deploy/pool.yaml', 1), at('deploy/pool.yaml', 2), diff(1, 1, [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 }]));
  return restoreHistory(stored(index.toSnapshot()))!;
}

describe('History journal (what a re-check adds, written without rewriting the whole cache)', () => {
  it('gives nothing to append for an index the store does not hold (built from git)', () => {
    assert.equal(takeDelta(historyOf(HISTORY)), undefined);
  });

  it('appends the new commits and diffs since the store last held the index, and a restore replays them to the same index', () => {
    const index = restoredAt(2);
    const base = stored(index.toSnapshot());
    index.appendNewestFirst(sha(4), logOf(HISTORY).slice(1, 3));
    index.setDiff(at('runbooks/db.md', 1), at('runbooks/postgres.md', 4), diff(2, 1));
    const first = takeDelta(index)!;
    assert.deepEqual([first.base, first.head, first.commits.map((c) => c.sha), first.diffs.length], [sha(2), sha(4), [sha(4), sha(3)], 1]);
    assert.equal(takeDelta(index)?.commits.length, 0, 'what was taken is held by the store now');
    index.appendNewestFirst(sha(5), logOf(HISTORY).slice(0, 1));
    const second = takeDelta(index)!;
    const restored = restoreHistory(stored({ base, journal: [first, second] }))!;
    assert.deepEqual(restored.toSnapshot(), index.toSnapshot());
    assert.deepEqual(restored.diff(at('runbooks/db.md', 1), at('runbooks/postgres.md', 4)), diff(2, 1));
    assert.equal(takeDelta(restored)?.commits.length, 0, 'a restored index is what the store holds');
  });

  it('keeps a diff worked out for its lines alone marked as such, in the snapshot and in journal entries', () => {
    const index = restoredAt(2);
    const base = stored(index.toSnapshot());
    const lines = { ...diff(2, 1, [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 2 }]), linesOnly: true as const };
    index.setDiff(at('deploy/pool.yaml', 2), at('deploy/pool.yaml', 1), lines);
    const restored = restoreHistory(stored({ base, journal: [takeDelta(index)] }))!;
    assert.deepEqual(restored.diff(at('deploy/pool.yaml', 2), at('deploy/pool.yaml', 1)), lines);
    assert.deepEqual(restoreHistory(stored(restored.toSnapshot()))!.diff(at('deploy/pool.yaml', 2), at('deploy/pool.yaml', 1)), lines);
  });

  it('stops replaying at an entry that does not follow on, or is malformed, keeping what came before', () => {
    const index = restoredAt(2);
    const base = stored(index.toSnapshot());
    index.appendNewestFirst(sha(3), logOf(HISTORY).slice(2, 3));
    const good = stored(takeDelta(index)!);
    index.appendNewestFirst(sha(4), logOf(HISTORY).slice(1, 2));
    const next = stored(takeDelta(index)!);
    const atThree = stored(index.toSnapshot());
    assert.equal(restoreHistory({ base, journal: [next, good] })!.head, sha(2), 'out of order: nothing replayed');
    for (const broken of [
      { ...next, commits: [{ ...next.commits[0], changes: [{ status: 'Q', path: 'x' }] }] },
      { ...next, commits: 'no' },
      { ...next, diffs: [['key', 'not numbers']] },
      { ...next, format: -1 },
      null,
    ]) {
      const restored = restoreHistory({ base, journal: [good, broken] })!;
      assert.equal(restored.head, sha(3), JSON.stringify(broken));
      assert.deepEqual(restored.toSnapshot().commits.sha, atThree.commits.sha.slice(0, 3));
    }
    assert.equal(restoreHistory({ base: { format: -1 }, journal: [good] }), undefined);
    assert.equal(restoreHistory(undefined), undefined);
  });

  it('counts a diff once, and not a diff whose side is not a commit of the history', () => {
    const index = restoredAt(5);
    index.setDiff(at('deploy/pool.yaml', 1), at('deploy/pool.yaml', 2), diff(1, 1, [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 }]));
    index.setDiff(at('runbooks/db.md', 1), { sha: 'f'.repeat(40), path: 'runbooks/db.md' }, diff(1, 0));
    assert.deepEqual(takeDelta(index)!.diffs, []);
  });

  it('keeps the merged sides a run found, in the snapshot and then in journal entries, for merges of the history only', async () => {
    let snapshot: unknown;
    const journal: unknown[] = [];
    const store = {
      load: async () => (journal.length ? { base: stored(snapshot), journal: stored(journal) } : stored(snapshot)),
      save: async (value: unknown) => void ((snapshot = stored(value)), journal.splice(0)),
      append: async (entry: unknown) => (journal.push(stored(entry)), true),
    };
    const side: MergedChange = { sha: 'e'.repeat(40), subject: 'raise pool on the branch', authorTime: 1_700_000_000 };
    const merged = new Map<string, MergedChange | null>([[`${sha(2)}\u0000deploy/pool.yaml`, side], [`${'f'.repeat(40)}\u0000x`, null]]);
    const writes = new HistoryWrites(store, merged);
    const index = historyOf(HISTORY.slice(0, 3));
    writes.changed = true;
    await writes.write(index);
    assert.deepEqual((snapshot as { merged: unknown }).merged, { [`${sha(2)}\u0000deploy/pool.yaml`]: [side.sha, side.subject, side.authorTime] }, 'a merge not in the history is left out');
    assert.equal(writes.write(index), undefined, 'nothing new to write');
    merged.set(`${sha(3)}\u0000runbooks/db.md`, null);
    await writes.write(index);
    assert.equal(journal.length, 1);
    const again = new Map<string, MergedChange | null>();
    const restored = await new HistoryWrites(store, again).restore();
    assert.equal(restored?.head, sha(3));
    assert.deepEqual([...again].sort(), [[`${sha(2)}\u0000deploy/pool.yaml`, side], [`${sha(3)}\u0000runbooks/db.md`, null]]);
  });
});
