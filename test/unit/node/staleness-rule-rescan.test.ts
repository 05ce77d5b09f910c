import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');

/** A rule file with one alert whose `runbook_url` points at `doc`. */
const rules = (alert: string, doc: string): string =>
  ['groups:', '- name: db', '  rules:', `  - alert: ${alert}`, '    annotations:', `      runbook_url: "https://github.com/acme/platform/blob/main/${doc}"`, ''].join('\n');

describe('staleness re-check after a rule file changed (engine kept in memory)', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('staleness-rescan');
    repo.git(['remote', 'add', 'origin', 'https://github.com/acme/platform.git']);
  });
  afterEach(() => repo.remove());

  /** An engine whose workspace files count the `git grep` searches for rule files. */
  function engine(): { engine: StalenessEngine; searches: () => number } {
    const files = new GitWorkspaceFiles(repo.dir, repo.env);
    let searches = 0;
    const search = files.filesContaining!.bind(files);
    files.filesContaining = (...args) => {
      searches++;
      return search(...args);
    };
    const engine = new StalenessEngine({ git: new SimpleGitHistory(repo.dir, repo.env), files }, { now: () => NOW, mentions: false });
    return { engine, searches: () => searches };
  }

  const couplings = (docs: Array<{ path: string; targets: Array<{ path: string; via: string; ruleLine?: number }> }>) =>
    docs.map((d) => [d.path, d.targets.filter((t) => t.via === 'alert-rule').map((t) => `${t.path}:${t.ruleLine}`)]);

  it('reads again only the rule files a new commit changed, and couples the docs as a fresh engine does', async () => {
    const DOCS = ['runbooks/db.md', 'runbooks/web.md', 'runbooks/cache.md'];
    await repo.commit('add runbooks and rules', '2025-01-01', {
      'runbooks/db.md': '# Db\n',
      'runbooks/web.md': '# Web\n',
      'runbooks/cache.md': '# Cache\n',
      'alerts/db.rules.yml': rules('DbDown', 'runbooks/db.md'),
      'alerts/web.rules.yml': rules('WebDown', 'runbooks/web.md'),
      'alerts/zz.rules.yml': `# extra\n${rules('DbSlow', 'runbooks/db.md')}`,
    });
    const docs = await repo.docs(DOCS);
    const kept = engine();
    const first = await kept.engine.report(docs);
    assert.deepEqual(couplings(first.docs), [['runbooks/db.md', ['alerts/db.rules.yml:6', 'alerts/zz.rules.yml:7']], ['runbooks/web.md', ['alerts/web.rules.yml:6']], ['runbooks/cache.md', []]]);
    assert.equal(kept.searches(), 1);

    // The web alert now points at the cache runbook; the db rule file gains a line above its annotation.
    await repo.commit('move web alert, comment db rules', '2025-02-01', {
      'alerts/web.rules.yml': rules('WebDown', 'runbooks/cache.md'),
      'alerts/db.rules.yml': `# owned by db\n${rules('DbDown', 'runbooks/db.md')}`,
    });
    const again = await kept.engine.report(docs);
    const fresh = await engine().engine.report(docs);
    assert.equal(kept.searches(), 1);
    assert.deepEqual(couplings(again.docs), [['runbooks/db.md', ['alerts/db.rules.yml:7', 'alerts/zz.rules.yml:7']], ['runbooks/web.md', []], ['runbooks/cache.md', ['alerts/web.rules.yml:6']]]);
    assert.deepEqual(again.docs, fresh.docs);
  });
});
