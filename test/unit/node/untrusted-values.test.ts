import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');

/** Issue #21 items 3 and 7: globs and dates written in the repository cannot stall a run or silence it. */
describe('untrusted globs and review dates (real repositories)', () => {
  let repo: GitFixture;
  const gits: SimpleGitHistory[] = [];

  beforeEach(async () => {
    repo = await GitFixture.create('untrusted-values');
  });
  afterEach(async () => {
    for (const git of gits.splice(0)) git.dispose();
    await repo.remove();
  });

  async function report(paths: string[], now = NOW) {
    const git = new SimpleGitHistory(repo.dir, repo.env);
    gits.push(git);
    const engine = new StalenessEngine({ git, files: new GitWorkspaceFiles(repo.dir, repo.env) }, { now: () => now, mentions: false });
    return (await engine.report(await repo.docs(paths))).docs;
  }

  it('reports a watches glob over the wildcard bound as a finding, and matches one at the bound against long names', async function () {
    this.timeout(30_000);
    const long = 'a'.repeat(200);
    const doc = '---\nwatches:\n  - "*a*a*a*a*a*a*a*a*a*a*c"\n  - "*a*a*a*a*a*a*a*a*a*c"\n  - deploy/**\n---\n# Db\n';
    const files: Record<string, string> = { 'runbooks/db.md': doc, 'deploy/pool.yaml': 'size: 10\n' };
    for (let i = 0; i < 20; i++) files[`${long}${i}`] = `${i}\n`;
    await repo.commit('add runbook', '2025-01-01', files);
    await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n', [`${long}0`]: 'changed\n' });
    const [result] = await report(['runbooks/db.md']);
    assert.deepEqual(result!.reasons.map((r) => [r.ruleId, r.target, r.line]), [
      ['stale.linked-code-changed', 'deploy/**', 1],
      ['watches.unsafe-pattern', '*a*a*a*a*a*a*a*a*a*a*c', 1],
      ['watches.no-match', '*a*a*a*a*a*a*a*a*a*c', 1],
    ]);
    assert.equal(
      result!.reasons[1]!.message,
      '`watches: *a*a*a*a*a*a*a*a*a*a*c` was ignored: it has 11 wildcards, over the bound of 10. Split it into simpler patterns or name the folder.',
    );
  });

  it('ignores a review date in the future, reporting it, so the doc can still go stale', async () => {
    const doc = '---\nreviewed: 2099-12-31\n---\n# Db\n\nSee [pool](../deploy/pool.yaml).\n';
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': doc, 'deploy/pool.yaml': 'size: 10\n' });
    await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n' });
    const [result] = await report(['runbooks/db.md']);
    assert.equal(result!.level, 'stale');
    assert.equal(result!.referenceTime, '2025-01-01T12:00:00Z');
    assert.deepEqual(result!.reasons.map((r) => [r.ruleId, r.line, r.severity]), [
      ['review.future-date', 1, 'warning'],
      ['stale.linked-code-changed', 6, 'warning'],
    ]);
    assert.equal(result!.reasons[0]!.message, 'Review date `reviewed: 2099-12-31` is in the future, so it was ignored. Set it to the day of the review (today is 2025-06-01).');
  });

  it('takes tomorrow (UTC) as a review written today east of UTC, and the day after as the future', async () => {
    // 12:00 UTC on June 1 is already June 2 in UTC+14, not yet June 3 anywhere
    await repo.commit('add runbooks', '2025-01-01', {
      'runbooks/a.md': '---\nreviewed: 2025-06-02\n---\n# A\n\nSee [pool](../deploy/pool.yaml).\n',
      'runbooks/b.md': '---\nlast_reviewed: 2025-06-03\n---\n# B\n\nSee [pool](../deploy/pool.yaml).\n',
      'deploy/pool.yaml': 'size: 10\n',
    });
    await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n' });
    const docs = await report(['runbooks/a.md', 'runbooks/b.md'], new Date('2025-06-01T12:00:00Z'));
    assert.deepEqual(docs.map((d) => [d.path, d.level, d.reasons.map((r) => r.ruleId).sort()]), [
      ['runbooks/a.md', 'fresh', []],
      ['runbooks/b.md', 'stale', ['review.future-date', 'stale.linked-code-changed']],
    ]);
    assert.match(docs[1]!.reasons.find((r) => r.ruleId === 'review.future-date')!.message, /^Review date `last_reviewed: 2025-06-03` is in the future/);
  });
});
