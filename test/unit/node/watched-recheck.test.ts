import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { StalenessReport } from '../../../src/core/staleness/model/report';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';
import { recordSpawns } from './spawn-recorder';

const NOW = new Date('2025-06-01T00:00:00Z');
const DB = '# Db\n\nThe [pool](../deploy/pool.yaml) sets the size; [all of deploy](../deploy) too.\n';
/** Links a file no commit has: a broken link until the file appears. */
const EXTRA = '# Extra\n\nThe [first extra](../deploy/extra/one.yaml) is optional.\n';

/**
 * The editor knows what changed in the working tree since the last run began (its file watcher):
 * a kept engine's re-check then asks git for the status of those paths, the last run's uncommitted
 * paths and the paths new commits touched, not of the whole tree (on grafana/loki 30 ms instead of
 * 130). Whatever happened, the verdicts are those of a cold report at the same moment.
 */
describe('a re-check limited to what the watcher saw', () => {
  let repo: GitFixture;
  let started: string[][];
  let stopRecording: () => void;

  beforeEach(async () => {
    repo = await GitFixture.create('watched-recheck');
    started = [];
    stopRecording = recordSpawns((command) => started.push(command));
    await repo.commit('start', '2025-01-01', { 'runbooks/db.md': DB, 'runbooks/extra.md': EXTRA, 'deploy/pool.yaml': 'size: 10\n', 'deploy/proxy.yaml': 'port: 80\n', 'src/app.go': 'package app\n' });
  });
  afterEach(async () => {
    stopRecording();
    await repo.remove();
  });

  function engine(): StalenessEngine {
    return new StalenessEngine({ git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env) }, { now: () => NOW, mentions: false });
  }
  /** The pathspecs of each status started since the last `started = []` (undefined: the whole tree). */
  const statuses = () => started.filter((c) => c[0] === '--no-optional-locks' && c[1] === 'status').map((c) => (c.includes('--') ? c.slice(c.indexOf('--') + 1) : undefined));
  const docs = () => repo.docs(['runbooks/db.md', 'runbooks/extra.md']);
  /** What a new engine reports now (the verdicts only). */
  async function cold(): Promise<string> {
    return verdicts(await engine().report(await docs()));
  }
  const verdicts = (report: StalenessReport) => JSON.stringify(report.docs);

  it('asks the status of the watched paths only, and sees their change', async () => {
    const kept = engine();
    const before = verdicts(await kept.report(await docs()));
    await repo.write({ 'deploy/pool.yaml': 'size: 10\nmax: 20\n' });
    started = [];
    const report = await kept.report(await docs(), { watched: { paths: ['deploy/pool.yaml'], refs: true } });
    assert.deepEqual(statuses(), [[':(top,literal)deploy/pool.yaml']]);
    assert.equal(verdicts(report), await cold());
    assert.notEqual(verdicts(report), before, 'the uncommitted change is seen');
  });

  it('starts no status when nothing was watched, nothing was uncommitted and HEAD did not move', async () => {
    const kept = engine();
    await kept.report(await docs());
    started = [];
    const report = await kept.report(await docs(), { watched: { paths: [], refs: true } });
    assert.deepEqual(statuses(), []);
    assert.equal(verdicts(report), await cold());
  });

  it('asks again about the last run’s uncommitted paths: a file put back as it was is clean', async () => {
    const kept = engine();
    await repo.write({ 'deploy/pool.yaml': 'size: 99\n', 'deploy/new.yaml': 'a: 1\n' });
    await kept.report(await docs(), { watched: { paths: [], refs: true } });
    await repo.write({ 'deploy/pool.yaml': 'size: 10\n', 'deploy/new.yaml': null });
    started = [];
    // Nothing watched (as if the events were lost): the last run's uncommitted paths are asked anyway.
    const report = await kept.report(await docs(), { watched: { paths: [], refs: true } });
    assert.deepEqual(statuses()[0]?.sort(), [':(top,literal)deploy/new.yaml', ':(top,literal)deploy/pool.yaml']);
    assert.equal(verdicts(report), await cold());
  });

  it('sees a commit of an uncommitted file', async () => {
    const kept = engine();
    await repo.write({ 'deploy/pool.yaml': 'size: 20\n' });
    await kept.report(await docs());
    await repo.commit('raise pool', '2025-02-01');
    started = [];
    const report = await kept.report(await docs(), { watched: { paths: [], refs: true } });
    assert.equal(report.docs[0]!.level, 'stale');
    assert.equal(verdicts(report), await cold());
  });

  it('asks about the paths new commits touched when HEAD moved under an unchanged working tree', async () => {
    const kept = engine();
    await kept.report(await docs());
    // A commit made without touching the working tree (as `git reset --soft` or plumbing leave it).
    repo.git(['update-index', '--cacheinfo', `100644,${repo.git(['rev-parse', 'HEAD:deploy/proxy.yaml']).trim()},deploy/pool.yaml`]);
    const tree = repo.git(['write-tree']).trim();
    const commit = repo.git(['commit-tree', tree, '-p', 'HEAD', '-m', 'pool as proxy'], { date: '2025-02-01' }).trim();
    repo.git(['update-ref', 'HEAD', commit]);
    started = [];
    const report = await kept.report(await docs(), { watched: { paths: [], refs: true } });
    assert.ok(statuses().some((s) => s?.includes(':(top,literal)deploy/pool.yaml')), JSON.stringify(statuses()));
    assert.equal(verdicts(report), await cold());
  });

  it('lists the untracked files of a watched new folder', async () => {
    const kept = engine();
    const before = verdicts(await kept.report(await docs()));
    await repo.write({ 'deploy/extra/one.yaml': 'a: 1\n', 'deploy/extra/two.yaml': 'b: 2\n' });
    started = [];
    const report = await kept.report(await docs(), { watched: { paths: ['deploy/extra'], refs: true } });
    assert.deepEqual(statuses(), [[':(top,literal)deploy/extra']]);
    assert.equal(verdicts(report), await cold());
    assert.notEqual(verdicts(report), before, 'the new files are seen');
  });

  it('keeps the last run’s branch and tag names when told they did not change', async () => {
    const kept = engine();
    await kept.report(await docs());
    const refs = () => started.filter((c) => c[0] === 'for-each-ref' && c.includes('refs/tags'));
    started = [];
    await kept.report(await docs(), { watched: { paths: [], refs: false } });
    assert.deepEqual(refs(), []);
    repo.git(['tag', 'v1']);
    started = [];
    const report = await kept.report(await docs(), { watched: { paths: [], refs: true } });
    assert.equal(refs().length, 1);
    assert.equal(verdicts(report), await cold());
  });

  it('looks up a branch only a remote has among the ref names it read, and again once they change', async () => {
    const first = repo.git(['rev-parse', 'HEAD']).trim();
    const second = await repo.commit('pinned doc', '2025-01-02', {
      'deploy/new.yaml': 'n: 1\n',
      'runbooks/pinned.md': '# Pinned\n\nThe [pool](../deploy/pool.yaml) and [the new one on the release](https://github.com/acme/app/blob/release-2.0/deploy/new.yaml).\n',
    });
    repo.git(['remote', 'add', 'origin', 'https://github.com/acme/app.git']);
    // Only another remote has the release branch, from before the new file.
    repo.git(['update-ref', 'refs/remotes/upstream/release-2.0', first]);
    const all = () => repo.docs(['runbooks/db.md', 'runbooks/extra.md', 'runbooks/pinned.md']);
    const remotes = () => started.filter((c) => c[0] === 'for-each-ref' && c.includes('refs/remotes/') && !c.includes('refs/tags'));
    const pinned = (report: StalenessReport) => JSON.stringify(report.docs.find((d) => d.path === 'runbooks/pinned.md')!.reasons);
    const kept = engine();
    assert.match(pinned(await kept.report(await all())), /release-2\.0/, 'missing on upstream’s release branch');
    assert.deepEqual(remotes(), [], 'the remote-tracking refs come with the ref names');
    await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n' });
    started = [];
    await kept.report(await all(), { watched: { paths: ['deploy/pool.yaml'], refs: false } });
    assert.deepEqual(remotes(), []);
    // origin's release branch fetched since, with the file: the answers asked early with the last
    // run's names (upstream's branch) are not taken.
    repo.git(['update-ref', 'refs/remotes/origin/release-2.0', second]);
    await repo.commit('raise pool again', '2025-03-01', { 'deploy/pool.yaml': 'size: 30\n' });
    const report = await kept.report(await all(), { watched: { paths: ['deploy/pool.yaml'], refs: true } });
    assert.equal(JSON.stringify(report.docs), JSON.stringify((await engine().report(await all())).docs));
    assert.doesNotMatch(pinned(report), /release-2\.0/);
  });

  it('takes watched names literally (a leading dash, pathspec magic) and the folder itself as the whole tree', async () => {
    const git = new SimpleGitHistory(repo.dir, repo.env);
    await repo.write({ 'deploy/-rf.yaml': 'a: 1\n', 'deploy/:(glob)*.yaml': 'b: 2\n', 'deploy/other.yaml': 'c: 3\n' });
    const named = await git.workingChanges(['deploy/-rf.yaml', 'deploy/:(glob)*.yaml']);
    assert.deepEqual(named.map((c) => c.path).sort(), ['deploy/-rf.yaml', 'deploy/:(glob)*.yaml']);
    const whole = await git.workingChanges(['']);
    assert.deepEqual(whole.map((c) => c.path).sort(), ['deploy/-rf.yaml', 'deploy/:(glob)*.yaml', 'deploy/other.yaml']);
  });

  it('reads the whole tree when an ignore file changed, for a report without memory, and without watched paths (the CLI)', async () => {
    const kept = engine();
    await kept.report(await docs(), { watched: { paths: ['deploy/pool.yaml'], refs: true } });
    assert.deepEqual(statuses(), [undefined]);
    await repo.write({ '.gitignore': 'nothing\n' });
    started = [];
    await kept.report(await docs(), { watched: { paths: ['.gitignore'], refs: true } });
    assert.deepEqual(statuses(), [undefined]);
    started = [];
    await kept.report(await docs());
    assert.deepEqual(statuses(), [undefined]);
  });
});
