import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import { StalenessEngine } from '../../../../src/core/staleness/engine';
import { day, FakeFiles, FakeGit } from './fake-git';

const NOW = new Date('2025-06-01T00:00:00Z');
const DOC = parseDoc('runbooks/db.md', '# Db\n\n[pool](../deploy/pool.yaml) [next](../deploy/next.yaml)\n');

/**
 * Listing the workspace (`git ls-files`, which walks the work tree) is the longest git process of
 * a re-check. The files git lists change only when HEAD's tree gains, loses or renames a file or
 * when the uncommitted changes do: a kept engine lists again only then.
 */
describe('the workspace listing kept between re-checks', () => {
  let git: FakeGit;
  let files: FakeFiles;
  const engine = () => new StalenessEngine({ git, files }, { now: () => NOW, mentions: false });

  beforeEach(() => {
    git = new FakeGit();
    git.add({ time: day('2025-01-01'), subject: 'add', changes: [{ status: 'A', path: 'runbooks/db.md' }, { status: 'A', path: 'deploy/pool.yaml' }] });
    files = new FakeFiles({ 'runbooks/db.md': '', 'deploy/pool.yaml': '' }, { git: true });
  });

  async function same(kept: StalenessEngine): Promise<void> {
    const warm = await kept.report([DOC]);
    const before = files.listings;
    const cold = await engine().report([DOC]);
    files.listings = before;
    assert.deepEqual(warm.docs, cold.docs);
  }

  it('does not list the workspace again after a commit that only modified files', async () => {
    const kept = engine();
    await kept.report([DOC]);
    // The first listing ran beside the working tree's status; it is listed once more after it, then kept.
    git.add({ time: day('2025-02-01'), subject: 'raise', changes: [{ status: 'M', path: 'deploy/pool.yaml' }] });
    await same(kept);
    assert.equal(files.listings, 2);
    git.add({ time: day('2025-02-02'), subject: 'raise again', changes: [{ status: 'M', path: 'deploy/pool.yaml' }, { status: 'T', path: 'runbooks/db.md' }] });
    await same(kept);
    await same(kept);
    assert.equal(files.listings, 2);
  });

  it('lists again when a commit adds, deletes or renames a file, or the uncommitted changes differ', async () => {
    const kept = engine();
    await kept.report([DOC]);
    await same(kept);
    assert.equal(files.listings, 2);
    files.files['deploy/next.yaml'] = '';
    git.add({ time: day('2025-02-01'), subject: 'add next', changes: [{ status: 'A', path: 'deploy/next.yaml' }] });
    await same(kept);
    assert.equal(files.listings, 3);
    assert.equal((await kept.report([DOC])).docs[0]!.targets.find((t) => t.path === 'deploy/next.yaml')?.kind, 'file');
    // An untracked file (status lists it as added) and then its deletion.
    files.files['deploy/extra.yaml'] = '';
    git.working = [{ status: 'A', path: 'deploy/extra.yaml' }];
    await same(kept);
    assert.equal(files.listings, 4);
    await same(kept);
    assert.equal(files.listings, 4);
    delete files.files['deploy/extra.yaml'];
    git.working = [];
    await same(kept);
    assert.equal(files.listings, 5);
    delete files.files['deploy/next.yaml'];
    git.add({ time: day('2025-02-02'), subject: 'drop next', changes: [{ status: 'D', path: 'deploy/next.yaml' }] });
    await same(kept);
    assert.equal(files.listings, 6);
    assert.equal((await kept.report([DOC])).docs[0]!.targets.find((t) => t.path === 'deploy/next.yaml')?.kind, 'missing');
  });

  it('always lists a workspace whose files are not listed by git', async () => {
    files = new FakeFiles({ 'runbooks/db.md': '', 'deploy/pool.yaml': '' });
    const kept = engine();
    await kept.report([DOC]);
    git.add({ time: day('2025-02-01'), subject: 'raise', changes: [{ status: 'M', path: 'deploy/pool.yaml' }] });
    await same(kept);
    await same(kept);
    assert.equal(files.listings, 3);
  });
});

/**
 * Why a link's target is missing (renamed, deleted) follows renames and deletions only: a commit
 * that only modified files cannot change it, so a doc with a broken link is not redone for one.
 */
describe('docs with a broken link across re-checks', () => {
  const BROKEN = parseDoc('runbooks/db.md', '# Db\n\n[pool](../deploy/pool.yaml) [gone](../deploy/gone.yaml)\n');
  let git: FakeGit;
  let files: FakeFiles;
  const engine = () => new StalenessEngine({ git, files }, { now: () => NOW, mentions: false });

  beforeEach(() => {
    git = new FakeGit();
    git.add({ time: day('2025-01-01'), subject: 'add', changes: [{ status: 'A', path: 'runbooks/db.md' }, { status: 'A', path: 'deploy/pool.yaml' }, { status: 'A', path: 'deploy/gone.yaml' }, { status: 'A', path: 'other.txt' }] });
    git.add({ time: day('2025-01-02'), subject: 'drop gone', changes: [{ status: 'D', path: 'deploy/gone.yaml' }] });
    files = new FakeFiles({ 'runbooks/db.md': '', 'deploy/pool.yaml': '', 'other.txt': '' }, { git: true });
  });

  it('keeps its verdict after a commit that only modified files it does not link, and redoes it after a rename', async () => {
    const kept = engine();
    const first = await kept.report([BROKEN]);
    assert.equal(first.docs[0]!.level, 'broken');
    git.add({ time: day('2025-02-01'), subject: 'touch other', changes: [{ status: 'M', path: 'other.txt' }] });
    const second = await kept.report([BROKEN]);
    assert.equal(second.docs[0], first.docs[0], 'the same verdict object: the doc was not worked out again');
    delete files.files['other.txt'];
    files.files['other2.txt'] = '';
    git.add({ time: day('2025-02-02'), subject: 'rename other', changes: [{ status: 'R', path: 'other2.txt', from: 'other.txt', similarity: 100 }] });
    const third = await kept.report([BROKEN]);
    assert.notEqual(third.docs[0], first.docs[0]);
    assert.deepEqual(third.docs, (await engine().report([BROKEN])).docs);
  });
});
