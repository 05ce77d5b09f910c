import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../../../src/core/doc-filter';
import { NodeDocSource } from '../../../src/node/node-doc-source';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

const MTIME = new Date('2025-01-02T03:04:05Z');

describe('NodeDocSource', () => {
  let base: string;
  let root: string;
  let source: NodeDocSource;

  beforeEach(async () => {
    base = await makeTempDir('doc-source');
    root = path.join(base, 'repo');
    await writeTree(base, { 'outside.md': '# Outside the workspace\n' });
    await writeTree(root, {
      'README.md': '# Repo\n',
      'runbooks/b.md': '# B\n',
      'runbooks/a.md': '# A\n',
      'docs/notes.markdown': '# Notes\n',
      'docs/diagram.png': 'not markdown',
      'notes.txt': 'not markdown',
      'node_modules/pkg/README.md': '# A dependency\n',
      'vendor/lib/README.md': '# Vendored\n',
      'generated/report.md': '# Generated\n',
      'services/api/.gitignore': '*.draft.md\n',
      'services/api/runbook.md': '# API\n',
      'services/api/new.draft.md': '# Draft\n',
      '.gitignore': 'generated/\n',
    });
    await fs.symlink(path.join(base, 'outside.md'), path.join(root, 'escape.md'));
    await fs.symlink(path.join(root, 'runbooks', 'a.md'), path.join(root, 'alias.md'));
    await fs.symlink(path.join(root, 'runbooks'), path.join(root, 'linked-runbooks'));
    await fs.utimes(path.join(root, 'runbooks', 'a.md'), MTIME, MTIME);
    source = new NodeDocSource(root, { include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, useGitignore: true });
  });

  afterEach(async () => {
    await removeTempDir(base);
  });

  it('lists only admitted documents, sorted by path', async () => {
    const files = await source.list();
    assert.deepEqual(
      files.map((f) => f.path),
      ['README.md', 'docs/notes.markdown', 'runbooks/a.md', 'runbooks/b.md', 'services/api/runbook.md'],
    );
  });

  it('stamps each file with its mtime and size', async () => {
    const files = await source.list();
    assert.deepEqual(
      files.find((f) => f.path === 'runbooks/a.md'),
      { path: 'runbooks/a.md', mtimeMs: MTIME.getTime(), size: '# A\n'.length },
    );
  });

  it('skips git-ignored folders and files, including those of a nested .gitignore', async () => {
    const listed = (await source.list()).map((f) => f.path);
    assert.equal(listed.includes('generated/report.md'), false);
    assert.equal(listed.includes('services/api/new.draft.md'), false);
    assert.equal(await source.stat('generated/report.md'), undefined);
    assert.equal(await source.stat('services/api/new.draft.md'), undefined);
  });

  it('lists git-ignored files when useGitignore is off', async () => {
    const all = new NodeDocSource(root, { include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, useGitignore: false });
    const listed = (await all.list()).map((f) => f.path);
    assert.deepEqual(
      listed.filter((p) => p.startsWith('generated/') || p.startsWith('services/')),
      ['generated/report.md', 'services/api/new.draft.md', 'services/api/runbook.md'],
    );
  });

  it('refuses a symbolic link to a file outside the root, in list, stat and read', async () => {
    assert.equal((await source.list()).some((f) => f.path === 'escape.md'), false);
    assert.equal(await source.stat('escape.md'), undefined);
    await assert.rejects(source.read('escape.md'), { message: 'escape.md links to a file outside the workspace' });
  });

  it('lists a symbolic link to a document once, under the document\'s own path (CLAUDE.md → AGENTS.md is one doc, not two)', async () => {
    const listed = (await source.list()).map((f) => f.path);
    assert.equal(listed.includes('alias.md'), false);
    assert.equal(listed.filter((p) => p === 'runbooks/a.md').length, 1);
    assert.equal(await source.stat('alias.md'), undefined);
    assert.equal(new TextDecoder().decode(await source.read('alias.md')), '# A\n');
  });

  it('follows a symbolic link inside the root to a file that is not a document itself', async () => {
    await fs.symlink(path.join(root, 'vendor', 'lib', 'README.md'), path.join(root, 'vendored.md'));
    await fs.symlink(path.join(root, 'notes.txt'), path.join(root, 'notes.md'));
    const listed = (await source.list()).map((f) => f.path);
    assert.deepEqual(listed.filter((p) => p === 'vendored.md' || p === 'notes.md'), ['notes.md', 'vendored.md']);
    assert.deepEqual(await source.stat('vendored.md'), { path: 'vendored.md', mtimeMs: (await fs.stat(path.join(root, 'vendor/lib/README.md'))).mtimeMs, size: '# Vendored\n'.length });
    assert.equal(new TextDecoder().decode(await source.read('notes.md')), 'not markdown');
  });

  it('does not enter a symbolic link to a folder', async () => {
    assert.equal((await source.list()).some((f) => f.path.startsWith('linked-runbooks/')), false);
  });

  it('rejects paths that leave the root', async () => {
    assert.equal(await source.stat('../outside.md'), undefined);
    assert.equal(await source.stat('runbooks/../../outside.md'), undefined);
    await assert.rejects(source.read('../outside.md'), { message: '../outside.md is outside the workspace' });
  });

  it('gives no stamp for excluded, non-markdown, missing or folder paths', async () => {
    assert.deepEqual(
      await Promise.all(['node_modules/pkg/README.md', 'vendor/lib/README.md', 'notes.txt', 'runbooks/missing.md', 'runbooks'].map((p) => source.stat(p))),
      [undefined, undefined, undefined, undefined, undefined],
    );
  });

  it('reads the bytes of a document', async () => {
    assert.equal(new TextDecoder().decode(await source.read('runbooks/b.md')), '# B\n');
  });

  it('rejects reading a file that does not exist', async () => {
    await assert.rejects(source.read('runbooks/missing.md'), { code: 'ENOENT' });
  });

  it('rejects listing with an aborted signal', async () => {
    await assert.rejects(source.list(AbortSignal.abort()), { name: 'AbortError' });
  });

  it('lists nothing in an empty folder', async () => {
    const empty = path.join(base, 'empty');
    await fs.mkdir(empty);
    assert.deepEqual(await new NodeDocSource(empty, { include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, useGitignore: true }).list(), []);
  });
  it('lists files and folders whose names are not UTF-8 under escaped names, stamps them and reads them by their bytes (#21)', async () => {
    const raw = (...parts: Array<string | number>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from([p]))));
    await fs.mkdir(raw(`${root}/ops-`, 0xe9));
    await fs.writeFile(raw(`${root}/ops-`, 0xe9, '/disk.md'), '# Disk\n');
    await fs.writeFile(raw(`${root}/ops-`, 0xe9, '/.gitignore'), 'skip.md\n');
    await fs.writeFile(raw(`${root}/ops-`, 0xe9, '/skip.md'), '# Skipped\n');
    await fs.writeFile(raw(`${root}/runbooks/caf`, 0xe9, '.md'), '# Caf\n');
    await fs.symlink(path.join(base, 'outside.md'), raw(`${root}/runbooks/link-`, 0xff, '.md'));
    const listed = await source.list();
    const odd = listed.filter((s) => s.path.includes('\\x'));
    assert.deepEqual(odd.map((s) => [s.path, s.nameNotUtf8]), [['ops-\\xe9/disk.md', true], ['runbooks/caf\\xe9.md', true]]);
    assert.equal(Buffer.from(await source.read('ops-\\xe9/disk.md')).toString(), '# Disk\n');
    assert.equal((await source.stat('runbooks/caf\\xe9.md'))?.size, 6);
    assert.equal(listed.some((s) => s.path === 'runbooks/a.md' && s.nameNotUtf8 === undefined), true);
  });
});
