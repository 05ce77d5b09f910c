import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CatFileReader } from '../../../src/node/cat-file-reader';
import { STABLE_CONFIG, MAX_OBJECT_BYTES } from '../../../src/node/git-invocation';
import { LOG_FORMAT } from '../../../src/node/git-log-parser';
import { logFromObjects, MAX_LOG_COMMITS, parseCommit, parseTree } from '../../../src/node/log-from-objects';
import { GitFixture } from './git-fixture';

// A re-check's new commits are read through the running `cat-file` (no `git log` process) only
// where the bytes are proven to be git's own: every case here is compared byte for byte with
// `git log` on a repository built at test time, and every case outside the proof is left to git.

describe('log-from-objects: the new commits from the objects, as git log prints them', function () {
  this.timeout(60000);
  let fixture: GitFixture;
  let reader: CatFileReader;
  const read = (names: string[]) => reader.read(names);
  const gitLog = (head: string, since: string) =>
    execFileSync('git', [...STABLE_CONFIG.flatMap((c) => ['-c', c]), 'log', '--first-parent', '--diff-merges=first-parent', '--raw', '--no-abbrev', '-M', '-z', '--no-ext-diff', LOG_FORMAT, head, `^${since}`, '--'], { cwd: fixture.dir, env: fixture.env });
  const rev = (name: string) => fixture.git(['rev-parse', name]).trim();
  const chain = () => fixture.git(['rev-list', '--first-parent', 'HEAD']).trim().split('\n');

  /** Every range `HEAD ^c` for c on the first-parent chain (below HEAD, up to `depth` back) gives git's bytes. */
  async function assertEqualToGit(depth = 3): Promise<void> {
    const commits = chain();
    const head = commits[0]!;
    for (const since of commits.slice(0, depth + 1)) {
      const ours = await logFromObjects(read, head, since);
      assert.ok(ours, `proven for ${since === head ? 'an empty range' : `HEAD ^${commits.indexOf(since)}`}`);
      assert.equal(ours.toString('latin1'), gitLog(head, since).toString('latin1'));
    }
  }

  beforeEach(async () => {
    fixture = await GitFixture.create('log-objects-');
    reader = new CatFileReader(fixture.dir, fixture.env, STABLE_CONFIG, MAX_OBJECT_BYTES);
    await fixture.commit('root', '2025-01-01', { 'a.txt': 'a\n', 'd/e/f.txt': 'f\n', 'a-b': 'x\n', a0: 'y\n', 'a.b': 'z\n', 'ü/é.txt': 'u\n', 'with space/x y.md': 'w\n' });
  });
  afterEach(async () => {
    reader.close();
    await fixture.remove();
  });

  it('modifications, additions in new folders, mode and type changes, odd names and subjects', async () => {
    await fixture.commit('  \n\n  subject one  \nsecond line\t\n\nbody', '2025-01-02', { 'd/e/f.txt': 'f2\n', 'a0': 'y2\n', 'ü/é.txt': 'u2\n' });
    await fixture.commit('additions\r\nwith CRLF\r\n', '2025-01-03', { 'n/m/o.txt': 'o\n', 'n/p.txt': 'p\n', 'a/b': 'ab\n', 'with space/z.md': 'z\n' });
    await fs.chmod(path.join(fixture.dir, 'a.txt'), 0o755);
    await fs.rm(path.join(fixture.dir, 'a-b'));
    await fs.symlink('a.txt', path.join(fixture.dir, 'a-b'));
    await fs.symlink('d/e', path.join(fixture.dir, 'link'));
    await fixture.commit('mode, type change and a symlink', '2025-01-04');
    fixture.git(['commit', '-q', '--allow-empty', '--allow-empty-message', '-m', ''], { date: '2025-01-05' });
    await fixture.commit('empty', '2025-01-06');
    await fixture.commit('deletions only', '2025-01-07', { 'n/m/o.txt': null, 'a.b': null });
    // Messages as written, not cleaned up: blank and whitespace-only lines before the subject,
    // trailing blanks and carriage returns, a tab inside, nothing after the subject's paragraph.
    for (const message of ['\n \t\n\r\n  lead  \t\r\nnext\tline \n \nbody\n', 'no newline at the end', '\n\n\n', 'one\n\u00a0\nnbsp is no blank\n']) {
      fixture.git(['commit', '-q', '--allow-empty', '--allow-empty-message', '--cleanup=verbatim', '-m', message], { date: '2025-01-08' });
    }
    await assertEqualToGit(10);
  });

  it('a merge is diffed against its first parent and lists every parent', async () => {
    fixture.git(['checkout', '-q', '-b', 'side']);
    await fixture.commit('side work', '2025-01-02', { 'side.txt': 's\n', 'd/e/f.txt': 'side\n' });
    fixture.git(['checkout', '-q', 'main']);
    await fixture.commit('main work', '2025-01-03', { 'main.txt': 'm\n' });
    fixture.git(['merge', '-q', '--no-ff', '-m', 'merge side', 'side'], { date: '2025-01-04' });
    await fixture.commit('after', '2025-01-05', { 'a.txt': 'after\n' });
    await assertEqualToGit(3);
  });

  it('leaves to git what the objects alone cannot prove', async () => {
    const base = rev('HEAD');
    await fixture.commit('rename', '2025-01-02', { 'a.txt': null, 'moved.txt': 'a\n' });
    assert.equal(await logFromObjects(read, rev('HEAD'), base), undefined, 'an addition with a deletion: -M may pair them');
    const renamed = rev('HEAD');
    await fixture.commit('file to folder', '2025-01-03', { a0: null, 'a0/inside.txt': 'i\n' });
    assert.equal(await logFromObjects(read, rev('HEAD'), renamed), undefined, 'a file that became a folder');
    const folder = rev('HEAD');
    fixture.git(['-c', 'i18n.commitEncoding=ISO-8859-1', 'commit', '-q', '--allow-empty', '-m', 'latin'], { date: '2025-01-04' });
    assert.equal(await logFromObjects(read, rev('HEAD'), folder), undefined, 'an encoding header: git re-encodes the subject');
    const latin = rev('HEAD');
    fixture.git(['update-index', '--add', '--cacheinfo', `160000,${latin},sub`]);
    fixture.git(['commit', '-q', '-m', 'submodule'], { date: '2025-01-05' });
    assert.equal(await logFromObjects(read, rev('HEAD'), latin), undefined, 'a submodule changed');
    // `since` not on the first-parent chain (a side branch's commit), and the root reached.
    fixture.git(['checkout', '-q', '-b', 'side', base]);
    const side = await fixture.commit('side', '2025-01-06', { 'side.txt': 's\n' });
    fixture.git(['checkout', '-q', 'main']);
    assert.equal(await logFromObjects(read, rev('HEAD'), side), undefined, 'since is off the first-parent chain');
    assert.equal(await logFromObjects(read, rev('HEAD'), '0'.repeat(40)), undefined, 'the root reached without meeting since');
  });

  it('leaves to git a range whose trees are too many or too large to read here', async () => {
    const base = rev('HEAD');
    await fixture.commit('deep', '2025-01-02', { 'd/e/f.txt': 'deeper\n' });
    const head = rev('HEAD');
    // The root, d and d/e on both sides: 6 trees.
    assert.ok(await logFromObjects(read, head, base, { trees: 6 }));
    assert.equal(await logFromObjects(read, head, base, { trees: 5 }), undefined);
    assert.equal(await logFromObjects(read, head, base, { treeBytes: 100 }), undefined);
  });

  it('leaves a long range to git', async () => {
    const base = rev('HEAD');
    for (let i = 0; i <= MAX_LOG_COMMITS; i++) fixture.git(['commit', '-q', '--allow-empty', '-m', `c${i}`], { date: '2025-01-02' });
    assert.equal(await logFromObjects(read, rev('HEAD'), base), undefined);
    assert.ok(await logFromObjects(read, rev('HEAD'), rev(`HEAD~${MAX_LOG_COMMITS}`)));
  });

  it('reads damaged or hand-made objects as git would, or not at all', () => {
    const [t, p1, p2] = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];
    const commit = (header: string, message = 'subject\n') => parseCommit(t, Buffer.from(`${header}\n\n${message}`));
    const who = 'A U <a@u> 1700000000 +0100';
    assert.deepEqual(commit(`tree ${t}\nparent ${p1}\nparent ${p2}\nauthor ${who}\ncommitter ${who}`)?.parents, [p1, p2]);
    assert.equal(commit(`tree ${t}\nparent ${p1}\nauthor ${who}\nparent ${p2}\ncommitter ${who}`), undefined, 'a parent line after the author: git does not take it');
    assert.equal(commit(`tree ${t}\nauthor ${who}\ncommitter ${who}\ncommitter ${who}`), undefined, 'two committers');
    assert.equal(commit(`tree ${t}\nauthor ${who}\ncommitter A U <a@u> soon +0100`), undefined, 'no committer time');
    assert.equal(commit(`tree ${t}\nauthor ${who}\ncommitter ${who}\nencoding ISO-8859-1`), undefined, 'an encoding');
    assert.equal(commit(`tree ${t}\nauthor ${who}\ncommitter ${who}`, 'nul\u0000inside'), undefined, 'a NUL in the message');
    assert.equal(commit(`author ${who}\ncommitter ${who}`), undefined, 'no tree');
    assert.equal(commit(`tree ${t}\nauthor ${who}\ncommitter ${who}\ngpgsig -----BEGIN-----\n x\n \n -----END-----`, '\n  \nsubject  \n')?.subject.toString(), 'subject');
    const entry = (mode: string, name: string) => Buffer.concat([Buffer.from(`${mode} ${name}\u0000`), Buffer.alloc(20, 1)]);
    assert.equal(parseTree(Buffer.concat([entry('100644', 'a.c'), entry('40000', 'a-b')]), 20), undefined, 'out of order (a-b/ sorts before a.c)');
    assert.equal(parseTree(Buffer.concat([entry('40000', 'a'), entry('100644', 'a.c')]), 20), undefined, 'out of order (a folder a sorts as a/, after a.c)');
    assert.deepEqual(parseTree(Buffer.concat([entry('100664', 'a'), entry('100644', 'a.c'), entry('40000', 'a')]), 20)?.map((e) => e.mode), ['100644', '100644', '40000'], 'old modes are read as git prints them');
    assert.equal(parseTree(Buffer.concat([entry('100644', 'b'), entry('100644', 'b')]), 20), undefined, 'a name twice');
    assert.equal(parseTree(Buffer.concat([entry('100644', 'x/y')]), 20), undefined, 'a slash in a name');
    assert.equal(parseTree(Buffer.concat([entry('10064x', 'x')]), 20), undefined, 'a mode that is not octal');
    assert.equal(parseTree(entry('100644', 'x').subarray(0, 15), 20), undefined, 'cut short');
  });
});
