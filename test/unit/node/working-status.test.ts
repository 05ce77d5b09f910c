import assert from 'node:assert/strict';
import fsSync from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { FileChange } from '../../../src/core/staleness/ports';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';
import { recordSpawns } from './spawn-recorder';

const NOW = new Date('2025-06-01T00:00:00Z');
const DB = '# Db\n\nThe [pool](../deploy/pool.yaml) sets the size.\n';
/** Long ago, so the entries git writes for files with this time are not racily clean. */
const OLD = new Date('2024-01-01T00:00:00Z');

/**
 * The status of the watched paths (`GitHistory.workingChanges`) without a process where the index
 * file, lstat and HEAD prove git's answer: a commit of a saved file then costs the editor's
 * re-check no `git status`. In every case below the answer equals git's own status of the tree
 * (the adapter's whole-tree `changedFiles('HEAD')`, limited to the paths asked), and a status of
 * the paths is started exactly when the answer cannot be proven.
 */
describe('the watched paths’ status without a process', function () {
  this.timeout(60000);
  let repo: GitFixture;
  let started: string[][];
  let stopRecording: () => void;
  let history: SimpleGitHistory;

  beforeEach(async () => {
    repo = await GitFixture.create('working-status');
    started = [];
    stopRecording = recordSpawns((command) => started.push(command));
    await repo.commit('start', '2025-01-01', { 'runbooks/db.md': DB, 'deploy/pool.yaml': 'size: 10\n', 'deploy/proxy.yaml': 'port: 80\n', 'docs/a.md': '# A\n' });
    history = new SimpleGitHistory(repo.dir, repo.env);
  });
  afterEach(async () => {
    history.dispose();
    stopRecording();
    await repo.remove();
  });

  const file = (p: string) => path.join(repo.dir, ...p.split('/'));
  /** The limited statuses started since the last `started = []`. */
  const limited = () => started.filter((c) => c.includes('status') && c.includes('--')).length;
  const sorted = (changes: FileChange[]) => JSON.stringify([...changes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
  /** Puts a file's times far back (as a file saved long ago), so git's entry for it is not racy. */
  const age = (p: string) => fs.utimes(file(p), OLD, OLD);

  /** Our answer for `paths` (as a run starts: `state` first), then git's own, compared; returns whether our answer started a status. */
  async function compare(paths: string[]): Promise<{ git: boolean; changes: FileChange[] }> {
    await history.state();
    started = [];
    const ours = await history.workingChanges(paths);
    const git = limited() > 0;
    const reference = new SimpleGitHistory(repo.dir, repo.env);
    await reference.state();
    const whole = await reference.changedFiles('HEAD', undefined);
    reference.dispose();
    const theirs = whole.filter((c) => paths.some((p) => c.path === p || c.path.startsWith(`${p}/`) || c.from === p));
    assert.equal(sorted(ours), sorted(theirs), `ours ${sorted(ours)}, git's ${sorted(theirs)}`);
    return { git, changes: ours };
  }

  /** Commits `content` at `p` as the bench does: saved, added and committed at once (the entry is racily clean). */
  async function saveAndCommit(p: string, content: string, date = '2025-02-01'): Promise<void> {
    await repo.write({ [p]: content });
    repo.git(['add', '--', p]);
    repo.git(['commit', '-q', '-m', `tune ${p}`], { date });
  }

  it('a saved file just committed: clean without a status (racy entry, content hashed)', async () => {
    await saveAndCommit('deploy/pool.yaml', 'size: 20\n');
    assert.deepEqual(await compare(['deploy/pool.yaml']), { git: false, changes: [] });
  });

  it('a file whose stat data match its entry and is not racy: clean without reading it', async () => {
    await repo.write({ 'deploy/pool.yaml': 'size: 20\n' });
    await age('deploy/pool.yaml');
    repo.git(['add', '--', 'deploy/pool.yaml']);
    repo.git(['commit', '-q', '-m', 'tune'], { date: '2025-02-01' });
    assert.deepEqual(await compare(['deploy/pool.yaml', 'docs/a.md']), { git: false, changes: [] });
  });

  it('an edit of the same size with the modification time put back: git', async () => {
    await saveAndCommit('deploy/pool.yaml', 'size: 20\n');
    const before = await fs.stat(file('deploy/pool.yaml'));
    await repo.write({ 'deploy/pool.yaml': 'size: 21\n' });
    await fs.utimes(file('deploy/pool.yaml'), before.atime, before.mtime);
    assert.equal((await compare(['deploy/pool.yaml'])).git, true);
    execFileSync('touch', ['-d', '2024-01-01 00:00:00', file('deploy/pool.yaml')]);
    const { git, changes } = await compare(['deploy/pool.yaml']);
    assert.equal(git, true);
    assert.deepEqual(changes, [{ status: 'M', path: 'deploy/pool.yaml' }]);
  });

  it('racy: an entry whose stat data match a file of other content is read by git when racy, trusted when not', async () => {
    // The working file (same size as HEAD's), added; then the entry made to name HEAD's blob, its stat data kept.
    await repo.write({ 'deploy/pool.yaml': 'size: 99\n' });
    repo.git(['add', '--', 'deploy/pool.yaml']);
    setEntryOid(path.join(repo.dir, '.git', 'index'), 'deploy/pool.yaml', repo.git(['rev-parse', 'HEAD:deploy/pool.yaml']).trim());
    const index = path.join(repo.dir, '.git', 'index');
    const stat = await fs.stat(file('deploy/pool.yaml'));
    // The index written in the file's second: racily clean, git compares the content.
    await fs.utimes(index, stat.mtime, stat.mtime);
    const racy = await compare(['deploy/pool.yaml']);
    assert.deepEqual(racy, { git: true, changes: [{ status: 'M', path: 'deploy/pool.yaml' }] });
    // Written well after: git trusts the stat data (and says clean), as does the proof.
    const later = new Date(stat.mtime.getTime() + 10_000);
    await fs.utimes(index, later, later);
    assert.deepEqual(await compare(['deploy/pool.yaml']), { git: false, changes: [] });
  });

  it('chmod +x, a file turned into a symbolic link, a deleted file: git', async () => {
    await fs.chmod(file('deploy/pool.yaml'), 0o755);
    await fs.rm(file('deploy/proxy.yaml'));
    await fs.symlink('pool.yaml', file('deploy/proxy.yaml'));
    await fs.rm(file('docs/a.md'));
    const { git, changes } = await compare(['deploy/pool.yaml', 'deploy/proxy.yaml', 'docs/a.md']);
    assert.equal(git, true);
    assert.equal(changes.length, 3);
  });

  it('staged but not committed, a staged mode change, an intent-to-add file: git', async () => {
    await repo.write({ 'deploy/pool.yaml': 'size: 30\n', 'deploy/new.yaml': 'n: 1\n' });
    repo.git(['add', '--', 'deploy/pool.yaml']);
    repo.git(['add', '-N', '--', 'deploy/new.yaml']);
    repo.git(['update-index', '--chmod=+x', 'deploy/proxy.yaml']);
    const { git, changes } = await compare(['deploy/pool.yaml', 'deploy/new.yaml', 'deploy/proxy.yaml']);
    assert.equal(git, true);
    assert.equal(changes.length, 3);
  });

  it('skip-worktree and assume-unchanged files edited: git (which calls them clean)', async () => {
    repo.git(['update-index', '--skip-worktree', 'deploy/pool.yaml']);
    repo.git(['update-index', '--assume-unchanged', 'deploy/proxy.yaml']);
    await repo.write({ 'deploy/pool.yaml': 'size: 11\n', 'deploy/proxy.yaml': 'port: 81\n' });
    assert.deepEqual(await compare(['deploy/pool.yaml', 'deploy/proxy.yaml']), { git: true, changes: [] });
  });

  it('a file git converts (a clean filter; CRLF with core.autocrlf): git', async () => {
    repo.git(['config', 'core.autocrlf', 'true']);
    repo.git(['config', 'filter.upper.clean', 'tr a-z A-Z']);
    repo.git(['config', 'filter.upper.smudge', 'cat']);
    await repo.commit('converted', '2025-02-01', { '.gitattributes': 'up.txt filter=upper\n', 'up.txt': 'HELLO\n', 'crlf.txt': 'a\r\nb\r\n' });
    // Touched: the stat data no longer match, the content must be compared through git's conversion.
    execFileSync('touch', ['-d', '2024-01-01 00:00:00', file('up.txt'), file('crlf.txt')]);
    const { git } = await compare(['up.txt', 'crlf.txt']);
    assert.equal(git, true);
  });

  it('a submodule: git', async () => {
    const sub = path.join(repo.dir, 'sub');
    await fs.mkdir(sub);
    repo.git(['init', '-q', '-b', 'main'], { cwd: sub });
    await fs.writeFile(path.join(sub, 'x'), 'x\n');
    repo.git(['add', 'x'], { cwd: sub });
    repo.git(['commit', '-q', '-m', 'x'], { cwd: sub });
    repo.git(['add', 'sub']);
    repo.git(['commit', '-q', '-m', 'sub'], { date: '2025-02-01' });
    assert.equal((await compare(['sub'])).git, true);
  });

  it('a path whose folder is a symbolic link to outside the workspace: git (which calls it deleted), nothing read through it', async () => {
    const outside = path.join(repo.base, 'outside');
    await fs.mkdir(outside);
    await fs.copyFile(file('docs/a.md'), path.join(outside, 'a.md'));
    await fs.rm(path.join(repo.dir, 'docs'), { recursive: true });
    await fs.symlink(outside, path.join(repo.dir, 'docs'));
    assert.deepEqual(await compare(['docs/a.md']), { git: true, changes: [{ status: 'D', path: 'docs/a.md' }] });
  });

  it('a path that climbs out of the workspace (`..`, absolute, `.`) is never looked at here: git answers', async () => {
    const outside = path.join(repo.base, 'outside');
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, 'secret.txt'), 'not ours\n');
    const looked: string[] = [];
    const real = { lstatSync: fsSync.lstatSync, openSync: fsSync.openSync };
    (fsSync as { lstatSync: unknown }).lstatSync = (p: fsSync.PathLike, ...rest: unknown[]) => (looked.push(String(p)), (real.lstatSync as (...a: unknown[]) => unknown)(p, ...rest));
    (fsSync as { openSync: unknown }).openSync = (p: fsSync.PathLike, ...rest: unknown[]) => (looked.push(String(p)), (real.openSync as (...a: unknown[]) => unknown)(p, ...rest));
    try {
      for (const asked of ['../outside/secret.txt', 'docs/../../outside/secret.txt', path.join(outside, 'secret.txt'), './docs/a.md']) {
        looked.length = 0;
        await history.state();
        started = [];
        await history.workingChanges([asked]).catch(() => undefined);
        assert.deepEqual(looked.filter((p) => p.startsWith(outside) || path.relative(repo.dir, p).startsWith('..')), [], asked);
        assert.equal(limited(), 1, asked);
      }
    } finally {
      Object.assign(fsSync, real);
    }
  });

  /** Counts the bytes of the index file read synchronously and read off the thread (`FileHandle.read`), until `restore`. */
  function countIndexReads(indexFile: string): { sync: number; async: number; restore: () => void } {
    const counts = { sync: 0, async: 0, restore: () => undefined as void };
    const fds = new Set<number>();
    const real = { openSync: fsSync.openSync, readSync: fsSync.readSync, closeSync: fsSync.closeSync };
    const open = fsSync.promises.open;
    // File descriptors are numbers used again once closed: only the index file's, while open, count.
    (fsSync as { closeSync: unknown }).closeSync = (fd: number) => (fds.delete(fd), real.closeSync(fd));
    (fsSync as { openSync: unknown }).openSync = (p: fsSync.PathLike, ...rest: unknown[]) => {
      const fd = (real.openSync as (...a: unknown[]) => number)(p, ...rest);
      if (path.resolve(String(p)) === indexFile) fds.add(fd);
      return fd;
    };
    (fsSync as { readSync: unknown }).readSync = (fd: number, ...rest: unknown[]) => {
      const read = (real.readSync as (...a: unknown[]) => number)(fd, ...rest);
      if (fds.has(fd)) counts.sync += read;
      return read;
    };
    fsSync.promises.open = async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      if (path.resolve(String(args[0])) !== indexFile) return handle;
      const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<{ bytesRead: number }>;
      (handle as { read: unknown }).read = async (...a: unknown[]) => {
        const done = await read(...a);
        counts.async += done.bytesRead;
        return done;
      };
      return handle;
    };
    counts.restore = () => {
      Object.assign(fsSync, real);
      fsSync.promises.open = open;
    };
    return counts;
  }

  it('reads the index file once per change of it, for the docs’ texts and the watched paths’ status alike', async () => {
    await saveAndCommit('deploy/pool.yaml', 'size: 20\n');
    const indexFile = path.join(repo.dir, '.git', 'index');
    const size = (await fs.stat(indexFile)).size;
    const reads = countIndexReads(indexFile);
    try {
      await history.state();
      await history.readWorkingFiles(['docs/a.md'], 1 << 20);
      started = [];
      assert.deepEqual(await history.workingChanges(['deploy/pool.yaml']), []);
      assert.equal(limited(), 0);
      assert.equal(reads.sync + reads.async, size, 'the index file was read more than once');
    } finally {
      reads.restore();
    }
  });

  it('reads a changed index file off the calling thread: the run’s own reads of it are not synchronous', async () => {
    // Right after git replaced the file, its first read can take tens of ms (seen on virtual
    // machines): the extension host's thread must not wait on it.
    await saveAndCommit('deploy/pool.yaml', 'size: 20\n');
    const reads = countIndexReads(path.join(repo.dir, '.git', 'index'));
    try {
      await history.state();
      await history.readWorkingFiles(['docs/a.md'], 1 << 20);
      started = [];
      assert.deepEqual(await history.workingChanges(['deploy/pool.yaml']), []);
      await saveAndCommit('deploy/pool.yaml', 'size: 30\n');
      await history.state();
      assert.deepEqual(await history.workingChanges(['deploy/pool.yaml']), []);
      assert.equal(limited(), 0);
      assert.equal(reads.sync, 0, 'the index file was read on the calling thread');
      assert.ok(reads.async > 0);
    } finally {
      reads.restore();
    }
  });

  it('touched, then `git update-index --refresh`: clean without a status both times', async () => {
    await age('deploy/pool.yaml');
    assert.deepEqual(await compare(['deploy/pool.yaml']), { git: false, changes: [] });
    repo.git(['update-index', '--refresh']);
    assert.deepEqual(await compare(['deploy/pool.yaml']), { git: false, changes: [] });
  });

  it('an uncommitted file left alone is answered as the last status found it; edited, asked again; reverted, clean', async () => {
    await repo.write({ 'deploy/pool.yaml': 'size: 50\n' });
    // Reused only when the file had not changed for 2 s when the status began.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const modified = [{ status: 'M', path: 'deploy/pool.yaml' }];
    assert.deepEqual(await compare(['deploy/pool.yaml']), { git: true, changes: modified });
    assert.deepEqual(await compare(['deploy/pool.yaml']), { git: false, changes: modified });
    assert.deepEqual(await compare(['deploy/pool.yaml', 'docs/a.md']), { git: false, changes: modified });
    await repo.write({ 'deploy/pool.yaml': 'size: 55\n' });
    assert.deepEqual(await compare(['deploy/pool.yaml']), { git: true, changes: modified });
    assert.deepEqual(await compare(['deploy/pool.yaml']), { git: true, changes: modified }, 'just edited: not kept');
    await repo.write({ 'deploy/pool.yaml': 'size: 10\n' });
    assert.deepEqual(await compare(['deploy/pool.yaml']), { git: false, changes: [] });
  });

  it('a deleted file left alone is answered again without a status; staged, asked again', async () => {
    await fs.rm(file('docs/a.md'));
    const deleted = [{ status: 'D', path: 'docs/a.md' }];
    assert.deepEqual(await compare(['docs/a.md']), { git: true, changes: deleted });
    assert.deepEqual(await compare(['docs/a.md']), { git: false, changes: deleted });
    repo.git(['rm', '-q', '--cached', 'docs/a.md']);
    assert.deepEqual(await compare(['docs/a.md']), { git: true, changes: deleted });
  });

  it('a file replaced by a folder is never answered from the last status: files may appear below it', async () => {
    await fs.rm(file('docs/a.md'));
    await repo.write({ 'docs/a.md/deeper/one.md': '1\n' });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    assert.equal((await compare(['docs/a.md'])).git, true);
    await repo.write({ 'docs/a.md/deeper/two.md': '2\n' });
    const { git, changes } = await compare(['docs/a.md']);
    assert.equal(git, true);
    assert.equal(changes.length, 3);
  });

  it('a workspace below the repository’s top: its paths, proven and found as git finds them', async () => {
    const below = new SimpleGitHistory(path.join(repo.dir, 'deploy'), repo.env);
    try {
      await saveAndCommit('deploy/pool.yaml', 'size: 20\n');
      await below.state();
      started = [];
      assert.deepEqual(await below.workingChanges(['pool.yaml', 'proxy.yaml']), []);
      assert.equal(limited(), 0);
      await repo.write({ 'deploy/pool.yaml': 'size: 21\n' });
      assert.deepEqual(await below.workingChanges(['pool.yaml', 'proxy.yaml']), [{ status: 'M', path: 'pool.yaml' }]);
      assert.equal(limited(), 1);
    } finally {
      below.dispose();
    }
  });

  it('a kept answer is not reused once a commit changed HEAD’s entry', async () => {
    await fs.rm(file('docs/a.md'));
    await compare(['docs/a.md']);
    // HEAD moves under the unchanged index and working tree (plumbing): the path is no longer deleted from HEAD's view alone.
    repo.git(['update-index', '--cacheinfo', `100644,${repo.git(['rev-parse', 'HEAD:deploy/pool.yaml']).trim()},docs/a.md`]);
    const tree = repo.git(['write-tree']).trim();
    repo.git(['update-ref', 'HEAD', repo.git(['commit-tree', tree, '-p', 'HEAD', '-m', 'a as pool'], { date: '2025-02-01' }).trim()]);
    assert.equal((await compare(['docs/a.md'])).git, true);
  });

  it('a folder, a path no one has, a path with a new untracked file: git', async () => {
    await repo.write({ 'deploy/extra.yaml': 'e: 1\n' });
    assert.equal((await compare(['deploy'])).git, true);
    assert.equal((await compare(['nowhere.md'])).git, true);
    assert.equal((await compare(['deploy/extra.yaml'])).git, true);
  });

  it('an index of version 4 and a SHA-256 repository are read as well', async () => {
    repo.git(['update-index', '--index-version', '4']);
    await saveAndCommit('deploy/pool.yaml', 'size: 40\n');
    assert.deepEqual(await compare(['deploy/pool.yaml', 'docs/a.md']), { git: false, changes: [] });
    const other = await GitFixture.create('working-status-256', { init: false });
    try {
      other.git(['init', '-q', '-b', 'main', '--object-format=sha256']);
      await other.commit('start', '2025-01-01', { 'a.md': '# A\n' });
      const h = new SimpleGitHistory(other.dir, other.env);
      await h.state();
      started = [];
      assert.deepEqual(await h.workingChanges(['a.md']), []);
      assert.equal(limited(), 0);
      await other.write({ 'a.md': '# B\n' });
      assert.deepEqual(await h.workingChanges(['a.md']), [{ status: 'M', path: 'a.md' }]);
      h.dispose();
    } finally {
      await other.remove();
    }
  });

  it('the editor’s re-check after a commit of a saved file starts no status and reports as a cold run', async () => {
    const engine = () => new StalenessEngine({ git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env) }, { now: () => NOW, mentions: false });
    const docs = () => repo.docs(['runbooks/db.md']);
    const kept = engine();
    await kept.report(await docs());
    await saveAndCommit('deploy/pool.yaml', 'size: 20\n');
    started = [];
    const report = await kept.report(await docs(), { watched: { paths: ['deploy/pool.yaml'], refs: false } });
    assert.equal(started.filter((c) => c.includes('status')).length, 0, JSON.stringify(started));
    assert.equal(JSON.stringify(report.docs), JSON.stringify((await engine().report(await docs())).docs));
    assert.equal(report.docs[0]!.level, 'stale');
  });
});

/** Rewrites the index entry of `name` to name blob `oid` (stat data kept), with the index's checksum made again. */
function setEntryOid(indexFile: string, name: string, oid: string): void {
  const bytes = readFileSync(indexFile);
  const at = bytes.indexOf(Buffer.from(`${name}\0`, 'latin1'));
  // Version 2: the name follows 40 bytes of stat data, the 20-byte id and 2 bytes of flags.
  Buffer.from(oid, 'hex').copy(bytes, at - 22);
  createHash('sha1').update(bytes.subarray(0, bytes.length - 20)).digest().copy(bytes, bytes.length - 20);
  writeFileSync(indexFile, bytes);
}
