import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { JsonHistoryStore } from '../../../src/node/git-history-store';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

describe('JsonHistoryStore journal (history.json plus appended entries)', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await makeTempDir('history-journal-');
    file = path.join(dir, 'history.json');
  });
  afterEach(() => removeTempDir(dir));

  it('loads the snapshot alone, then with the entries appended after it; a full write starts a new journal', async () => {
    const store = new JsonHistoryStore(file);
    assert.equal(await store.load(), undefined);
    await store.save({ head: 'a' });
    assert.deepEqual(await store.load(), { head: 'a' });
    assert.equal(await store.append({ base: 'a', head: 'b' }), true);
    assert.equal(await store.append({ base: 'b', head: 'c' }), true);
    assert.deepEqual(await store.load(), { base: { head: 'a' }, journal: [{ base: 'a', head: 'b' }, { base: 'b', head: 'c' }] });
    assert.deepEqual(JSON.parse(await fs.readFile(file, 'utf8')), { head: 'a' }, 'the snapshot file is not rewritten');
    await store.save({ head: 'c' });
    assert.deepEqual(await store.load(), { head: 'c' });
  });

  it('ignores a torn last entry (a crash mid-append) and what follows it, and appends nothing without a snapshot', async () => {
    const store = new JsonHistoryStore(file);
    assert.equal(await store.append({ base: 'a', head: 'b' }), false, 'no snapshot to append to');
    await store.save({ head: 'a' });
    await store.append({ base: 'a', head: 'b' });
    await fs.appendFile(`${file}.journal`, '{"base":"b","he');
    assert.deepEqual(await store.load(), { base: { head: 'a' }, journal: [{ base: 'a', head: 'b' }] });
  });

  it('asks for a full write once the journal has grown past its bound', async () => {
    const store = new JsonHistoryStore(file, { maxJournalBytes: 100 });
    await store.save({ head: 'a' });
    assert.equal(await store.append({ base: 'a', head: 'b', pad: 'x'.repeat(120) }), true);
    assert.equal(await store.append({ base: 'b', head: 'c' }), false);
  });
});
