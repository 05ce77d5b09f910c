import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { ConfigFileError, loadConfigFile } from '../../../src/node/config-file';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { OUTSIDE_REASON, readInside, resolveInside } from '../../../src/node/workspace-boundary';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';
import { GitFixture } from './git-fixture';

const SECRET = 'root:x:0:0:SECRET-VALUE-1234';

describe('the workspace boundary', () => {
  let base: string;
  let root: string;
  let outside: string;

  beforeEach(async () => {
    base = await makeTempDir('boundary');
    root = path.join(base, 'repo');
    outside = path.join(base, 'outside');
    await writeTree(base, { 'repo/docs/a.md': '# A\n', 'outside/secret.txt': `${SECRET}\n` });
  });
  afterEach(() => removeTempDir(base));

  it('resolves a file inside the root, through an in-root link too', async () => {
    await fs.symlink('docs/a.md', path.join(root, 'link.md'));
    const real = await fs.realpath(path.join(root, 'docs', 'a.md'));
    assert.deepEqual(await resolveInside(root, 'docs/a.md'), { kind: 'inside', real });
    assert.deepEqual(await resolveInside(root, 'link.md'), { kind: 'inside', real });
    assert.deepEqual(await resolveInside(root, 'docs/none.md'), { kind: 'missing' });
  });

  it('refuses a link out of the root and a dangling link alike (no existence oracle)', async () => {
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'present'));
    await fs.symlink(path.join(outside, 'nothing.txt'), path.join(root, 'dangling'));
    await fs.symlink(outside, path.join(root, 'dir'));
    const answers = [
      await resolveInside(root, 'present'),
      await resolveInside(root, 'dangling'),
      await resolveInside(root, 'dir/secret.txt'),
      await resolveInside(root, 'dir/nothing.txt'),
      await resolveInside(root, '../outside/secret.txt'),
      await resolveInside(root, path.join(outside, 'secret.txt')),
    ];
    assert.deepEqual(answers, Array(6).fill({ kind: 'refused', reason: OUTSIDE_REASON }));
  });

  it('reads only regular files: a FIFO, /dev/zero, a folder and an oversized file are refused without blocking', async () => {
    execFileSync('mkfifo', [path.join(root, 'fifo')]);
    await fs.symlink('/dev/zero', path.join(root, 'zero'));
    await writeTree(root, { 'big.md': 'x'.repeat(2000) });
    const started = Date.now();
    const results = [await readInside(root, 'fifo'), await readInside(root, 'zero'), await readInside(root, 'docs'), await readInside(root, 'big.md', 1000)];
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(results, [
      { kind: 'refused', reason: 'is not a regular file (a FIFO, device or socket); it is not read' },
      { kind: 'refused', reason: OUTSIDE_REASON },
      { kind: 'refused', reason: 'is a folder; it is not read', code: 'EISDIR' },
      { kind: 'refused', reason: 'is larger than 1 KB; it is not read' },
    ]);
    const read = await readInside(root, 'docs/a.md');
    assert.equal(read.kind === 'file' ? read.bytes.toString() : read.kind, '# A\n');
  });

  describe('config files', () => {
    it('never reads a .runbooks.yml that links out of the root, and says the same for a dangling link', async () => {
      await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, '.runbooks.yml'));
      const present = await loadConfigFile(root).catch((e: Error) => e);
      await fs.rm(path.join(root, '.runbooks.yml'));
      await fs.symlink(path.join(outside, 'nothing.yml'), path.join(root, '.runbooks.yml'));
      const dangling = await loadConfigFile(root).catch((e: Error) => e);
      const file = path.join(root, '.runbooks.yml');
      for (const error of [present, dangling]) {
        assert.ok(error instanceof ConfigFileError);
        assert.equal(error.message, `config file ${file} ${OUTSIDE_REASON}`);
      }
    });

    it('refuses a config file that is a FIFO or a link to /dev/zero, at once', async () => {
      execFileSync('mkfifo', [path.join(root, '.runbooks.yml')]);
      await assert.rejects(loadConfigFile(root), { message: `config file ${path.join(root, '.runbooks.yml')} is not a regular file (a FIFO, device or socket); it is not read` });
      await fs.rm(path.join(root, '.runbooks.yml'));
      await fs.symlink('/dev/zero', path.join(root, '.runbooks.yaml'));
      await assert.rejects(loadConfigFile(root), { message: `config file ${path.join(root, '.runbooks.yaml')} ${OUTSIDE_REASON}` });
    });

    it('report exits 2 the same way for a present and a dangling outside link, and prints no line of the target', async () => {
      const run = async () => {
        const out: string[] = [];
        const code = await main(['report', '--no-cache'], { out: (s) => out.push(s), err: (s) => out.push(s), cwd: root, env: { PATH: process.env.PATH ?? '', HOME: base } });
        return { code, text: out.join('\n') };
      };
      await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, '.runbooks.yml'));
      const present = await run();
      await fs.rm(path.join(root, '.runbooks.yml'));
      await fs.symlink(path.join(outside, 'gone.txt'), path.join(root, '.runbooks.yml'));
      const dangling = await run();
      assert.deepEqual(present, dangling);
      assert.equal(present.code, 2);
      assert.doesNotMatch(present.text, /SECRET/);
    });
  });

  describe('.git-blame-ignore-revs', () => {
    let repo: GitFixture;
    beforeEach(async () => {
      repo = await GitFixture.create('ignore-revs');
      await repo.commit('one', '2025-01-01', { 'a.txt': 'a\n' });
    });
    afterEach(() => repo.remove());

    it('reads the file in the repository, and nothing a link or blame.ignoreRevsFile points at outside', async () => {
      const sha = repo.git(['rev-parse', 'HEAD']).trim();
      const outsideRevs = path.join(repo.base, 'revs');
      await fs.writeFile(outsideRevs, `${sha}\n`);
      const git = new SimpleGitHistory(repo.dir, repo.env);
      await repo.write({ '.git-blame-ignore-revs': `# formatting\n${sha}\n` });
      assert.deepEqual(await git.ignoreRevs(), [sha]);
      await fs.rm(path.join(repo.dir, '.git-blame-ignore-revs'));
      await fs.symlink(outsideRevs, path.join(repo.dir, '.git-blame-ignore-revs'));
      assert.deepEqual(await git.ignoreRevs(), []);
      await fs.rm(path.join(repo.dir, '.git-blame-ignore-revs'));
      repo.git(['config', 'blame.ignoreRevsFile', outsideRevs]);
      assert.deepEqual(await new SimpleGitHistory(repo.dir, repo.env).ignoreRevs(), []);
      repo.git(['config', 'blame.ignoreRevsFile', '/dev/stdin']);
      const started = Date.now();
      assert.deepEqual(await new SimpleGitHistory(repo.dir, repo.env).ignoreRevs(), []);
      assert.ok(Date.now() - started < 1000);
    });
  });
});
