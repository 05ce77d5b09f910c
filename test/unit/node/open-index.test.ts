import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { openWorkspaceIndex } from '../../../src/node/open-index';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

describe('openWorkspaceIndex', () => {
  let base: string;
  let root: string;

  beforeEach(async () => {
    base = await makeTempDir('open-index');
    root = path.join(base, 'ws');
    await writeTree(root, {
      'runbooks/a.md': '# A\n',
      'node_modules/x/README.md': '# Dependency\n',
      'generated/b.md': '# Generated\n',
      '.gitignore': 'generated/\n',
    });
  });

  afterEach(async () => {
    await removeTempDir(base);
  });

  it('indexes the folder with the default filter and .gitignore', async () => {
    const index = openWorkspaceIndex(root, { cache: false, env: {} });
    await index.build();
    assert.deepEqual(index.all().map((d) => d.path), ['runbooks/a.md']);
  });

  it('takes custom globs and can turn .gitignore off', async () => {
    const index = openWorkspaceIndex(root, { cache: false, env: {}, include: ['**/*.md'], exclude: [], useGitignore: false });
    await index.build();
    assert.deepEqual(index.all().map((d) => d.path), ['generated/b.md', 'node_modules/x/README.md', 'runbooks/a.md']);
  });

  it('persists to the given cache file and starts warm from it', async () => {
    const cacheFile = path.join(base, 'cache', 'index.json');
    const first = openWorkspaceIndex(root, { env: {}, cacheFile });
    await first.build();
    await first.persist();
    await fs.access(cacheFile);
    const stats = await openWorkspaceIndex(root, { env: {}, cacheFile }).build();
    assert.deepEqual(stats, { total: 1, parsed: 0, fromCache: 1, removed: 0, searchFromCache: true });
  });

  it('writes nothing when the cache is off', async () => {
    const index = openWorkspaceIndex(root, { cache: false, env: { XDG_CACHE_HOME: path.join(base, 'xdg') } });
    await index.build();
    await index.persist();
    await assert.rejects(fs.access(path.join(base, 'xdg')), { code: 'ENOENT' });
  });

  it('passes maxFileBytes on to the index', async () => {
    const index = openWorkspaceIndex(root, { cache: false, env: {}, maxFileBytes: 2 });
    await index.build();
    assert.deepEqual(index.get('runbooks/a.md')!.findings.map((f) => f.ruleId), ['doc.too-large']);
  });
});
