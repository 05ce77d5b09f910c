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
