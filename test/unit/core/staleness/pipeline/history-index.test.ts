import assert from 'node:assert/strict';
import { HistoryIndex, HISTORY_FORMAT_VERSION, Touch } from '../../../../../src/core/staleness/history/history-index';
import { at, diff, historyOf, logOf, noon, sha, POOL_HISTORY as HISTORY } from './history-fixture';

describe('HistoryIndex (one first-parent history in memory)', () => {
  it('numbers commits oldest first and keeps their time, subject and size', () => {
    const index = historyOf(HISTORY);
    assert.deepEqual([index.size, index.head], [5, sha(5)]);
    assert.deepEqual(index.commit(0), { index: 0, sha: sha(1), time: noon('2025-01-01'), subject: 'add pool and runbook', fileCount: 2 });
    assert.deepEqual(index.commitBySha(sha(4))?.index, 3);
    assert.equal(index.commitBySha('f'.repeat(40)), undefined);
  });

  it('lists the touches of a path oldest first, a rename as the old side leaving and the new side arriving', () => {
    const index = historyOf(HISTORY);
    assert.deepEqual(index.touchesOf('deploy/pool.yaml'), [
      { commit: 0, code: Touch.added },
      { commit: 1, code: Touch.modified },
      { commit: 2, code: Touch.renamedFrom },
    ]);
    assert.deepEqual(index.touchesOf('deploy/db/pool.yaml'), [
      { commit: 2, code: Touch.movedTo },
      { commit: 4, code: Touch.deleted },
    ]);
    assert.deepEqual(index.touchesOf('runbooks/postgres.md'), [{ commit: 3, code: Touch.renamedTo }]);
    assert.deepEqual(index.touchesOf('never/there.txt'), []);
    assert.deepEqual([...index.paths()].sort(), ['deploy/db/pool.yaml', 'deploy/pool.yaml', 'runbooks/db.md', 'runbooks/postgres.md']);
    assert.deepEqual([index.hasPath('runbooks/db.md'), index.hasPath('README.md')], [true, false]);
  });

  it('records renames both ways', () => {
    const index = historyOf(HISTORY);
    assert.deepEqual(index.renamesFromPath('deploy/pool.yaml'), [{ from: 'deploy/pool.yaml', to: 'deploy/db/pool.yaml', commit: 2 }]);
    assert.deepEqual(index.renameInto('runbooks/postgres.md', 3), { from: 'runbooks/db.md', to: 'runbooks/postgres.md', commit: 3 });
    assert.equal(index.renameInto('runbooks/postgres.md', 2), undefined);
    assert.deepEqual(index.renamesFromPath('runbooks/postgres.md'), []);
  });

  it('names a file state by the commit that last touched it, and has none before it was added or after it left', () => {
    const index = historyOf(HISTORY);
    assert.deepEqual(index.fileAt('deploy/pool.yaml', 0), at('deploy/pool.yaml', 1));
    assert.deepEqual(index.fileAt('deploy/pool.yaml', 1), at('deploy/pool.yaml', 2));
    assert.equal(index.fileAt('deploy/pool.yaml', 2), undefined, 'renamed away');
    assert.deepEqual(index.fileAt('deploy/db/pool.yaml', 3), at('deploy/db/pool.yaml', 3));
    assert.equal(index.fileAt('deploy/db/pool.yaml', 4), undefined, 'deleted');
    assert.equal(index.fileAt('deploy/db/pool.yaml', 1), undefined, 'not there yet');
    assert.equal(index.fileAt('README.md', 4), undefined);
  });

  it('knows the blob of a state only for the commit that wrote it', () => {
    const index = historyOf(HISTORY);
    assert.equal(index.blobOf(at('deploy/pool.yaml', 2)), 'b2');
    assert.equal(index.blobOf(at('deploy/db/pool.yaml', 3)), 'b2');
    assert.equal(index.blobOf(at('deploy/pool.yaml', 3)), undefined, 'commit 3 did not touch the old path');
    assert.equal(index.blobOf(at('deploy/db/pool.yaml', 5)), undefined, 'a deletion has no blob');
  });

  it('builds the same index from a stream of commits newest first as from the whole log', () => {
    const streamed = HistoryIndex.streaming();
    for (const commit of logOf(HISTORY)) streamed.addStreamed(commit);
    streamed.finishStreamed(sha(5));
    assert.deepEqual(streamed.toSnapshot(), historyOf(HISTORY).toSnapshot());
  });

  it('extends the history with newer commits when HEAD moves on', () => {
    const index = historyOf(HISTORY.slice(0, 2));
    const newer = logOf(HISTORY).slice(0, 3);
    index.appendNewestFirst(sha(5), newer);
    assert.deepEqual(index.toSnapshot(), historyOf(HISTORY).toSnapshot());
  });

  it('stores diffs by their two file states, and a snapshot restores commits, touches, blobs, renames and diffs', () => {
    const index = historyOf(HISTORY);
    index.setDiff(at('deploy/pool.yaml', 1), at('deploy/pool.yaml', 2), diff(1, 1, [{ oldStart: 3, oldLines: 1, newStart: 3, newLines: 1 }], { binary: true }));
    index.setDiff(undefined, at('runbooks/db.md', 1), diff(4, 0));
    const snapshot = index.toSnapshot();
    assert.equal(snapshot.format, HISTORY_FORMAT_VERSION);
    assert.deepEqual(snapshot.diffs, {
      [`${sha(1)}:deploy/pool.yaml\u0000${sha(2)}:deploy/pool.yaml`]: [1, 1, 1, 3, 1, 3, 1],
      [`\u0000${sha(1)}:runbooks/db.md`]: [4, 0, 0],
    });
    assert.deepEqual(snapshot.oids['deploy/pool.yaml'], 'b1,b2,');
    const restored = HistoryIndex.fromSnapshot(JSON.parse(JSON.stringify(snapshot)))!;
    assert.deepEqual(restored.toSnapshot(), snapshot);
    assert.deepEqual(restored.diff(at('deploy/pool.yaml', 1), at('deploy/pool.yaml', 2)), diff(1, 1, [{ oldStart: 3, oldLines: 1, newStart: 3, newLines: 1 }], { binary: true }));
    assert.deepEqual([restored.blobOf(at('runbooks/postgres.md', 4)), restored.renameInto('deploy/db/pool.yaml', 2)?.from], ['d2', 'deploy/pool.yaml']);
  });

  it('keeps the two sizes of a diff too large to compute in a snapshot (#21)', () => {
    const index = historyOf(HISTORY);
    index.setDiff(at('deploy/pool.yaml', 1), at('deploy/pool.yaml', 2), { added: 0, deleted: 0, hunks: [], binary: true, tooLarge: { before: 48_000_000, after: 50_100_000 } });
    const snapshot = index.toSnapshot();
    assert.deepEqual(snapshot.diffs, { [`${sha(1)}:deploy/pool.yaml\u0000${sha(2)}:deploy/pool.yaml`]: [0, 0, 17, 48_000_000, 50_100_000] });
    const restored = HistoryIndex.fromSnapshot(JSON.parse(JSON.stringify(snapshot)))!;
    assert.deepEqual(restored.diff(at('deploy/pool.yaml', 1), at('deploy/pool.yaml', 2)), { added: 0, deleted: 0, hunks: [], binary: true, tooLarge: { before: 48_000_000, after: 50_100_000 } });
  });

  it('keeps that git could not read a side of a diff in a snapshot', () => {
    const index = historyOf(HISTORY);
    index.setDiff(at('deploy/pool.yaml', 1), at('deploy/pool.yaml', 2), { added: 0, deleted: 0, hunks: [], binary: true, unreadable: true });
    const snapshot = index.toSnapshot();
    assert.deepEqual(snapshot.diffs, { [`${sha(1)}:deploy/pool.yaml\u0000${sha(2)}:deploy/pool.yaml`]: [0, 0, 33] });
    const restored = HistoryIndex.fromSnapshot(JSON.parse(JSON.stringify(snapshot)))!;
    assert.deepEqual(restored.diff(at('deploy/pool.yaml', 1), at('deploy/pool.yaml', 2)), { added: 0, deleted: 0, hunks: [], binary: true, unreadable: true });
  });

  it('restores nothing from a snapshot of another format or of another shape', () => {
    const snapshot = historyOf(HISTORY).toSnapshot();
    assert.equal(HistoryIndex.fromSnapshot({ ...snapshot, format: HISTORY_FORMAT_VERSION - 1 }), undefined);
    assert.equal(HistoryIndex.fromSnapshot({ ...snapshot, commits: { ...snapshot.commits, time: [] } }), undefined);
    assert.equal(HistoryIndex.fromSnapshot('{}'), undefined);
  });

  it('keeps out of its snapshot, and adopts from an older index, only the diffs whose commits are in its history', () => {
    const short = historyOf(HISTORY.slice(0, 2));
    const long = historyOf(HISTORY);
    long.setDiff(at('deploy/pool.yaml', 1), at('deploy/pool.yaml', 2), diff(1, 1));
    long.setDiff(at('deploy/db/pool.yaml', 3), undefined, diff(0, 10));
    assert.equal(Object.keys(long.toSnapshot().diffs).length, 2);
    short.adoptDetails(long);
    assert.deepEqual(short.diff(at('deploy/pool.yaml', 1), at('deploy/pool.yaml', 2)), diff(1, 1));
    assert.equal(short.diff(at('deploy/db/pool.yaml', 3), undefined), undefined);
    assert.deepEqual(Object.keys(short.toSnapshot().diffs), [`${sha(1)}:deploy/pool.yaml\u0000${sha(2)}:deploy/pool.yaml`]);
  });
});
