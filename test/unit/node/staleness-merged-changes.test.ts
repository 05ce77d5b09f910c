import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { DocStaleness } from '../../../src/core/staleness/model/report';
import type { HistoryStore } from '../../../src/core/staleness/ports';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');
const RUNBOOK = '# Postgres down\n\nSee [pool](../deploy/db/pool.yaml) for the pool size.\n';
const CHECK = 'Check this runbook against the change, then update it or mark it reviewed.';

/**
 * The history walks the first parent, so a change that came in through a merge is dated by the
 * merge; what a reader wants named is the commit on the merged branch that changed the file.
 */
describe('staleness names the commit behind a merge', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('merged-changes');
  });
  afterEach(() => repo.remove());

  async function report(paths: string[], store?: HistoryStore): Promise<DocStaleness[]> {
    const engine = new StalenessEngine({ git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env), ...(store ? { store } : {}) }, { now: () => NOW, mentions: false });
    return (await engine.report(await repo.docs(paths))).docs;
  }

  /** A history store in memory that keeps what a JSON file would. */
  function memoryStore(): HistoryStore & { saved: unknown } {
    const store = { saved: undefined as unknown, load: async () => store.saved, save: async (snapshot: unknown) => void (store.saved = JSON.parse(JSON.stringify(snapshot))) };
    return store;
  }

  /** A report by a new engine over `store`, with how many merges it asked git about. */
  async function reportCountingMergeAsks(paths: string[], store: HistoryStore): Promise<{ docs: DocStaleness[]; asked: number }> {
    const git = new SimpleGitHistory(repo.dir, repo.env);
    let asked = 0;
    const mergedChanges = git.mergedChanges.bind(git);
    git.mergedChanges = (asks, signal) => {
      asked += asks.length;
      return mergedChanges(asks, signal);
    };
    const engine = new StalenessEngine({ git, files: new GitWorkspaceFiles(repo.dir, repo.env), store }, { now: () => NOW, mentions: false });
    return { docs: (await engine.report(await repo.docs(paths))).docs, asked };
  }

  /** Branches `feature` off main, runs `onBranch` there, adds an unrelated commit on main and merges with `--no-ff`. Returns the merge's SHA. */
  async function mergeBranch(onBranch: () => Promise<unknown>, subject = 'Merge pull request #187 from acme/pool-size'): Promise<string> {
    repo.git(['checkout', '-q', '-b', 'feature']);
    await onBranch();
    repo.git(['checkout', '-q', 'main']);
    await repo.commit('main: unrelated', '2025-01-10', { 'README.md': '# readme\n' });
    repo.git(['merge', '-q', '--no-ff', 'feature', '-m', subject], { date: '2025-02-01' });
    return repo.git(['rev-parse', 'HEAD']).trim();
  }

  it('names the commit on the merged branch that last changed the linked file, via the merge', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    let first = '';
    let side = '';
    const merge = await mergeBranch(async () => {
      first = await repo.commit('set pool size 20', '2025-01-04', { 'deploy/db/pool.yaml': 'size: 20\n' });
      side = await repo.commit('raise pool size', '2025-01-05', { 'deploy/db/pool.yaml': 'size: 30\n' });
      await repo.commit('side: other file', '2025-01-06', { 'deploy/db/other.yaml': 'x: 1\n' });
    });
    assert.notEqual(first, side);
    const [doc] = await report(['runbooks/db.md']);
    // The verdict is that of the first-parent history: one commit (the merge), +1/−1 lines.
    assert.deepEqual([doc!.level, doc!.score], ['stale', 1.02]);
    assert.deepEqual(doc!.reasons[0]!.commits, [
      { sha: side, date: '2025-01-05T12:00:00Z', subject: 'raise pool size', mergedBy: { sha: merge, date: '2025-02-01T12:00:00Z', subject: 'Merge pull request #187 from acme/pool-size' } },
    ]);
    assert.equal(
      doc!.reasons[0]!.message,
      `Linked file \`deploy/db/pool.yaml\` changed in 1 commit (+1/\u22121 lines) since this runbook was last changed on 2025-01-01 — latest: ${side.slice(0, 7)} "raise pool size" (2025-01-05, via ${merge.slice(0, 7)} "Merge pull request #187"). ${CHECK}`,
    );
  });

  it('names the branch commit for a changed line range, and keeps the older first-parent commits as they are', async () => {
    const alerts = ['groups:', '- name: db', '  rules:', '  - alert: PostgresDown', '    expr: up == 0', '    for: 5m', ''].join('\n');
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '# Down\n\nRule: [alert](../deploy/alerts.yml#L4-L6)\n', 'deploy/alerts.yml': alerts });
    const header = await repo.commit('add header', '2025-01-02', { 'deploy/alerts.yml': `# owned by db\n${alerts}` });
    let side = '';
    const merge = await mergeBranch(async () => {
      side = await repo.commit('page sooner', '2025-01-05', { 'deploy/alerts.yml': `# owned by db\n${alerts.replace('for: 5m', 'for: 1m')}` });
    }, 'Merge branch feature');
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, doc!.score], ['stale', 2]);
    assert.deepEqual(
      doc!.reasons[0]!.commits.map((c) => [c.sha, c.subject, c.mergedBy?.sha]),
      [
        [side, 'page sooner', merge],
        [header, 'add header', undefined],
      ],
    );
    assert.equal(
      doc!.reasons[0]!.message,
      `Lines 4–6 of \`deploy/alerts.yml\` (#L4-L6) changed since this runbook was last changed on 2025-01-01 (2 commits changed the file since — latest: ${side.slice(0, 7)} "page sooner" (2025-01-05, via ${merge.slice(0, 7)} "Merge branch feature")). They are now around lines 5–7. Check that this runbook still matches them, then update it (and the link) or mark it reviewed.`,
    );
  });

  it('names the branch commit that changed a file in a watched folder', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '---\nwatches: deploy/db/\n---\n# Db\n', 'deploy/db/pool.yaml': 'size: 10\n', 'deploy/db/setup.sh': 'psql -c "create role a"\n' });
    let side = '';
    const merge = await mergeBranch(async () => {
      side = await repo.commit('rename admin', '2025-01-05', { 'deploy/db/setup.sh': 'psql -c "create role b"\n' });
      await repo.commit('side: docs only', '2025-01-06', { 'deploy/db/README.md': '# db\n' });
    });
    const [doc] = await report(['runbooks/db.md']);
    assert.equal(doc!.level, 'stale');
    assert.deepEqual(doc!.reasons[0]!.commits.map((c) => [c.sha, c.mergedBy?.sha]), [[side, merge]]);
    assert.match(doc!.reasons[0]!.message, / — latest: [0-9a-f]{7} "rename admin" \(2025-01-05, via [0-9a-f]{7} "Merge pull request #187"\)\./);
  });

  it('keeps naming the merge when the change was made while merging (no commit on the branch changed the file)', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    repo.git(['checkout', '-q', '-b', 'feature']);
    await repo.commit('side: other file', '2025-01-05', { 'deploy/db/other.yaml': 'x: 1\n' });
    repo.git(['checkout', '-q', 'main']);
    repo.git(['merge', '-q', '--no-ff', '--no-commit', 'feature']);
    await repo.write({ 'deploy/db/pool.yaml': 'size: 40\n' });
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'Merge feature, resize the pool'], { date: '2025-02-01' });
    const merge = repo.git(['rev-parse', 'HEAD']).trim();
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual(doc!.reasons[0]!.commits, [{ sha: merge, date: '2025-02-01T12:00:00Z', subject: 'Merge feature, resize the pool' }]);
    assert.match(doc!.reasons[0]!.message, new RegExp(` — latest: ${merge.slice(0, 7)} "Merge feature, resize the pool"\\. `));
  });

  it('knows which commits are merges from the history cache too', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    let side = '';
    await mergeBranch(async () => {
      side = await repo.commit('raise pool size', '2025-01-05', { 'deploy/db/pool.yaml': 'size: 30\n' });
    });
    const store = memoryStore();
    const cold = await report(['runbooks/db.md'], store);
    assert.ok(store.saved, 'the first run saved the history');
    const cached = await report(['runbooks/db.md'], store);
    assert.deepEqual(cached, cold);
    assert.equal(cached[0]!.reasons[0]!.commits[0]!.sha, side);
  });

  it('keeps the commits behind merges in the history cache: a new engine asks git for none it knew, and gives the same report (#10)', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': 'size: 10\n' });
    let side = '';
    await mergeBranch(async () => {
      side = await repo.commit('raise pool size', '2025-01-05', { 'deploy/db/pool.yaml': 'size: 30\n' });
    });
    const store = memoryStore();
    const cold = await report(['runbooks/db.md'], store);
    const { docs: cached, asked } = await reportCountingMergeAsks(['runbooks/db.md'], store);
    assert.deepEqual(cached, cold);
    assert.equal(cached[0]!.reasons[0]!.commits[0]!.sha, side);
    assert.equal(asked, 0, 'the merged side came from the cache');
  });

  it('guesses at merges before the diffs on a cold run only: a run from the cache asks git about no merge no reason names (#10)', async () => {
    // 17 docs, each linking a file a merge changed after it in whitespace only: no reason names
    // those merges, but each is the file's newest change, so a cold run guesses at the first 16.
    const files: Record<string, string> = {};
    for (let i = 0; i < 17; i++) Object.assign(files, { [`runbooks/d${i}.md`]: `# D${i}\n\n[conf](../conf/c${i}.yaml)\n`, [`conf/c${i}.yaml`]: `size: ${i}\n` });
    await repo.commit('add runbooks', '2025-01-01', files);
    for (let i = 0; i < 17; i++) {
      repo.git(['checkout', '-q', '-b', `ws${i}`]);
      await repo.commit(`ws ${i}`, '2025-01-05', { [`conf/c${i}.yaml`]: `size: ${i}  \n` });
      repo.git(['checkout', '-q', 'main']);
      repo.git(['merge', '-q', '--no-ff', `ws${i}`, '-m', `Merge ws${i}`], { date: '2025-02-01' });
    }
    const store = memoryStore();
    const docs = Array.from({ length: 17 }, (_, i) => `runbooks/d${i}.md`);
    const cold = await report(docs, store);
    const { docs: cached, asked } = await reportCountingMergeAsks(docs, store);
    assert.deepEqual(cached, cold);
    assert.equal(asked, 0);
  });
});
