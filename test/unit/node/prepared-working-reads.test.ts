import assert from 'node:assert/strict';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitFixture } from './git-fixture';
import { recordSpawns } from './spawn-recorder';

/**
 * Whether a working-tree file can stand in for its blob (no filter, `ident` or encoding attribute,
 * not skip-worktree or assume-unchanged) costs a `check-attr` (the flags are read from the index
 * file). A run that
 * knows early which files it will read (the docs, compared with the changes at its very end) has
 * git say so once, early, and the read at the end starts no process.
 */
describe('working-tree reads prepared early in a run', () => {
  let repo: GitFixture;
  let started: string[][];
  let stopRecording: () => void;
  const askedAbout = () => started.map((c) => c[0]).filter((c) => c === 'check-attr' || c === 'ls-files');

  beforeEach(async () => {
    repo = await GitFixture.create('prepared-reads');
    started = [];
    stopRecording = recordSpawns((command) => started.push(command));
  });
  afterEach(async () => {
    stopRecording();
    await repo.remove();
  });

  it('asks git once per run which of the prepared files it converts; the reads then start no process and still leave converted files to git', async () => {
    await repo.commit('start', '2025-01-01', { 'runbooks/a.md': 'a\n', 'runbooks/b.md': 'b $Id$\n', 'deploy/x.yaml': 'x\n', '.gitattributes': 'runbooks/b.md ident\n' });
    const git = new SimpleGitHistory(repo.dir, repo.env);
    await git.state();
    started = [];
    git.prepareWorkingReads(['runbooks/a.md', 'runbooks/b.md', 'deploy/x.yaml']);
    const first = await git.readWorkingFiles(['deploy/x.yaml'], 1000);
    const later = await git.readWorkingFiles(['runbooks/b.md', 'runbooks/a.md'], 1000);
    assert.deepEqual([first.map((b) => b?.text), later.map((b) => b?.text)], [['x\n'], [undefined, 'a\n']]);
    assert.deepEqual(askedAbout(), ['check-attr']);
    // A file not prepared is asked about when read.
    started = [];
    await git.readWorkingFiles(['runbooks/a.md', '.gitattributes'], 1000);
    assert.deepEqual(askedAbout(), ['check-attr']);
    // A new run asks again when the attributes changed (see kept-working-reads.test.ts).
    await repo.commit('convert a', '2025-01-02', { '.gitattributes': 'runbooks/b.md ident\nrunbooks/a.md ident\n' });
    await git.state();
    started = [];
    assert.deepEqual((await git.readWorkingFiles(['runbooks/a.md'], 1000)).map((b) => b?.text), [undefined]);
    assert.deepEqual(askedAbout(), ['check-attr']);
  });
});
