import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { DocStaleness } from '../../../src/core/staleness/model/report';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { WorkerTextDiffer } from '../../../src/node/worker-text-differ';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');

describe('staleness from git history (real repositories)', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('staleness');
  });
  afterEach(() => repo.remove());

  const differ = new WorkerTextDiffer();
  after(() => differ.dispose());

  // The history mechanics are tested with every real change counting (`mentions: false`); what
  // the doc says next to a link against what changed is tested in staleness-mentions.test.ts.
  function engine(options: ConstructorParameters<typeof StalenessEngine>[1] = {}, onThread = false): StalenessEngine {
    const deps = { git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env), ...(onThread ? { differ } : {}) };
    return new StalenessEngine(deps, { now: () => NOW, mentions: false, ...options });
  }

  /**
   * Every scenario runs twice: reading linked files ahead while the history streams, and diffing
   * on a worker thread, must not change a verdict.
   */
  async function report(paths: string[], options: ConstructorParameters<typeof StalenessEngine>[1] = {}): Promise<DocStaleness[]> {
    const docs = await repo.docs(paths);
    const plain = (await engine({ ...options, readAhead: false }).report(docs)).docs;
    const ahead = (await engine({ ...options, readAhead: true }, true).report(docs)).docs;
    assert.deepEqual(ahead, plain, 'the report with readAhead and the diff thread differs');
    return plain;
  }

  const RUNBOOK = '# Postgres down\n\nSee [pool](../deploy/db/pool.yaml) for the pool size.\n';

  it('marks a runbook stale when a linked file changed after it', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    const sha = await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': 'size: 20\nmax: 40\n' });
    const [doc] = await report(['runbooks/db.md']);
    assert.equal(doc!.level, 'stale');
    assert.equal(doc!.referenceTime, '2025-01-01T12:00:00Z');
    assert.deepEqual(doc!.reasons.map((r) => [r.ruleId, r.target, r.line, r.added, r.deleted]), [['stale.linked-code-changed', 'deploy/db/pool.yaml', 3, 2, 1]]);
    assert.deepEqual(doc!.reasons[0]!.commits, [{ sha, date: '2025-02-01T12:00:00Z', subject: 'raise pool size' }]);
    assert.equal(
      doc!.reasons[0]!.message,
      `Linked file \`deploy/db/pool.yaml\` changed in 1 commit (+2/\u22121 lines) since this runbook was last changed on 2025-01-01 — latest: ${sha.slice(0, 7)} "raise pool size". Check this runbook against the change, then update it or mark it reviewed.`,
    );
    assert.equal(doc!.score, 1.03);
  });

  it('says a linked file too large to diff changed, with both sizes, instead of "+0/−0 lines" (#21)', async () => {
    const RUNBOOK_DATA = '# Export\n\nSee [dump](../data/dump.txt) for the export.\n';
    const before = 'a'.repeat(47_990) + '\n'; // 48.0 kB
    const after = 'b'.repeat(50_090) + '\n'; // 50.1 kB: every line rewritten
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/export.md': RUNBOOK_DATA, 'data/dump.txt': before });
    const sha = await repo.commit('regenerate the dump', '2025-02-01', { 'data/dump.txt': after });
    const [doc] = await report(['runbooks/export.md'], { maxDiffBytes: 20_000 });
    assert.equal(doc!.level, 'stale');
    const [reason] = doc!.reasons;
    assert.deepEqual([reason!.ruleId, reason!.target, reason!.added, reason!.deleted, reason!.tooLarge], ['stale.linked-code-changed', 'data/dump.txt', 0, 0, { before: 47_991, after: 50_091 }]);
    assert.equal(
      reason!.message,
      `Linked file \`data/dump.txt\` changed in 1 commit (too large to diff: 48.0 kB → 50.1 kB) since this runbook was last changed on 2025-01-01 — latest: ${sha.slice(0, 7)} "regenerate the dump". Check this runbook against the change, then update it or mark it reviewed.`,
    );
    // Under the cap the same change is diffed line by line.
    const [diffed] = await report(['runbooks/export.md']);
    assert.deepEqual([diffed!.reasons[0]!.added, diffed!.reasons[0]!.deleted, diffed!.reasons[0]!.tooLarge], [1, 1, undefined]);
  });

  it('says a linked binary file changed "binary, not compared line by line" instead of "+0/−0 lines"', async () => {
    const RUNBOOK_IMAGE = '# Dashboard\n\nSee [the panel](../media/panel.bin) for the panel.\n';
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/dash.md': RUNBOOK_IMAGE, 'media/panel.bin': 'PNG\u0000\u0001old\n' });
    const sha = await repo.commit('new panel', '2025-02-01', { 'media/panel.bin': 'PNG\u0000\u0002new\n' });
    const [doc] = await report(['runbooks/dash.md']);
    assert.equal(doc!.level, 'stale');
    assert.equal(
      doc!.reasons[0]!.message,
      `Linked file \`media/panel.bin\` changed in 1 commit (binary, not compared line by line) since this runbook was last changed on 2025-01-01 — latest: ${sha.slice(0, 7)} "new panel". Check this runbook against the change, then update it or mark it reviewed.`,
    );
  });

  it('says a linked file whose old content git cannot read (object missing from the clone) changed, never "+0/−0 lines"', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    const sha = await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': 'size: 20\nmax: 40\n' });
    const old = repo.git(['rev-parse', `${sha}~1:deploy/db/pool.yaml`]).trim();
    await fs.rm(path.join(repo.dir, '.git', 'objects', old.slice(0, 2), old.slice(2)));
    const [doc] = await report(['runbooks/db.md']);
    assert.equal(doc!.level, 'stale');
    assert.equal(
      doc!.reasons[0]!.message,
      `Linked file \`deploy/db/pool.yaml\` changed in 1 commit (content not readable from git: a submodule, or an object missing from this clone) since this runbook was last changed on 2025-01-01 — latest: ${sha.slice(0, 7)} "raise pool size". Check this runbook against the change, then update it or mark it reviewed.`,
    );
  });

  it('keeps a runbook fresh when it changed together with its linked file', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': 'size: 20\n', 'runbooks/db.md': `${RUNBOOK}\nThe pool holds 20.\n` });
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, doc!.score, doc!.reasons, doc!.referenceTime], ['fresh', 0, [], '2025-02-01T12:00:00Z']);
  });

  it('ignores a bulk commit that touches more files than the threshold', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    const bulk: Record<string, string> = { 'deploy/db/pool.yaml': 'size:   11 # formatted\n' };
    for (let i = 0; i < 60; i++) bulk[`src/file${i}.txt`] = `${i}\n`;
    await repo.commit('reformat everything', '2025-02-01', bulk);
    assert.equal((await report(['runbooks/db.md']))[0]!.level, 'fresh');
    assert.equal((await report(['runbooks/db.md'], { bulkCommitFiles: 100 }))[0]!.level, 'stale');
  });

  it('ignores a change of the linked file that only touches whitespace', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'pool:\n  size: 10\n' });
    await repo.commit('re-indent', '2025-02-01', { 'deploy/db/pool.yaml': 'pool:\n    size:    10\n' });
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, doc!.reasons], ['fresh', []]);
  });

  it('does not count a whitespace-only edit of the doc as its last change', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': 'size: 20\n' });
    await repo.commit('trailing spaces', '2025-03-01', { 'runbooks/db.md': RUNBOOK.replace('pool size.', 'pool size.   ') });
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, doc!.referenceTime], ['stale', '2025-01-01T12:00:00Z']);
  });

  it('ignores commits listed in .git-blame-ignore-revs', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    const sha = await repo.commit('switch to tabs', '2025-02-01', { 'deploy/db/pool.yaml': 'size: "10"\n' });
    await repo.commit('ignore formatting commit', '2025-02-02', { '.git-blame-ignore-revs': `# formatting\n${sha}\n` });
    assert.equal((await report(['runbooks/db.md']))[0]!.level, 'fresh');
    assert.equal((await report(['runbooks/db.md'], { useBlameIgnoreRevs: false }))[0]!.level, 'stale');
  });

  it('resets the reference time with a review attestation made after the linked change', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': 'size: 20\n' });
    // A review stamp on many docs at once is a bulk commit: not a content change, but the date counts.
    const stamp: Record<string, string> = { 'runbooks/db.md': `---\nreviewed: 2025-03-10\n---\n${RUNBOOK}` };
    for (let i = 0; i < 60; i++) stamp[`runbooks/other${i}.md`] = `# Other ${i}\n`;
    await repo.commit('quarterly review', '2025-03-10', stamp);
    let [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, doc!.referenceTime, doc!.referenceSource], ['fresh', '2025-03-10T23:59:59Z', 'review']);
    await repo.commit('lower pool size', '2025-04-01', { 'deploy/db/pool.yaml': 'size: 15\n' });
    [doc] = await report(['runbooks/db.md']);
    assert.equal(doc!.level, 'stale');
    assert.match(doc!.reasons[0]!.message, /since this runbook was last reviewed on 2025-03-10 — latest: [0-9a-f]{7} "lower pool size"/);
  });

  it('never marks a link pinned to a commit stale, and still checks that its target exists there', async () => {
    const first = await repo.commit('add pool', '2025-01-01', { 'deploy/db/pool.yaml': 'size: 10\n' });
    repo.git(['remote', 'add', 'origin', 'git@github.com:Acme/Platform.git']);
    const doc = [
      '# Postgres down',
      '',
      `Pinned: [pool](https://github.com/acme/platform/blob/${first}/deploy/db/pool.yaml#L1)`,
      `Gone: [old](https://github.com/acme/platform/blob/${first.slice(0, 10)}/deploy/db/old.yaml)`,
      'Live: [live](https://github.com/acme/platform/blob/main/deploy/db/pool.yaml)',
      '',
    ].join('\n');
    await repo.commit('add runbook', '2025-01-02', { 'runbooks/db.md': doc });
    await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': 'size: 20\n' });
    const [result] = await report(['runbooks/db.md']);
    assert.deepEqual(
      result!.reasons.map((r) => [r.ruleId, r.line, r.target]),
      [
        ['link.missing-target', 4, 'deploy/db/old.yaml'],
        ['stale.linked-code-changed', 5, 'deploy/db/pool.yaml'],
      ],
    );
    assert.deepEqual(result!.targets.filter((t) => t.pinned).map((t) => [t.path, t.pinned!.kind, t.lines]), [
      ['deploy/db/pool.yaml', 'commit', { start: 1, end: 1 }],
      ['deploy/db/old.yaml', 'commit', undefined],
    ]);
    assert.equal(result!.level, 'broken');
  });

  it('judges a link to another branch on that branch, never against the checked-out one; says nothing of a branch the clone lacks', async () => {
    await repo.commit('add pool', '2025-01-01', { 'deploy/db/pool.yaml': 'size: 10\nmax: 5\n', 'deploy/db/new.yaml': 'x: 1\n' });
    repo.git(['remote', 'add', 'origin', 'git@github.com:Acme/Platform.git']);
    // The release branch exists as a remote-tracking branch only (a fresh clone), without new.yaml.
    repo.git(['rm', '-q', 'deploy/db/new.yaml']);
    repo.git(['commit', '-q', '-m', 'release branch'], { date: '2025-01-01' });
    repo.git(['update-ref', 'refs/remotes/origin/release-1.0', 'HEAD']);
    repo.git(['reset', '-q', '--hard', 'HEAD~1']);
    const doc = [
      '# Postgres down',
      '',
      'Release: [pool](https://github.com/acme/platform/blob/release-1.0/deploy/db/pool.yaml#L1-L2)',
      'Not there: [new](https://github.com/acme/platform/blob/release-1.0/deploy/db/new.yaml)',
      'Elsewhere: [fork](https://github.com/acme/platform/blob/someone-elses-branch/deploy/db/pool.yaml)',
      'Old default: [pool](https://github.com/acme/platform/blob/master/deploy/db/new.yaml)',
      'Live: [live](https://github.com/acme/platform/blob/main/deploy/db/pool.yaml#L1-L2)',
      '',
    ].join('\n');
    await repo.commit('add runbook', '2025-01-02', { 'runbooks/db.md': doc });
    await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': 'size: 20\nmax: 8\n', 'deploy/db/new.yaml': 'x: 2\n' });
    const [result] = await report(['runbooks/db.md']);
    assert.deepEqual(
      result!.reasons.map((r) => [r.ruleId, r.line, r.target]),
      [
        ['link.missing-target', 4, 'deploy/db/new.yaml'],
        ['stale.linked-code-changed', 6, 'deploy/db/new.yaml'],
        ['stale.anchored-range-changed', 7, 'deploy/db/pool.yaml'],
      ],
    );
    assert.match(result!.reasons[0]!.message, /does not exist on branch release-1\.0, which this link names/);
    assert.deepEqual(result!.targets.filter((t) => t.pinned).map((t) => [t.path, t.pinned!.kind, t.pinned!.ref]), [
      ['deploy/db/pool.yaml', 'branch', 'release-1.0'],
      ['deploy/db/new.yaml', 'branch', 'release-1.0'],
    ]);
  });

  it('suggests the new path for a link whose target was renamed', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '# Failover\n\nRun [failover](../scripts/failover.sh).\n', 'scripts/failover.sh': 'echo failover\n' });
    const sha = await repo.move('scripts/failover.sh', 'ops/failover.sh', 'move scripts', '2025-02-01');
    const [doc] = await report(['runbooks/db.md']);
    assert.equal(doc!.level, 'broken');
    assert.deepEqual(doc!.reasons.map((r) => [r.ruleId, r.severity, r.line, r.suggestion?.path, r.suggestion?.commit?.sha]), [['link.renamed-target', 'error', 3, 'ops/failover.sh', sha]]);
    assert.equal(
      doc!.reasons[0]!.message,
      `Link target \`scripts/failover.sh\` does not exist: it was renamed to \`ops/failover.sh\` in ${sha.slice(0, 7)} "move scripts". Update the link to \`ops/failover.sh\`.`,
    );
  });

  it('follows a chain of renames to where the file lives now', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '[x](../a/x.sh)\n', 'a/x.sh': 'echo x\n' });
    await repo.move('a/x.sh', 'b/x.sh', 'first move', '2025-02-01');
    const last = await repo.move('b/x.sh', 'c/y.sh', 'second move', '2025-03-01');
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual(doc!.reasons.map((r) => [r.ruleId, r.suggestion?.path, r.suggestion?.commit?.sha]), [['link.renamed-target', 'c/y.sh', last]]);
  });

  it('reports a link to a deleted file as broken, naming the commit that deleted it', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '# Failover\n\nRun [failover](../scripts/failover.sh).\n', 'scripts/failover.sh': 'echo failover\n' });
    const sha = await repo.commit('drop failover script', '2025-02-01', { 'scripts/failover.sh': null });
    const [doc] = await report(['runbooks/db.md']);
    assert.equal(doc!.level, 'broken');
    assert.deepEqual(doc!.reasons.map((r) => [r.ruleId, r.commits.map((c) => c.sha)]), [['link.missing-target', [sha]]]);
    assert.match(doc!.reasons[0]!.message, /^Link target `scripts\/failover.sh` does not exist \(deleted in [0-9a-f]{7} "drop failover script"\)\. Fix or remove the link\.$/);
    assert.equal(doc!.score, 5);
  });

  it('follows a line anchor as lines are added above it, and flags it when its own lines change', async () => {
    const alerts = ['groups:', '- name: db', '  rules:', '  - alert: PostgresDown', '    expr: up == 0', '    for: 5m', ''].join('\n');
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '# Down\n\nRule: [alert](../deploy/alerts.yml#L4-L6)\n', 'deploy/alerts.yml': alerts });
    await repo.commit('add header', '2025-02-01', { 'deploy/alerts.yml': `# owned by db\n# paged\n${alerts}` });
    let [doc] = await report(['runbooks/db.md']);
    assert.equal(doc!.level, 'fresh');
    assert.deepEqual(doc!.reasons.map((r) => [r.ruleId, r.severity, r.suggestion?.lines]), [['link.anchor-drifted', 'info', { start: 6, end: 8 }]]);
    assert.match(doc!.reasons[0]!.message, /^Lines 4–6 of `deploy\/alerts.yml` \(#L4-L6\) moved to lines 6–8: .*Update the link to #L6-L8\.$/);

    await repo.commit('page sooner', '2025-03-01', { 'deploy/alerts.yml': `# owned by db\n# paged\n${alerts.replace('for: 5m', 'for: 1m')}` });
    [doc] = await report(['runbooks/db.md']);
    assert.equal(doc!.level, 'stale');
    // The lines are compared as they were when the doc was written and as they are now; the commits are those to the file since.
    assert.deepEqual(doc!.reasons.map((r) => [r.ruleId, r.commits.map((c) => c.subject), r.suggestion?.lines]), [['stale.anchored-range-changed', ['page sooner', 'add header'], { start: 6, end: 8 }]]);
    assert.match(doc!.reasons[0]!.message, /^Lines 4–6 of `deploy\/alerts.yml` \(#L4-L6\) changed since .* \(2 commits changed the file since — latest: [0-9a-f]{7} "page sooner"\)\. They are now around lines 6–8\./);
    assert.equal(doc!.score, 2);
  });

  it('ignores changes of the anchored file outside the linked range', async () => {
    const text = Array.from({ length: 20 }, (_, i) => `k${i + 1}: v\n`).join('');
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '[cfg](../cfg.yaml#L2-L3)\n', 'cfg.yaml': text });
    await repo.commit('tweak the end', '2025-02-01', { 'cfg.yaml': text.replace('k19: v', 'k19: w') });
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, doc!.reasons], ['fresh', []]);
  });

  it('says "unknown" in a shallow clone, never "fresh"', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': 'size: 20\n' });
    const clone = `${repo.base}/clone`;
    repo.git(['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone], { cwd: repo.base });
    const shallow = new StalenessEngine({ git: new SimpleGitHistory(clone, repo.env), files: new GitWorkspaceFiles(clone, repo.env) }, { now: () => NOW });
    const result = await shallow.report(await repo.docs(['runbooks/db.md'], clone));
    assert.deepEqual(result.repo, { kind: 'git', head: repo.git(['rev-parse', 'HEAD']).trim(), shallow: true });
    assert.deepEqual(result.docs.map((d) => [d.level, d.reasons.map((r) => r.ruleId)]), [['unknown', ['staleness.unknown']]]);
    assert.match(result.docs[0]!.reasons[0]!.message, /^Staleness unknown: this is a shallow clone/);
  });

  it('says "unknown" outside a git repository, and still reports broken links', async () => {
    const plain = await GitFixture.create('plain', { init: false });
    try {
      await plain.write({ 'runbooks/db.md': '# Db\n\n[pool](../deploy/pool.yaml) and [gone](../deploy/gone.yaml)\n', 'deploy/pool.yaml': 'size: 1\n' });
      const outside = new StalenessEngine({ git: new SimpleGitHistory(plain.dir, plain.env), files: new GitWorkspaceFiles(plain.dir, plain.env) }, { now: () => NOW });
      const result = await outside.report(await plain.docs(['runbooks/db.md']));
      assert.equal(result.repo.kind, 'none');
      assert.deepEqual(result.docs.map((d) => [d.level, d.reasons.map((r) => r.ruleId)]), [['broken', ['link.missing-target', 'staleness.unknown']]]);
      assert.match(result.docs[0]!.reasons[1]!.message, /not in a git repository/);
    } finally {
      await plain.remove();
    }
  });

  it('uses first-parent history: a side branch counts when it is merged, at the merge', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    repo.git(['checkout', '-q', '-b', 'feature']);
    await repo.commit('side: pool', '2025-01-05', { 'deploy/db/pool.yaml': 'size: 30\n' });
    await repo.commit('side: more', '2025-01-06', { 'deploy/db/other.yaml': 'x: 1\n' });
    repo.git(['checkout', '-q', 'main']);
    await repo.commit('main: unrelated', '2025-01-10', { 'README.md': '# readme\n' });
    let [doc] = await report(['runbooks/db.md']);
    assert.equal(doc!.level, 'fresh');
    repo.git(['merge', '-q', '--no-ff', 'feature', '-m', 'Merge feature'], { date: '2025-02-01' });
    [doc] = await report(['runbooks/db.md']);
    assert.equal(doc!.level, 'stale');
    // Counted at the merge; named by the branch commit that changed the file (#22).
    assert.deepEqual(doc!.reasons[0]!.commits.map((c) => [c.subject, c.date, c.mergedBy?.subject, c.mergedBy?.date]), [['side: pool', '2025-01-05T12:00:00Z', 'Merge feature', '2025-02-01T12:00:00Z']]);
  });

  it('counts a doc updated on a side branch together with its target as fresh after the merge', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    repo.git(['checkout', '-q', '-b', 'feature']);
    await repo.commit('side: pool', '2025-01-05', { 'deploy/db/pool.yaml': 'size: 30\n' });
    await repo.commit('side: doc', '2025-01-06', { 'runbooks/db.md': `${RUNBOOK}\nNow 30.\n` });
    repo.git(['checkout', '-q', 'main']);
    repo.git(['merge', '-q', '--no-ff', 'feature', '-m', 'Merge feature'], { date: '2025-02-01' });
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, doc!.referenceTime], ['fresh', '2025-02-01T12:00:00Z']);
  });

  it('handles paths with spaces and non-ASCII characters', async () => {
    const doc = '# Pool\n\n[pool](<../deploy/db/pool config é.yaml>) and [encoded](../deploy/db/pool%20config%20%C3%A9.yaml)\n';
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/über db.md': doc, 'deploy/db/pool config é.yaml': 'size: 10\n' });
    await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool config é.yaml': 'size: 20\n' });
    const [result] = await report(['runbooks/über db.md']);
    assert.equal(result!.level, 'stale');
    assert.deepEqual(result!.reasons.map((r) => [r.ruleId, r.target, r.added, r.deleted]), [['stale.linked-code-changed', 'deploy/db/pool config é.yaml', 1, 1]]);
    assert.deepEqual(result!.targets[0]!.occurrences.length, 2);
  });

  it('counts uncommitted changes of a linked file, but not when the doc is being edited too', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    await repo.write({ 'deploy/db/pool.yaml': 'size: 25\n' });
    let [doc] = await report(['runbooks/db.md']);
    assert.equal(doc!.level, 'stale');
    assert.match(doc!.reasons[0]!.message, /^Linked file `deploy\/db\/pool.yaml` has uncommitted changes \(\+1\/\u22121 lines\) since this runbook was last changed on 2025-01-01\./);
    await repo.write({ 'runbooks/db.md': `${RUNBOOK}\nNow 25.\n` });
    [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, doc!.referenceSource], ['fresh', 'working-tree']);
  });

  it('says "unknown" for a doc that is not committed yet', async () => {
    await repo.commit('add pool', '2025-01-01', { 'deploy/db/pool.yaml': 'size: 10\n' });
    await repo.write({ 'runbooks/db.md': RUNBOOK });
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, doc!.reasons.map((r) => r.ruleId)], ['unknown', ['staleness.unknown']]);
    assert.match(doc!.reasons[0]!.message, /not committed yet/);
  });

  it('follows a renamed doc back to its last content change', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': 'size: 20\n' });
    await repo.move('runbooks/db.md', 'runbooks/postgres.md', 'rename runbook', '2025-03-01');
    const [doc] = await report(['runbooks/postgres.md']);
    assert.deepEqual([doc!.level, doc!.referenceTime], ['stale', '2025-01-01T12:00:00Z']);
  });

  it('compares a linked file moved together with the doc by content: the link did not change and still resolves', async () => {
    // kubernetes-sigs/jobset b92cbdc moved examples/client-go/ (README and main.go) to site/static/examples/.
    const main = (holder: string, call = 'create') => `// Copyright ${holder}.\n\npackage main\n\nfunc main() { ${call}() }\n`;
    await repo.commit('add example', '2024-06-18', { 'examples/client-go/README.md': '# Client example\n\nThe [program](main.go) calls `create` to make a JobSet.\n', 'examples/client-go/main.go': main('2023') });
    await repo.move('examples', 'site/static/examples', 'use a symbolic link instead of the directory', '2024-09-27');
    const [moved] = await report(['site/static/examples/client-go/README.md']);
    assert.deepEqual([moved!.level, moved!.reasons.map((r) => [r.ruleId, r.target])], ['fresh', []]);
    await repo.commit('standardize copyright headers', '2025-01-10', { 'site/static/examples/client-go/main.go': main('The Kubernetes Authors') });
    const [header] = await report(['site/static/examples/client-go/README.md']);
    assert.deepEqual([header!.level, header!.reasons.map((r) => [r.ruleId, r.target])], ['fresh', [['stale.minor-change', 'site/static/examples/client-go/main.go']]]);
    await repo.commit('apply instead', '2025-02-10', { 'site/static/examples/client-go/main.go': main('The Kubernetes Authors', 'apply') });
    const [changed] = await report(['site/static/examples/client-go/README.md']);
    assert.equal(changed!.level, 'stale');
  });

  it('watches folders and globs from front matter, and reports a pattern that matches nothing', async () => {
    const doc = '---\nwatches:\n  - deploy/db/**/*.yaml\n  - charts/pg\n  - nothing/**\n---\n# Db\n';
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': doc, 'deploy/db/a.yaml': 'a: 1\n', 'deploy/db/x/b.yaml': 'b: 1\n', 'charts/pg/values.yaml': 'v: 1\n' });
    await repo.commit('change b', '2025-02-01', { 'deploy/db/x/b.yaml': 'b: 2\n', 'deploy/db/x/c.txt': 'not yaml\n' });
    await repo.commit('add chart file', '2025-02-02', { 'charts/pg/templates/pg.yaml': 'kind: x\n' });
    const [result] = await report(['runbooks/db.md']);
    assert.equal(result!.level, 'stale');
    assert.deepEqual(result!.reasons.map((r) => [r.ruleId, r.target, r.commits.length, r.line]), [
      ['stale.linked-code-changed', 'deploy/db/**/*.yaml', 1, 1],
      ['stale.linked-code-changed', 'charts/pg', 1, 1],
      ['watches.no-match', 'nothing/**', 0, 1],
    ]);
    assert.match(result!.reasons[0]!.message, /^Watched files `deploy\/db\/\*\*\/\*.yaml` changed \(1 file\) in 1 commit/);
  });

  it('counts inline code spans that name existing files in runbooks', async () => {
    const doc = '# Db\n\nEdit `deploy/db/pool.yaml` and run `kubectl rollout restart`, see `missing/file.txt`.\n';
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': doc, 'deploy/db/pool.yaml': 'size: 10\n' });
    await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': 'size: 20\n' });
    const [result] = await report(['runbooks/db.md']);
    assert.deepEqual(result!.reasons.map((r) => [r.ruleId, r.target, r.line]), [['stale.linked-code-changed', 'deploy/db/pool.yaml', 3]]);
    assert.equal(result!.targets[0]!.via, 'code-span');
    assert.equal((await report(['runbooks/db.md'], { codeSpans: 'off' }))[0]!.level, 'fresh');
  });

  it('couples alert rule files whose runbook_url points at a doc', async () => {
    const rules = [
      'groups:',
      '- name: db',
      '  rules:',
      '  - alert: PostgresDown',
      '    annotations:',
      '      runbook_url: "https://github.com/acme/platform/blob/main/runbooks/db.md"',
      '  - alert: Templated',
      '    annotations:',
      '      runbook_url: https://runbooks.example/{{ $labels.alertname }}',
      '',
    ].join('\n');
    repo.git(['remote', 'add', 'origin', 'https://github.com/acme/platform.git']);
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '# Postgres down\n', 'alerts/db.rules.yml': rules });
    await repo.commit('tune alert', '2025-02-01', { 'alerts/db.rules.yml': rules.replace('PostgresDown', 'PostgresIsDown') });
    const [result] = await report(['runbooks/db.md']);
    assert.deepEqual(result!.targets.map((t) => [t.path, t.via, t.ruleLine]), [['alerts/db.rules.yml', 'alert-rule', 6]]);
    assert.deepEqual(result!.reasons.map((r) => [r.ruleId, r.target]), [['stale.linked-code-changed', 'alerts/db.rules.yml']]);
    assert.match(result!.reasons[0]!.message, /^Alert rule file `alerts\/db.rules.yml` \(its `runbook_url` points here\) changed/);
  });

  it('reports a link above the root as outside the repository, without reading it', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '# Db\n\n[up](../../../etc/passwd)\n' });
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual(doc!.reasons.map((r) => [r.ruleId, r.severity, r.line]), [['link.outside-repo', 'warning', 3]]);
    assert.equal(doc!.level, 'fresh');
  });

  it('flags an overdue review separately from the level', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': `---\nowner: team-db\nreview_interval: 90d\n---\n${RUNBOOK}`, 'deploy/db/pool.yaml': 'size: 10\n' });
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, doc!.reviewDue, doc!.score], ['fresh', true, 0.5]);
    assert.deepEqual(doc!.reasons.map((r) => [r.ruleId, r.line]), [['review.overdue', 1]]);
    assert.equal(
      doc!.reasons[0]!.message,
      'Review overdue since 2025-04-01 (review every 90d; last changed or reviewed 2025-01-01). Owner: team-db. Review this runbook, then set `reviewed: 2025-06-01` in its front matter.',
    );
  });

  it('root below the repository top level: paths are relative to the root, the history still read', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'ops/runbooks/db.md': RUNBOOK, 'ops/deploy/db/pool.yaml': 'size: 10\n', 'other/x.txt': 'x\n' });
    await repo.commit('raise pool size', '2025-02-01', { 'ops/deploy/db/pool.yaml': 'size: 20\n', 'other/x.txt': 'y\n' });
    const root = `${repo.dir}/ops`;
    const sub = new StalenessEngine({ git: new SimpleGitHistory(root, repo.env), files: new GitWorkspaceFiles(root, repo.env) }, { now: () => NOW, mentions: false });
    const result = await sub.report(await repo.docs(['runbooks/db.md'], root));
    assert.deepEqual(result.docs.map((d) => [d.path, d.level, d.reasons.map((r) => r.target)]), [['runbooks/db.md', 'stale', ['deploy/db/pool.yaml']]]);
  });
});
