import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');

/**
 * Detecting the docs sites reads and parses their config files (on grafana/loki about forty
 * `config.yaml` files, 180 ms a run): a kept engine's re-check reuses the sites found last time
 * while the files listed, the docs and every file read for them are the same.
 */
describe('staleness re-check reuses the detected docs sites (engine kept in memory)', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('staleness-site-reuse');
  });
  afterEach(() => repo.remove());

  /** An engine whose workspace files count the reads of each path. */
  function engine(): { engine: StalenessEngine; reads: (path: string) => number; reset: () => void } {
    const files = new GitWorkspaceFiles(repo.dir, repo.env);
    let reads = new Map<string, number>();
    const read = files.read.bind(files);
    files.read = (path, maxBytes) => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      return read(path, maxBytes);
    };
    const engine = new StalenessEngine({ git: new SimpleGitHistory(repo.dir, repo.env), files }, { now: () => NOW, mentions: false });
    return { engine, reads: (path) => reads.get(path) ?? 0, reset: () => (reads = new Map()) };
  }

  const DOC = 'content/en/docs/pool.md';
  /** Each doc's errors, by rule id. */
  const problems = (report: { docs: Array<{ path: string; reasons: Array<{ ruleId: string; severity: string }> }> }) => report.docs.map((d) => [d.path, d.reasons.filter((r) => r.severity === 'error').map((r) => r.ruleId)]);

  it('reads no site config after a commit that changed none, and reads it again after one that did, as a fresh engine does', async () => {
    await repo.commit('start', '2025-01-01', {
      'config.yaml': 'baseURL: https://example.org\ncontentDir: content/en\n',
      'static/_redirects': '/docs/old-pool /docs/pool/\n',
      [DOC]: '# Pool\n\n[old page](/docs/old-pool) and [settings](../../../deploy/pool.yaml)\n',
      'deploy/pool.yaml': 'size: 10\n',
    });
    const docs = await repo.docs([DOC]);
    const kept = engine();
    const first = await kept.engine.report(docs);
    assert.deepEqual(problems(first), [[DOC, []]]);
    assert.equal(kept.reads('config.yaml'), 1);
    assert.equal(kept.reads('static/_redirects'), 1);

    // A commit that changes no file the sites were read from: they are not read again.
    kept.reset();
    await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n' });
    const again = await kept.engine.report(docs);
    assert.equal(kept.reads('config.yaml'), 0);
    assert.equal(kept.reads('static/_redirects'), 0);
    assert.equal(again.docs[0]!.level, 'stale');
    assert.deepEqual(again.docs, (await engine().engine.report(docs)).docs);

    // The redirect goes: the sites are read again and the old URL is broken.
    kept.reset();
    await repo.commit('drop the redirect', '2025-03-01', { 'static/_redirects': '# none\n' });
    const dropped = await kept.engine.report(docs);
    assert.equal(kept.reads('static/_redirects'), 1);
    assert.deepEqual(problems(dropped), [[DOC, ['link.missing-target']]]);
    assert.deepEqual(dropped.docs, (await engine().engine.report(docs)).docs);

    // An uncommitted edit brings it back: seen as well.
    kept.reset();
    await repo.write({ 'static/_redirects': '/docs/old-pool /docs/pool/\n' });
    const edited = await kept.engine.report(docs);
    assert.equal(kept.reads('static/_redirects'), 1);
    assert.deepEqual(problems(edited), [[DOC, []]]);
    assert.deepEqual(edited.docs, (await engine().engine.report(docs)).docs);
  });
});
