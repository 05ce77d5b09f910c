import assert from 'node:assert/strict';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitFixture } from './git-fixture';
import { recordSpawns } from './spawn-recorder';

/**
 * Links pinned to a commit, tag or branch are checked at their ref. A process per ref (resolve it,
 * then list the paths) costs a fork each on the thread that runs the report (12-50 ms in a big
 * process): the refs and paths of a run are answered together, through the `cat-file --batch`
 * reader, from tree objects only (a partial clone has its trees, not every blob: nothing is fetched).
 */
describe('which pinned paths exist at their refs, asked together', () => {
  let repo: GitFixture;
  let started: string[][];
  let stopRecording: () => void;
  const present = (found: Set<string> | undefined, paths: string[]) => (found ? paths.filter((p) => found.has(p)) : undefined);
  const names = () => started.map((c) => c[0]);

  beforeEach(async () => {
    repo = await GitFixture.create('pinned-paths');
    started = [];
    stopRecording = recordSpawns((command) => started.push(command));
  });
  afterEach(async () => {
    stopRecording();
    await repo.remove();
  });

  it('answers a tag, a commit id, a remote-only branch and a commit not in the clone with the one cat-file process that read HEAD (and one for-each-ref), no rev-parse or ls-tree', async () => {
    const first = await repo.commit('start', '2025-01-01', { 'deploy/pool.yaml': 'size: 10\n', 'deploy/db/main.yaml': 'x\n', 'space name.md': 's\n' });
    repo.git(['tag', 'v1.0']);
    repo.git(['tag', '-a', '-m', 'annotated', 'v1.1']);
    await repo.commit('move', '2025-02-01', { 'deploy/pool.yaml': null, 'deploy/pool2.yaml': 'size: 10\n' });
    repo.git(['update-ref', 'refs/remotes/origin/release-1.0', first]);
    const git = new SimpleGitHistory(repo.dir, repo.env);
    await git.state();
    started = [];
    const paths = ['deploy/pool.yaml', 'deploy/pool2.yaml', 'deploy', 'deploy/db', 'deploy/db/main.yaml', 'deploy/db/nope', 'space name.md', 'deploy/pool.yaml/x', ''];
    const answers = await git.pathsAtRevs([
      { rev: 'v1.0', paths },
      { rev: 'v1.1', paths: ['deploy/pool.yaml'] },
      { rev: 'HEAD', paths },
      { rev: first, paths: ['deploy/pool.yaml', 'deploy/pool2.yaml'] },
      { rev: 'release-1.0', paths: ['deploy/pool.yaml', 'deploy/pool2.yaml'] },
      { rev: 'f'.repeat(40), paths: ['deploy/pool.yaml'] },
      { rev: 'no-such-tag', paths: ['deploy/pool.yaml'] },
    ]);
    const atFirst = ['deploy/pool.yaml', 'deploy', 'deploy/db', 'deploy/db/main.yaml', 'space name.md', ''];
    assert.deepEqual(
      answers.map((found, i) => present(found, i === 0 || i === 2 ? paths : ['deploy/pool.yaml', 'deploy/pool2.yaml'])),
      [atFirst, ['deploy/pool.yaml'], ['deploy/pool2.yaml', 'deploy', 'deploy/db', 'deploy/db/main.yaml', 'space name.md', ''], ['deploy/pool.yaml'], ['deploy/pool.yaml'], undefined, undefined],
    );
    // The cat-file reader that read HEAD for `state` answers them all: it is not started again.
    assert.deepEqual(names().sort(), ['for-each-ref']);
  });

  it('says a submodule entry and a file whose blob the clone lacks exist, as ls-tree does, without reading the blob', async () => {
    await repo.commit('start', '2025-01-01', { 'a.txt': 'a\n' });
    repo.git(['update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},vendor/lib`]);
    repo.git(['update-index', '--add', '--cacheinfo', `100644,${'2'.repeat(40)},big/file.bin`]);
    const tree = repo.git(['write-tree', '--missing-ok']).trim();
    const commit = repo.git(['commit-tree', tree, '-p', 'HEAD', '-m', 'lacking'], { date: '2025-01-02' }).trim();
    const git = new SimpleGitHistory(repo.dir, repo.env);
    const [found] = await git.pathsAtRevs([{ rev: commit, paths: ['vendor/lib', 'vendor', 'big/file.bin', 'big/other.bin', 'vendor/lib/x'] }]);
    assert.deepEqual(present(found, ['vendor/lib', 'vendor', 'big/file.bin', 'big/other.bin', 'vendor/lib/x']), ['vendor/lib', 'vendor', 'big/file.bin']);
  });

  it('keeps the shared reader working when a ref from a doc is one git would die on', async () => {
    await repo.commit('start', '2025-01-01', { 'a.txt': 'a\n' });
    repo.git(['tag', 'v1']);
    const git = new SimpleGitHistory(repo.dir, repo.env);
    const answers = await git.pathsAtRevs([
      { rev: 'main@{upstream}', paths: ['a.txt'] },
      { rev: 'v1', paths: ['a.txt'] },
      { rev: '-v1', paths: ['a.txt'] },
      { rev: 'v1:a.txt', paths: ['a.txt'] },
    ]);
    assert.deepEqual(answers.map((found) => present(found, ['a.txt'])), [undefined, ['a.txt'], undefined, undefined]);
    const [again] = await git.readFiles([{ sha: 'v1', path: 'a.txt' }], 1000);
    assert.equal(again?.text, 'a\n');
  });

  it('answers paths below a root that is a folder of the repository', async () => {
    await repo.commit('start', '2025-01-01', { 'ops/deploy/pool.yaml': 'x\n', 'deploy/pool.yaml': 'top\n' });
    repo.git(['tag', 'v1']);
    const git = new SimpleGitHistory(`${repo.dir}/ops`, repo.env);
    const [found] = await git.pathsAtRevs([{ rev: 'v1', paths: ['deploy/pool.yaml', 'deploy', 'ops/deploy/pool.yaml'] }]);
    assert.deepEqual(present(found, ['deploy/pool.yaml', 'deploy', 'ops/deploy/pool.yaml']), ['deploy/pool.yaml', 'deploy']);
  });
});
