import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import { HistoryIndex } from '../../../src/core/staleness/history/history-index';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { cliHistoryCacheFile, JsonHistoryStore } from '../../../src/node/git-history-store';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

describe('history cache per HEAD', () => {
  let repo: GitFixture;
  let store: JsonHistoryStore;

  beforeEach(async () => {
    repo = await GitFixture.create('history-cache');
    store = new JsonHistoryStore(path.join(repo.base, 'cache', 'history.json'));
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '[pool](../pool.yaml)\n', 'pool.yaml': 'size: 10\n' });
    await repo.commit('raise pool size', '2025-02-01', { 'pool.yaml': 'size: 20\n' });
  });
  afterEach(() => repo.remove());

  function engine(withStore = true): StalenessEngine {
    return new StalenessEngine(
      { git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env), ...(withStore ? { store } : {}) },
      { now: () => new Date('2025-06-01T00:00:00Z') },
    );
  }

  it('reads the whole history once, then reuses the stored snapshot while HEAD stays', async () => {
    const docs = await repo.docs(['runbooks/db.md']);
    const cold = await engine().report(docs);
    assert.deepEqual([cold.history!.mode, cold.history!.commitsRead, cold.history!.commits], ['full', 2, 2]);
    const warm = await engine().report(docs);
    assert.deepEqual([warm.history!.mode, warm.history!.commitsRead], ['cache', 0]);
    assert.deepEqual(warm.docs, cold.docs);
  });

  it('reads only the new commits when HEAD moves on, in memory and from the store', async () => {
    const docs = await repo.docs(['runbooks/db.md']);
    const live = engine();
    await live.report(docs);
    await repo.commit('unrelated', '2025-03-01', { 'README.md': '# hi\n' });
    const again = await live.report(docs);
    assert.deepEqual([again.history!.mode, again.history!.commitsRead, again.history!.commits], ['incremental', 1, 3]);
    assert.deepEqual((await live.report(docs)).history!.mode, 'memory');

    await repo.commit('lower pool size', '2025-04-01', { 'pool.yaml': 'size: 15\n' });
    const fresh = await engine().report(docs);
    assert.deepEqual([fresh.history!.mode, fresh.history!.commitsRead], ['incremental', 1]);
    assert.deepEqual(fresh.docs[0]!.reasons[0]!.commits.map((c) => c.subject), ['lower pool size', 'raise pool size']);
  });

  it('after a re-check appends what it added to the journal, leaving the snapshot file as it was; a new engine replays it (#10)', async () => {
    const docs = await repo.docs(['runbooks/db.md']);
    const file = path.join(repo.base, 'cache', 'history.json');
    const live = engine();
    await live.report(docs);
    const snapshot = await fs.readFile(file, 'utf8');
    await repo.commit('lower pool size', '2025-03-01', { 'pool.yaml': 'size: 15\n' });
    const again = await live.report(docs);
    assert.equal(again.history!.mode, 'incremental');
    assert.equal(await fs.readFile(file, 'utf8'), snapshot, 'the snapshot is not written again');
    const journal = (await fs.readFile(`${file}.journal`, 'utf8')).trim().split('\n');
    assert.equal(journal.length, 1);
    assert.deepEqual((JSON.parse(journal[0]!) as { commits: Array<{ subject: string }> }).commits.map((c) => c.subject), ['lower pool size']);
    const fresh = await engine().report(docs);
    assert.deepEqual([fresh.history!.mode, fresh.history!.commits], ['cache', 3]);
    assert.deepEqual(fresh.docs, (await engine(false).report(docs)).docs);
    assert.deepEqual(fresh.docs, again.docs);
  });

  it('reads everything again after a rewrite (reset), keeping the line counts of surviving commits', async () => {
    const docs = await repo.docs(['runbooks/db.md']);
    await engine().report(docs);
    repo.git(['reset', '-q', '--hard', 'HEAD~1']);
    await repo.commit('other pool size', '2025-02-02', { 'pool.yaml': 'size: 30\n' });
    const result = await engine().report(docs);
    assert.deepEqual([result.history!.mode, result.history!.commits], ['full', 2]);
    assert.deepEqual(result.docs[0]!.reasons[0]!.commits.map((c) => c.subject), ['other pool size']);
  });

  it('stores a snapshot that restores to the same index (serialisable)', async () => {
    await engine().report(await repo.docs(['runbooks/db.md']));
    const loaded = await store.load();
    const index = HistoryIndex.fromSnapshot(loaded)!;
    assert.equal(index.head, repo.git(['rev-parse', 'HEAD']).trim());
    assert.deepEqual(index.toSnapshot(), JSON.parse(JSON.stringify(loaded)));
    assert.deepEqual(index.touchesOf('pool.yaml').map((t) => [t.commit, t.code]), [[0, 0], [1, 1]]);
    assert.equal(HistoryIndex.fromSnapshot({ ...(loaded as object), format: 0 }), undefined);
  });

  it('writes nothing without a store (--no-cache)', async () => {
    const result = await engine(false).report(await repo.docs(['runbooks/db.md']));
    assert.equal(result.history!.mode, 'full');
    assert.equal(await store.load(), undefined);
  });

  it('puts the CLI cache file beside the index cache, outside the repository', () => {
    assert.equal(cliHistoryCacheFile('/w/repo', { XDG_CACHE_HOME: '/c' }).startsWith('/c/living-runbooks/'), true);
    assert.equal(path.basename(cliHistoryCacheFile('/w/repo', { XDG_CACHE_HOME: '/c' })), 'history.json');
  });
});
