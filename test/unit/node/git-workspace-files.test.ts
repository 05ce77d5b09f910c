import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

describe('GitWorkspaceFiles and SimpleGitHistory on disk', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('workspace-files');
    await repo.commit('init', '2025-01-01', { '.gitignore': 'build/\n', 'a.txt': 'a\n', 'gone.txt': 'g\n', 'alerts/x.yml': 'runbook_url: ../r.md\n' });
    await repo.write({ 'new file é.txt': 'n\n', 'build/out.txt': 'o\n', 'gone.txt': null });
  });
  afterEach(() => repo.remove());

  it('lists tracked and untracked files, without ignored or deleted ones', async () => {
    assert.deepEqual(await new GitWorkspaceFiles(repo.dir, repo.env).list(), ['.gitignore', 'a.txt', 'alerts/x.yml', 'new file é.txt']);
  });

  it('names the repository by its folder and its origin remote (a clone of it in a runbook is this repository)', async () => {
    const files = new GitWorkspaceFiles(repo.dir, repo.env);
    assert.deepEqual(await files.repositoryNames(), [path.basename(repo.dir)]);
    repo.git(['remote', 'add', 'origin', 'git@github.com:example/gateway-api.git']);
    assert.deepEqual(await files.repositoryNames(), [path.basename(repo.dir), 'gateway-api']);
  });

  it('walks a folder that is not a repository, skipping dependency folders', async () => {
    const plain = await GitFixture.create('walk', { init: false });
    try {
      await plain.write({ 'a.md': '#\n', 'node_modules/x/y.md': '#\n', 'deep/b.yaml': 'b\n' });
      assert.deepEqual(await new GitWorkspaceFiles(plain.dir, plain.env).list(), ['a.md', 'deep/b.yaml']);
      assert.equal(await new GitWorkspaceFiles(plain.dir, plain.env).filesContaining('runbook'), undefined);
    } finally {
      await plain.remove();
    }
  });

  it('says the root folder exists at a commit (a link pinned to a tag of the whole repository)', async () => {
    const history = new SimpleGitHistory(repo.dir, repo.env);
    assert.deepEqual([...((await history.pathsAt('HEAD', ['', 'a.txt', 'missing.txt'])) ?? [])].sort(), ['', 'a.txt']);
  });

  it('says a folder exists at a commit when a folder inside it is asked about too (ls-tree then lists its contents, not it)', async () => {
    await repo.commit('manifests', '2025-01-02', { 'manifests/ha/x.yaml': 'x\n', 'manifests/y.yaml': 'y\n' });
    const history = new SimpleGitHistory(repo.dir, repo.env);
    assert.deepEqual([...((await history.pathsAt('HEAD', ['manifests/ha', 'manifests', 'manifests/nope'])) ?? [])].filter((p) => ['manifests/ha', 'manifests', 'manifests/nope'].includes(p)).sort(), ['manifests', 'manifests/ha']);
  });

  it('finds the files that mention a word with git grep', async () => {
    const files = new GitWorkspaceFiles(repo.dir, repo.env);
    await repo.write({ 'notes.txt': 'runbook\n' });
    assert.deepEqual(
      [await files.filesContaining('RUNBOOK'), await files.filesContaining('runbook', ['.yml', '.yaml']), await files.filesContaining('nothing-mentions-this')],
      [['alerts/x.yml', 'notes.txt'], ['alerts/x.yml'], []],
    );
  });

  it('reads files inside the root only, never through a link out of it, and respects a size limit', async () => {
    const files = new GitWorkspaceFiles(repo.dir, repo.env);
    await fs.writeFile(path.join(repo.base, 'secret.txt'), 'secret\n');
    await fs.symlink(path.join(repo.base, 'secret.txt'), path.join(repo.dir, 'link.txt'));
    assert.deepEqual(
      [await files.read('a.txt'), await files.read('../secret.txt'), await files.read('link.txt'), await files.read('a.txt', 1), await files.read('missing.txt')],
      ['a\n', undefined, undefined, undefined, undefined],
    );
  });

  it('never lets a ref be read as an option', async () => {
    const git = new SimpleGitHistory(repo.dir, repo.env);
    assert.deepEqual([await git.resolve('--output=/tmp/x'), await git.resolve('main'), await git.resolve('no-such-ref')], [undefined, repo.git(['rev-parse', 'HEAD']).trim(), undefined]);
    await assert.rejects(git.changedFiles('--output=/tmp/x', undefined), /Not a valid git revision/);
  });

  it('reports uncommitted changes, untracked files as additions', async () => {
    const changes = await new SimpleGitHistory(repo.dir, repo.env).changedFiles('HEAD', undefined);
    assert.deepEqual(changes, [{ status: 'D', path: 'gone.txt' }, { status: 'A', path: 'new file é.txt' }]);
  });
});
