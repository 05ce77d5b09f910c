import assert from 'node:assert/strict';
import { refEventMeaning, WatchedPaths, watcherSkipsFiles, WHOLE_TREE_EVERY_MS } from '../../../../src/core/staleness/plan/watched-paths';

describe('what the watcher saw between staleness runs', () => {
  let clock: number;
  let paths: WatchedPaths;
  beforeEach(() => {
    clock = Date.parse('2025-06-01T00:00:00Z');
    paths = new WatchedPaths(() => clock);
  });
  /** A first run that reads the whole tree and completes. */
  function wholeRun(folder = 'f'): void {
    const first = paths.take(folder, false);
    assert.equal(first.watched, undefined);
    first.done(true);
  }

  it('reads the whole tree on a folder’s first run, then tells each run what was seen since the last began', () => {
    wholeRun();
    paths.touched('f', 'deploy/pool.yaml');
    paths.touched('f', 'deploy/pool.yaml');
    paths.touched('g', 'other.md');
    const run = paths.take('f', false);
    assert.deepEqual(run.watched, { paths: ['deploy/pool.yaml'], refs: true });
    paths.touched('f', 'late.yaml');
    run.done(true);
    assert.deepEqual(paths.take('f', false).watched, { paths: ['late.yaml'], refs: true });
  });

  it('gives what a run took back to the next when the run did not complete', () => {
    wholeRun();
    paths.touched('f', 'a.yaml');
    const aborted = paths.take('f', false);
    paths.touched('f', 'b.yaml');
    aborted.done(false);
    assert.deepEqual(paths.take('f', false).watched?.paths.slice().sort(), ['a.yaml', 'b.yaml']);
  });

  it('reads the whole tree when the user asks, when marked, past too many paths, and every ten minutes', () => {
    wholeRun();
    assert.equal(paths.take('f', true).watched, undefined, 'explicit');
    paths.readWholeNext('f');
    const marked = paths.take('f', false);
    assert.equal(marked.watched, undefined, 'marked');
    marked.done(false);
    assert.equal(paths.take('f', false).watched, undefined, 'still marked after a run that did not complete');
    for (let i = 0; i < 300; i++) paths.touched('f', `p${i}`);
    assert.equal(paths.take('f', false).watched, undefined, 'too many');
    clock += WHOLE_TREE_EVERY_MS - 1;
    assert.deepEqual(paths.take('f', false).watched, { paths: [], refs: true }, 'the whole-tree run above did not complete: the first one counts');
    clock += 1;
    const late = paths.take('f', false);
    assert.equal(late.watched, undefined, 'ten minutes after the last whole-tree read');
    late.done(true);
    assert.deepEqual(paths.take('f', false).watched, { paths: [], refs: true });
  });

  it('keeps the ref names where the watcher sees the refs and none changed', () => {
    wholeRun();
    assert.deepEqual(paths.take('f', false, true).watched, { paths: [], refs: false });
    paths.refsChanged('f');
    const aborted = paths.take('f', false, true);
    assert.deepEqual(aborted.watched, { paths: [], refs: true });
    aborted.done(false);
    const again = paths.take('f', false, true);
    assert.deepEqual(again.watched, { paths: [], refs: true }, 'still to read after a run that did not complete');
    again.done(true);
    assert.deepEqual(paths.take('f', false, true).watched, { paths: [], refs: false });
    assert.deepEqual(paths.take('f', false, false).watched, { paths: [], refs: true }, 'refs not watched: read every run');
  });

  it('knows which watcher excludes leave working-tree files unwatched', () => {
    assert.equal(watcherSkipsFiles(undefined), false);
    assert.equal(watcherSkipsFiles({ '**/.git/objects/**': true, '**/.git/subtree-cache/**': true, '**/.hg/store/**': true }), false);
    assert.equal(watcherSkipsFiles({ '**/vendor/**': false }), false);
    assert.equal(watcherSkipsFiles({ '**/vendor/**': true }), true);
  });

  it('tells a commit on the checked-out branch from a change of the ref names', () => {
    const main = { read: true, branch: 'refs/heads/main' };
    // git replaces the ref file: watchers report a creation.
    assert.deepEqual(refEventMeaning('refs/heads/main', 'created', main, { branch: 'refs/heads/main' }), { refresh: true, namesMayChange: false });
    assert.deepEqual(refEventMeaning('refs/heads/main', 'changed', main, undefined), { refresh: true, namesMayChange: false });
    assert.deepEqual(refEventMeaning('refs/heads/main', 'deleted', main, undefined), { refresh: true, namesMayChange: true });
    assert.deepEqual(refEventMeaning('refs/heads/feature', 'created', main, undefined), { refresh: false, namesMayChange: true });
    assert.deepEqual(refEventMeaning('refs/tags/v1', 'created', main, undefined), { refresh: false, namesMayChange: true });
    assert.deepEqual(refEventMeaning('packed-refs', 'changed', main, undefined), { refresh: false, namesMayChange: true });
    assert.deepEqual(refEventMeaning('HEAD', 'changed', main, { branch: 'refs/heads/main' }), { refresh: true, namesMayChange: false }, 'a detached HEAD rewritten on each commit, or the same branch');
    assert.deepEqual(refEventMeaning('HEAD', 'created', { read: true, branch: 'refs/heads/feature' }, { branch: 'refs/heads/main' }), { refresh: true, namesMayChange: true }, 'another branch checked out');
    assert.deepEqual(refEventMeaning('HEAD', 'changed', { read: true, branch: undefined }, undefined), { refresh: true, namesMayChange: true }, 'no HEAD seen before');
    assert.deepEqual(refEventMeaning('refs/heads/main', 'created', { read: false, branch: undefined }, undefined), { refresh: true, namesMayChange: true }, 'HEAD unreadable');
  });
});
