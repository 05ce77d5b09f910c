import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitFixture } from './git-fixture';
import { recordSpawns } from './spawn-recorder';

/**
 * A re-check reads the docs a new commit concerns from the working tree, where git would give the
 * same text (no filter, `ident` or `working-tree-encoding` attribute, not skip-worktree or
 * assume-unchanged). Asking git costs two processes per run; the answers are kept from run to run
 * while nothing they depend on changed, and every such change is seen.
 */
describe('working-tree reads kept between runs', () => {
  let repo: GitFixture;
  let started: string[][];
  let stopRecording: () => void;
  const askedAbout = () => started.map((c) => c[0]).filter((c) => c === 'check-attr' || c === 'ls-files');

  beforeEach(async () => {
    repo = await GitFixture.create('kept-reads');
    started = [];
    stopRecording = recordSpawns((command) => started.push(command));
  });
  afterEach(async () => {
    stopRecording();
    await repo.remove();
  });

  /** One run (`state()` starts it) reading `paths`: their texts, undefined where git is left to read them. */
  async function run(git: SimpleGitHistory, paths: string[]): Promise<Array<string | undefined>> {
    await git.state();
    return (await git.readWorkingFiles(paths, 1000)).map((b) => b?.text);
  }

  const start = () =>
    repo.commit('start', '2025-01-01', {
      'runbooks/a.md': 'a\n',
      'runbooks/deep/b.md': 'b\n',
      'deploy/Makefile': 'all:\n',
      '.gitattributes': '*.bin binary\n',
    });

  it('asks git nothing on a run after a commit that changed no attribute nor index flag', async () => {
    await start();
    const git = new SimpleGitHistory(repo.dir, repo.env);
    assert.deepEqual(await run(git, ['runbooks/a.md', 'runbooks/deep/b.md']), ['a\n', 'b\n']);
    await repo.commit('build', '2025-01-02', { 'deploy/Makefile': 'all: build\n', 'runbooks/a.md': 'a2\n' });
    started = [];
    assert.deepEqual(await run(git, ['runbooks/a.md', 'runbooks/deep/b.md']), ['a2\n', 'b\n']);
    assert.deepEqual(askedAbout(), []);
    // A path not asked about before is asked about (its attributes only: the flags come from the index).
    assert.deepEqual(await run(git, ['deploy/Makefile']), ['all: build\n']);
    assert.deepEqual(askedAbout(), ['check-attr']);
  });

  /** Each change below makes git convert `runbooks/deep/b.md` (or stop converting it): seen by the next run. */
  const changes: Array<[string, (git: SimpleGitHistory) => Promise<void>]> = [
    ['the top .gitattributes edited (uncommitted)', () => repo.write({ '.gitattributes': '*.bin binary\nrunbooks/deep/b.md ident\n' })],
    ['a .gitattributes created in a folder above the doc (untracked)', () => repo.write({ 'runbooks/.gitattributes': 'deep/b.md ident\n' })],
    ['a .gitattributes committed in the doc\'s own folder', async () => void (await repo.commit('attrs', '2025-01-03', { 'runbooks/deep/.gitattributes': 'b.md filter=lfs\n' }))],
    ['$GIT_DIR/info/attributes written', () => repo.write({ '.git/info/attributes': 'b.md working-tree-encoding=UTF-16\n' })],
    ['the user\'s attributes file written', async () => {
      await fs.mkdir(path.join(repo.base, 'home', '.config', 'git'), { recursive: true });
      await fs.writeFile(path.join(repo.base, 'home', '.config', 'git', 'attributes'), 'b.md ident\n');
    }],
    ['the index flagged the doc skip-worktree', async () => void repo.git(['update-index', '--skip-worktree', 'runbooks/deep/b.md'])],
    ['the index flagged the doc assume-unchanged', async () => void repo.git(['update-index', '--assume-unchanged', 'runbooks/deep/b.md'])],
  ];
  for (const [what, change] of changes) {
    it(`sees a change of what decides the answer: ${what}`, async () => {
      await start();
      const git = new SimpleGitHistory(repo.dir, repo.env);
      assert.deepEqual(await run(git, ['runbooks/a.md', 'runbooks/deep/b.md']), ['a\n', 'b\n']);
      await change(git);
      assert.deepEqual(await run(git, ['runbooks/a.md', 'runbooks/deep/b.md']), ['a\n', undefined]);
    });
  }

  it('sees a change above a kept answer when a later run reads that path, not only the next run', async () => {
    await start();
    const git = new SimpleGitHistory(repo.dir, repo.env);
    assert.deepEqual(await run(git, ['runbooks/a.md', 'runbooks/deep/b.md']), ['a\n', 'b\n']);
    await repo.write({ 'runbooks/deep/.gitattributes': 'b.md ident\n' });
    started = [];
    assert.deepEqual(await run(git, ['runbooks/a.md']), ['a\n']);
    assert.deepEqual(askedAbout(), []);
    assert.deepEqual(await run(git, ['runbooks/deep/b.md']), [undefined]);
    assert.deepEqual(askedAbout(), ['check-attr']);
  });

  it('sees the index\'s .gitattributes where the working tree has none, and the config', async () => {
    await repo.commit('start', '2025-01-01', { 'runbooks/b.md': 'b\n', 'runbooks/.gitattributes': 'B.md ident\n' });
    const git = new SimpleGitHistory(repo.dir, repo.env);
    assert.deepEqual(await run(git, ['runbooks/b.md']), ['b\n']);
    // Attribute patterns match case-insensitively with core.ignorecase.
    repo.git(['config', 'core.ignorecase', 'true']);
    assert.deepEqual(await run(git, ['runbooks/b.md']), [undefined]);
    repo.git(['config', 'core.ignorecase', 'false']);
    assert.deepEqual(await run(git, ['runbooks/b.md']), ['b\n']);
    // Staged, then gone from the working tree: git reads the index's copy.
    await repo.write({ 'runbooks/.gitattributes': 'b.md -ident\n' });
    repo.git(['add', 'runbooks/.gitattributes']);
    await repo.write({ 'runbooks/.gitattributes': 'nothing.md ident\n' });
    assert.deepEqual(await run(git, ['runbooks/b.md']), ['b\n']);
    await repo.write({ 'runbooks/.gitattributes': 'b.md ident\n' });
    repo.git(['add', 'runbooks/.gitattributes']);
    await repo.write({ 'runbooks/.gitattributes': null });
    assert.deepEqual(await run(git, ['runbooks/b.md']), [undefined]);
  });

  it('asks every run while an attributes file it does not look at may decide (core.attributesFile)', async () => {
    await start();
    repo.git(['config', 'core.attributesFile', path.join(repo.dir, 'my-attributes')]);
    const git = new SimpleGitHistory(repo.dir, repo.env);
    assert.deepEqual(await run(git, ['runbooks/a.md']), ['a\n']);
    started = [];
    await fs.writeFile(path.join(repo.dir, 'my-attributes'), 'a.md ident\n');
    assert.deepEqual(await run(git, ['runbooks/a.md']), [undefined]);
    assert.deepEqual(askedAbout(), ['check-attr']);
  });

  for (const version of ['2', '3', '4', 'split']) {
    it(`reads the index flags as ls-files -v does (index ${version === 'split' ? 'split' : `version ${version}`})`, async () => {
      await start();
      if (version === 'split') repo.git(['update-index', '--split-index']);
      else repo.git(['update-index', '--index-version', version]);
      repo.git(['update-index', '--skip-worktree', 'runbooks/a.md']);
      repo.git(['update-index', '--assume-unchanged', 'deploy/Makefile']);
      const git = new SimpleGitHistory(repo.dir, repo.env);
      started = [];
      assert.deepEqual(await run(git, ['runbooks/a.md', 'runbooks/deep/b.md', 'deploy/Makefile']), [undefined, 'b\n', undefined]);
      // A split index is not read here: git is asked, as before.
      assert.deepEqual(askedAbout(), version === 'split' ? ['check-attr', 'ls-files'] : ['check-attr']);
      repo.git(['update-index', '--no-skip-worktree', 'runbooks/a.md']);
      repo.git(['update-index', '--no-assume-unchanged', 'deploy/Makefile']);
      assert.deepEqual(await run(git, ['runbooks/a.md', 'runbooks/deep/b.md', 'deploy/Makefile']), ['a\n', 'b\n', 'all:\n']);
    });
  }

  it('reads the flags of non-ASCII paths and of a SHA-256 repository\'s index', async () => {
    const sha256 = await GitFixture.create('kept-reads-sha256', { init: false });
    try {
      sha256.git(['init', '-q', '-b', 'main', '--object-format=sha256']);
      await sha256.commit('start', '2025-01-01', { 'runbooks/café.md': 'c\n', 'runbooks/plain.md': 'p\n' });
      sha256.git(['update-index', '--skip-worktree', 'runbooks/café.md']);
      const git = new SimpleGitHistory(sha256.dir, sha256.env);
      started = [];
      assert.deepEqual(await run(git, ['runbooks/café.md', 'runbooks/plain.md']), [undefined, 'p\n']);
      assert.deepEqual(askedAbout(), ['check-attr']);
    } finally {
      await sha256.remove();
    }
  });
});
