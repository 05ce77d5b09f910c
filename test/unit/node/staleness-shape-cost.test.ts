import assert from 'node:assert/strict';
import * as path from 'node:path';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { HistoryIndex } from '../../../src/core/staleness/history/history-index';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { JsonHistoryStore } from '../../../src/node/git-history-store';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

/** Issue 10: a large YAML file is parsed for its shape only where a verdict weighs the shape, and the comparison is kept in the cache. */
describe('staleness: data shape compared only where it counts', () => {
  let repo: GitFixture;
  let store: JsonHistoryStore;
  const entry = (name: string) => `- repo_name: ${name}\n  team: "#platform"\n`;

  beforeEach(async () => {
    repo = await GitFixture.create('staleness-shape');
    store = new JsonHistoryStore(path.join(repo.base, 'cache', 'history.json'));
    await repo.commit('add docs', '2025-01-01', {
      'docs/new-repo.md': '# New repo\n\nAdd it to [repos.yml](../data/repos.yml).\n',
      'docs/first-repo.md': '# First repo\n\nThe [first entry](../data/repos.yml#L1-L2).\n',
      'data/repos.yml': entry('a'),
    });
    await repo.commit('add repo b', '2025-02-01', { 'data/repos.yml': entry('a') + entry('b') });
  });
  afterEach(() => repo.remove());

  function engine(withStore: boolean): StalenessEngine {
    return new StalenessEngine(
      { git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env), ...(withStore ? { store } : {}) },
      { now: () => new Date('2025-06-01T00:00:00Z') },
    );
  }

  /** The shape comparison of each diff of `data/repos.yml` the engine holds (undefined: not compared). */
  function shapes(history: HistoryIndex): Array<string | undefined> {
    return Object.keys(history.toSnapshot().diffs).filter((key) => key.includes(':data/repos.yml')).map((key) => history.diffByKey(key)?.shape);
  }

  it('compares the shape for a plain link', async () => {
    const live = engine(false);
    const report = await live.report(await repo.docs(['docs/new-repo.md']));
    assert.deepEqual(report.docs.map((d) => [d.path, d.level]), [['docs/new-repo.md', 'fresh']]);
    assert.deepEqual(shapes(live.currentHistory!), ['same']);
  });

  it('does not parse the file for a line anchor, whose lines are followed instead', async () => {
    const live = engine(false);
    const report = await live.report(await repo.docs(['docs/first-repo.md']));
    assert.deepEqual(report.docs.map((d) => [d.path, d.level]), [['docs/first-repo.md', 'fresh']]);
    assert.deepEqual(shapes(live.currentHistory!), [undefined]);
  });

  it('compares the shape of a diff first computed for an anchor when a plain link needs it later', async () => {
    const live = engine(false);
    await live.report(await repo.docs(['docs/first-repo.md']));
    const report = await live.report(await repo.docs(['docs/first-repo.md', 'docs/new-repo.md']));
    assert.deepEqual(report.docs.map((d) => [d.path, d.level]), [['docs/first-repo.md', 'fresh'], ['docs/new-repo.md', 'fresh']]);
    assert.deepEqual(shapes(live.currentHistory!), ['same']);
  });

  it('gives the same verdict from the history cache file as without it (the shape is stored)', async () => {
    const docs = await repo.docs(['docs/new-repo.md']);
    const cold = await engine(true).report(docs);
    const cached = await engine(true).report(docs);
    assert.deepEqual([cold.history!.mode, cached.history!.mode], ['full', 'cache']);
    assert.deepEqual(cached.docs, cold.docs);
    assert.deepEqual(cached.docs.map((d) => [d.level, d.reasons.length]), [['fresh', 0]]);
  });
});
