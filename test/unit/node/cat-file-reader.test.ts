import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CatFileParser } from '../../../src/node/cat-file-batch';
import { CatFileReader, EDITOR_READER_IDLE_MS, READER_IDLE_MS } from '../../../src/node/cat-file-reader';
import { MAX_OBJECT_BYTES, STABLE_CONFIG } from '../../../src/node/git-invocation';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitFixture } from './git-fixture';

describe('reading files from git (cat-file)', () => {
  let repo: GitFixture;
  let git: SimpleGitHistory;

  beforeEach(async () => {
    repo = await GitFixture.create('cat-file');
    git = new SimpleGitHistory(repo.dir, repo.env);
  });
  afterEach(async () => {
    git.dispose();
    await repo.remove();
  });

  it('reads files at commits and by blob id, in the order asked, with missing ones undefined', async () => {
    const first = await repo.commit('one', '2025-01-01', { 'a b/é.txt': 'one\n', 'bin.dat': 'x\u0000y' });
    const second = await repo.commit('two', '2025-02-01', { 'a b/é.txt': 'two\n' });
    const read = await git.readFiles(
      [
        { sha: second, path: 'a b/é.txt' },
        { sha: first, path: 'a b/é.txt' },
        { sha: first, path: 'missing.txt' },
        { sha: first, path: 'bin.dat' },
        { sha: first, path: 'a b' },
      ],
      1024,
    );
    assert.deepEqual(read.map((b) => b && { text: b.text, binary: b.binary, size: b.size }), [
      { text: 'two\n', binary: undefined, size: 4 },
      { text: 'one\n', binary: undefined, size: 4 },
      undefined,
      { text: undefined, binary: true, size: 3 },
      undefined,
    ]);
    const [byId] = await git.readBlobs([read[1]!.oid], 1024);
    assert.equal(byId?.text, 'one\n');
  });

  it('skips content over the limit, and many reads at once come back complete and in order', async () => {
    const files: Record<string, string> = { 'big.txt': 'x'.repeat(5000) };
    for (let i = 0; i < 1500; i++) files[`f/${i}.txt`] = `file ${i}\n`;
    const sha = await repo.commit('many', '2025-01-01', files);
    const [big] = await git.readFiles([{ sha, path: 'big.txt' }], 1000);
    assert.deepEqual(big && { size: big.size, tooLarge: big.tooLarge, text: big.text }, { size: 5000, tooLarge: true, text: undefined });
    const read = await git.readFiles(Array.from({ length: 1500 }, (_, i) => ({ sha, path: `f/${i}.txt` })), 1000);
    assert.deepEqual(read.map((b) => b?.text), Array.from({ length: 1500 }, (_, i) => `file ${i}\n`));
  });

  it('rejects an aborted read, and the next read works', async () => {
    const sha = await repo.commit('one', '2025-01-01', { 'a.txt': 'a\n' });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(git.readFiles([{ sha, path: 'a.txt' }], 1000, controller.signal));
    assert.equal((await git.readFiles([{ sha, path: 'a.txt' }], 1000))[0]?.text, 'a\n');
  });

  it('reads unchanged files from disk, leaving symbolic links, converted and too large files to git', async () => {
    await repo.commit('one', '2025-01-01', { 'real/a.txt': 'a\n', 'crlf.txt': 'x\n', 'big.txt': 'b'.repeat(2000), '.gitattributes': 'crlf.txt ident\n' });
    await fs.symlink('a.txt', path.join(repo.dir, 'real', 'link.txt'));
    await fs.symlink('real', path.join(repo.dir, 'linked'));
    repo.git(['add', '-A']);
    repo.git(['commit', '-qm', 'links']);
    const read = await git.readWorkingFiles(['real/a.txt', 'real/link.txt', 'linked/a.txt', 'crlf.txt', 'big.txt', 'missing.txt'], 1000);
    assert.deepEqual(read.map((b) => b?.text), ['a\n', undefined, undefined, undefined, undefined, undefined]);
    assert.ok(read[0]!.oid.startsWith('worktree:'));
  });

  it('parses --batch output split anywhere, locating content by its size', () => {
    const content = 'line\n1234567890123456789012345678901234567890 blob 3\nend';
    const text = `${'a'.repeat(40)} blob ${Buffer.byteLength(content)}\n${content}\nname missing\n${'b'.repeat(40)} blob 2\nhi\n`;
    const bytes = Buffer.from(text);
    for (const size of [1, 3, 7, bytes.length]) {
      const parser = new CatFileParser(true);
      for (let i = 0; i < bytes.length; i += size) parser.feed(bytes.subarray(i, i + size));
      assert.deepEqual(
        parser.end().map((r) => (r.found ? [r.oid.slice(0, 1), r.size, r.content?.toString()] : 'missing')),
        [['a', Buffer.byteLength(content), content], 'missing', ['b', 2, 'hi']],
        `chunks of ${size}`,
      );
    }
  });
});

describe('how long an idle cat-file reader runs', () => {
  let repo: GitFixture;
  beforeEach(async () => {
    repo = await GitFixture.create('cat-file-idle');
    await repo.commit('one', '2025-01-01', { 'a.txt': 'a\n' });
  });
  afterEach(async () => repo.remove());

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('stops after its idle time, and a reader kept longer is still running', async () => {
    const short = new CatFileReader(repo.dir, repo.env, STABLE_CONFIG, MAX_OBJECT_BYTES);
    const kept = new CatFileReader(repo.dir, repo.env, STABLE_CONFIG, MAX_OBJECT_BYTES);
    short.idleMs = 20;
    kept.idleMs = 10 * 60_000;
    try {
      await Promise.all([short.read(['HEAD']), kept.read(['HEAD'])]);
      await sleep(500);
      assert.deepEqual([short.running, kept.running], [false, true]);
    } finally {
      short.close();
      kept.close();
    }
  });

  it('the editor keeps its readers between re-checks (not on Windows); any other run lets them stop after a few seconds', async () => {
    const git = new SimpleGitHistory(repo.dir, repo.env);
    const readers = () => (git as unknown as { readers: CatFileReader[] }).readers;
    try {
      await git.state(undefined, { watched: true });
      assert.ok(readers().length > 0);
      for (const reader of readers()) assert.equal(reader.idleMs, process.platform === 'win32' ? READER_IDLE_MS : EDITOR_READER_IDLE_MS);
      await git.state();
      for (const reader of readers()) assert.equal(reader.idleMs, READER_IDLE_MS);
      assert.ok(EDITOR_READER_IDLE_MS >= 5 * 60_000 && READER_IDLE_MS <= 10_000);
    } finally {
      git.dispose();
    }
  });
});
