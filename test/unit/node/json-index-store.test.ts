import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseDoc } from '../../../src/core/parse-doc';
import type { PersistedIndex } from '../../../src/core/ports';
import { JsonIndexStore } from '../../../src/node/json-index-store';
import { makeTempDir, plain, removeTempDir } from '../support/temp-dir';

describe('JsonIndexStore', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir('index-store');
  });

  afterEach(async () => {
    await removeTempDir(dir);
  });

  const sample = (): PersistedIndex => ({
    version: 3,
    docs: { 'runbooks/a.md': { mtimeMs: 1735787045000.25, size: 12, doc: parseDoc('runbooks/a.md', '# A\n\n## Diagnosis\n') } },
    search: '{"documentCount":1}',
  });

  it('loads what it saved, creating the folders on the way', async () => {
    const file = path.join(dir, 'deep', 'er', 'index.json');
    const store = new JsonIndexStore(file);
    await store.save(sample());
    assert.deepEqual(await store.load(), plain(sample()));
  });

  it('leaves only the index file behind, no temporary file', async () => {
    const store = new JsonIndexStore(path.join(dir, 'index.json'));
    await store.save(sample());
    await store.save({ version: 3, docs: {} });
    assert.deepEqual(await fs.readdir(dir), ['index.json']);
    assert.deepEqual(await store.load(), { version: 3, docs: {} });
  });

  it('returns undefined when there is no file', async () => {
    assert.equal(await new JsonIndexStore(path.join(dir, 'missing', 'index.json')).load(), undefined);
  });

  it('returns undefined for a file that is not JSON', async () => {
    const file = path.join(dir, 'index.json');
    await fs.writeFile(file, '{"version": 3, "docs": {');
    assert.equal(await new JsonIndexStore(file).load(), undefined);
  });

  it('returns undefined for JSON that is not an object', async () => {
    const file = path.join(dir, 'index.json');
    await fs.writeFile(file, 'null');
    assert.equal(await new JsonIndexStore(file).load(), undefined);
    await fs.writeFile(file, '42');
    assert.equal(await new JsonIndexStore(file).load(), undefined);
  });

  it('rejects a save it cannot write, leaving no temporary file', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    await fs.writeFile(blocker, 'x');
    await assert.rejects(new JsonIndexStore(path.join(blocker, 'index.json')).save(sample()));
    assert.deepEqual(await fs.readdir(dir), ['not-a-folder']);
  });
});
