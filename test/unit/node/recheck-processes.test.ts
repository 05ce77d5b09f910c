import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { CatFileReader } from '../../../src/node/cat-file-reader';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';
import { recordSpawns } from './spawn-recorder';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { LogCommit } from '../../../src/core/staleness/ports';

const NOW = new Date('2025-06-01T00:00:00Z');

/**
 * Each git process a re-check starts costs the editor's thread a fork (15-20 ms on a loaded
 * machine) and the re-check a process's latency: a kept engine's re-check after one commit starts
 * only the processes whose answer can have changed.
 */
describe('git processes of a re-check with an engine kept between runs', () => {
  let repo: GitFixture;
  let started: string[][];
  let stopRecording: () => void;

  beforeEach(async () => {
    repo = await GitFixture.create('recheck-processes');
    started = [];
    stopRecording = recordSpawns((command) => started.push(command));
  });
  afterEach(async () => {
    stopRecording();
    await repo.remove();
  });

  function engine(git = new SimpleGitHistory(repo.dir, repo.env)): StalenessEngine {
    return new StalenessEngine({ git, files: new GitWorkspaceFiles(repo.dir, repo.env) }, { now: () => NOW, mentions: false });
  }

  const commands = (name: string) => started.filter((c) => c[0] === name || (c[0] === '--no-optional-locks' && c[1] === name));

  it('reads the repository config once per run', async () => {
    await repo.commit('start', '2025-01-01', {
      'runbooks/db.md': '# Db\n\n[pool](../deploy/pool.yaml)\n',
      'deploy/pool.yaml': 'size: 10\n',
      '.git-blame-ignore-revs': '',
    });
    const kept = engine();
    const docs = await repo.docs(['runbooks/db.md']);
    await kept.report(docs);
    await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n' });
    started = [];
    const report = await kept.report(docs);
    assert.equal(report.docs[0]!.level, 'stale');
    assert.deepEqual(commands('config'), [['config', '--list', '--show-origin', '--show-scope', '-z']]);
  });

  it('never has the status count the commits between the branch and its upstream', async () => {
    // Counting them walks the history between the two: seconds on a branch far from its upstream,
    // on every re-check, for a header line the report never reads.
    const first = await repo.commit('start', '2025-01-01', { 'runbooks/db.md': '# Db\n\n[pool](../deploy/pool.yaml)\n', 'deploy/pool.yaml': 'size: 10\n' });
    repo.git(['remote', 'add', 'origin', repo.dir]);
    repo.git(['update-ref', 'refs/remotes/origin/main', first]);
    repo.git(['branch', '--set-upstream-to=origin/main']);
    const kept = engine();
    const docs = await repo.docs(['runbooks/db.md']);
    await kept.report(docs);
    await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n' });
    // Edited again since: the watched path's status is not proven without git (see working-status.test.ts).
    await repo.write({ 'deploy/pool.yaml': 'size: 30\n' });
    await kept.report(docs, { watched: { paths: ['deploy/pool.yaml'], refs: true } });
    const statuses = commands('status');
    assert.equal(statuses.length, 2, started.map((c) => c.join(' ')).join('\n'));
    for (const status of statuses) assert.ok(status.includes('--no-ahead-behind'), status.join(' '));
  });

  it('starts the working tree status, its longest process, before the refs', async () => {
    await repo.commit('start', '2025-01-01', { 'runbooks/db.md': '# Db\n\n[pool](../deploy/pool.yaml)\n', 'deploy/pool.yaml': 'size: 10\n' });
    const kept = engine();
    const docs = await repo.docs(['runbooks/db.md']);
    await kept.report(docs);
    await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n' });
    started = [];
    await kept.report(docs);
    const order = started.map((c) => (c[0] === '--no-optional-locks' ? c[1]! : c[0]!)).filter((c) => ['status', 'log', 'for-each-ref'].includes(c));
    // The new commit is read from its objects (no `log`, see log-from-objects.test.ts).
    assert.deepEqual(order, ['status', 'for-each-ref']);
  });

  it('reads HEAD with the running cat-file on a re-check, starting no rev-parse', async () => {
    await repo.commit('start', '2025-01-01', { 'runbooks/db.md': '# Db\n\n[pool](../deploy/pool.yaml)\n', 'deploy/pool.yaml': 'size: 10\n' });
    const kept = engine();
    const docs = await repo.docs(['runbooks/db.md']);
    await kept.report(docs);
    const raised = await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n' });
    started = [];
    const report = await kept.report(docs);
    assert.deepEqual(report.repo, { kind: 'git', head: raised, shallow: false });
    assert.equal(report.docs[0]!.level, 'stale');
    assert.deepEqual(commands('rev-parse'), []);
  });

  it('lists the workspace again only when a file was added or removed', async () => {
    await repo.commit('start', '2025-01-01', { 'runbooks/db.md': '# Db\n\n[pool](../deploy/pool.yaml) [next](../deploy/next.yaml)\n', 'deploy/pool.yaml': 'size: 10\n' });
    const kept = engine();
    const docs = await repo.docs(['runbooks/db.md']);
    const listings = () => started.filter((c) => c[0] === 'ls-files' && c.includes('--others')).length;
    await kept.report(docs);
    // Listed beside the status on the first run, once more after it on the second, then kept.
    await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n' });
    await kept.report(docs);
    started = [];
    await repo.commit('raise pool again', '2025-02-02', { 'deploy/pool.yaml': 'size: 30\n' });
    await kept.report(docs);
    assert.equal(listings(), 0);
    await repo.write({ 'deploy/next.yaml': 'new\n' });
    const report = await kept.report(docs);
    assert.equal(listings(), 1);
    assert.equal(report.docs[0]!.targets.find((t) => t.path === 'deploy/next.yaml')?.kind, 'file');
    assert.deepEqual(report.docs, (await engine().report(docs)).docs);
  });

  it('asks git once which paths a commit named by its id holds', async () => {
    const first = await repo.commit('start', '2025-01-01', { 'deploy/pool.yaml': 'size: 10\n' });
    await repo.commit('move', '2025-02-01', { 'deploy/pool.yaml': null, 'deploy/pool2.yaml': 'size: 10\n' });
    const git = new SimpleGitHistory(repo.dir, repo.env);
    // Pinned paths are answered by the cat-file reader: the object names it is asked for.
    let read: string[] = [];
    const original = CatFileReader.prototype.read;
    CatFileReader.prototype.read = function (this: CatFileReader, names: string[], signal?: AbortSignal) {
      read.push(...names);
      return original.call(this, names, signal);
    };
    try {
      const present = async (rev: string, paths: string[]) => {
        const found = (await git.pathsAt(rev, paths))!;
        return paths.filter((p) => found.has(p));
      };
      assert.deepEqual(await present(first, ['deploy/pool.yaml', 'deploy/pool2.yaml']), ['deploy/pool.yaml']);
      started = [];
      read = [];
      assert.deepEqual(await present(first, ['deploy/pool.yaml', 'deploy/pool2.yaml']), ['deploy/pool.yaml']);
      assert.deepEqual([started, read], [[], []]);
      // A path not asked about before is asked of git (only it: the commit and the folder holding it).
      assert.deepEqual(await present(first, ['deploy/pool2.yaml', 'deploy/other.yaml', 'deploy']), ['deploy']);
      assert.deepEqual(read, [`${first}^{commit}`, `${first}^{commit}:deploy`]);
      assert.deepEqual(started.filter((c) => c[0] !== 'cat-file'), []);
      // A branch name may move: it is asked again.
      read = [];
      assert.deepEqual(await present('main', ['deploy/pool2.yaml']), ['deploy/pool2.yaml']);
      assert.equal(read.length, 2);
      read = [];
      assert.deepEqual(await present('main', ['deploy/pool2.yaml']), ['deploy/pool2.yaml']);
      assert.equal(read.length, 2);
      assert.deepEqual(started.filter((c) => c[0] !== 'cat-file'), []);
    } finally {
      CatFileReader.prototype.read = original;
      git.dispose();
    }
  });
  it('reads the new commits with the running cat-file, starting no log, and equals a cold report', async () => {
    await repo.commit('start', '2025-01-01', { 'runbooks/db.md': '# Db\n\n[pool](../deploy/pool.yaml) [tool](../bin/tool.sh)\n', 'deploy/pool.yaml': 'size: 10\n', 'bin/tool.sh': 'echo 1\n' });
    const kept = engine();
    const docs = await repo.docs(['runbooks/db.md']);
    await kept.report(docs);
    await repo.commit('raise pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 20\n' });
    await repo.commit('new file and tool', '2025-02-02', { 'bin/tool.sh': 'echo 2\n', 'deploy/extra.yaml': 'x: 1\n' });
    started = [];
    const report = await kept.report(docs, { watched: { paths: ['deploy/pool.yaml', 'bin/tool.sh', 'deploy/extra.yaml'], refs: true } });
    assert.deepEqual(commands('log'), []);
    assert.deepEqual(report.docs, (await engine().report(docs)).docs);
  });

  for (const [what, setUp] of [
    ['a shallow clone', (r: GitFixture) => writeFileSync(`${r.dir}/.git/shallow`, `${r.git(['rev-parse', 'HEAD~1']).trim()}\n`)],
    ['a grafts file', (r: GitFixture) => writeFileSync(`${r.dir}/.git/info/grafts`, `${r.git(['rev-parse', 'HEAD~1']).trim()}\n`)],
    ['an order file for diffs', (r: GitFixture) => (writeFileSync(`${r.dir}/order.txt`, 'b.txt\n'), r.git(['config', 'diff.orderFile', 'order.txt']))],
    ['an output encoding for logs', (r: GitFixture) => r.git(['config', 'i18n.logOutputEncoding', 'ISO-8859-1'])],
  ] as const) {
    it(`leaves the new commits to git log in ${what}`, async () => {
      await repo.commit('start', '2025-01-01', { 'a.txt': 'a\n', 'b.txt': 'b\n' });
      const since = await repo.commit('second', '2025-01-02', { 'a.txt': 'a2\n' });
      mkdirSync(`${repo.dir}/.git/info`, { recursive: true });
      const head = await repo.commit('both', '2025-01-03', { 'a.txt': 'a3\n', 'b.txt': 'b3\n' });
      setUp(repo);
      const git = new SimpleGitHistory(repo.dir, repo.env);
      await git.state();
      const commits: LogCommit[] = [];
      started = [];
      await git.log({ head, since }, (c) => commits.push(c));
      assert.equal(commands('log').length, 1);
      assert.deepEqual(commits.map((c) => c.changes.map((f) => f.path).sort()), [['a.txt', 'b.txt']]);
      git.dispose();
    });
  }
});
