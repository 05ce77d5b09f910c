import assert from 'node:assert/strict';
import { WatchedPaths, watcherSkipsFiles, WHOLE_TREE_EVERY_MS } from '../../../../src/core/staleness/plan/watched-paths';

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
    assert.deepEqual(run.watched, { paths: ['deploy/pool.yaml'] });
    paths.touched('f', 'late.yaml');
    run.done(true);
    assert.deepEqual(paths.take('f', false).watched, { paths: ['late.yaml'] });
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
    assert.deepEqual(paths.take('f', false).watched, { paths: [] }, 'the whole-tree run above did not complete: the first one counts');
    clock += 1;
    const late = paths.take('f', false);
    assert.equal(late.watched, undefined, 'ten minutes after the last whole-tree read');
    late.done(true);
    assert.deepEqual(paths.take('f', false).watched, { paths: [] });
  });

  it('knows which watcher excludes leave working-tree files unwatched', () => {
    assert.equal(watcherSkipsFiles(undefined), false);
    assert.equal(watcherSkipsFiles({ '**/.git/objects/**': true, '**/.git/subtree-cache/**': true, '**/.hg/store/**': true }), false);
    assert.equal(watcherSkipsFiles({ '**/vendor/**': false }), false);
    assert.equal(watcherSkipsFiles({ '**/vendor/**': true }), true);
  });
});
