import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import { StalenessEngine } from '../../../../src/core/staleness/engine';
import type { BlobContent } from '../../../../src/core/staleness/ports';
import { day, FakeFiles, FakeGit } from './fake-git';

const NOW = new Date('2025-06-01T00:00:00Z');
const DOC_TEXT = '# Db\n\nThe [pool](../deploy/pool.yaml) sets `size`.\n';
const DOC = parseDoc('runbooks/db.md', DOC_TEXT);

/** A fake whose working tree holds the doc's text, as the disk would. */
class DiskGit extends FakeGit {
  override async readWorkingFiles(paths: string[]): Promise<Array<BlobContent | undefined>> {
    this.calls.push(`readWorkingFiles ${paths.join(',')}`);
    return paths.map((p) => (p === 'runbooks/db.md' ? { oid: 'wt', size: DOC_TEXT.length, text: DOC_TEXT } : undefined));
  }
}

/**
 * A re-check after a commit compares what the redone docs say with the changes at its very end;
 * their text is read while the diffs are read and worked out, not after them.
 */
describe('the docs a re-check compares, read beside the diffs', () => {
  let git: DiskGit;
  let files: FakeFiles;
  const engine = () => new StalenessEngine({ git, files }, { now: () => NOW });

  beforeEach(() => {
    git = new DiskGit();
    git.add({ time: day('2025-01-01'), subject: 'add', changes: [{ status: 'A', path: 'runbooks/db.md' }, { status: 'A', path: 'deploy/pool.yaml' }], files: { 'runbooks/db.md': DOC_TEXT, 'deploy/pool.yaml': 'size: 10\nmax: 20\n' } });
    files = new FakeFiles({ 'runbooks/db.md': DOC_TEXT, 'deploy/pool.yaml': '' });
  });

  it('reads the doc before the file versions a new commit needs, once, with the same verdict', async () => {
    const kept = engine();
    await kept.report([DOC]);
    git.add({ time: day('2025-02-01'), subject: 'drop size', changes: [{ status: 'M', path: 'deploy/pool.yaml' }], files: { 'deploy/pool.yaml': 'max: 20\n' } });
    git.calls.length = 0;
    const warm = await kept.report([DOC]);
    const reads = git.calls.filter((c) => c.startsWith('read'));
    assert.equal(reads[0], 'readWorkingFiles runbooks/db.md');
    assert.equal(reads.filter((c) => c.startsWith('readWorkingFiles')).length, 1);
    assert.ok(reads.length > 1, 'the new commit\'s file versions are read too');
    const cold = await engine().report([DOC]);
    assert.deepEqual(warm.docs, cold.docs);
    assert.match(warm.docs[0]!.reasons[0]!.message, /took `size` out of it/);
  });

  it('does not read ahead a doc the new commit changed itself, nor on a run without new commits', async () => {
    const kept = engine();
    await kept.report([DOC]);
    git.calls.length = 0;
    await kept.report([DOC]);
    assert.deepEqual(git.calls.filter((c) => c.startsWith('readWorkingFiles')), []);
    const edited = parseDoc('runbooks/db.md', `${DOC_TEXT}\nMore.\n`);
    git.add({ time: day('2025-02-01'), subject: 'doc', changes: [{ status: 'M', path: 'runbooks/db.md' }], files: { 'runbooks/db.md': `${DOC_TEXT}\nMore.\n` } });
    git.calls.length = 0;
    await kept.report([edited]);
    assert.deepEqual(git.calls.filter((c) => c.startsWith('readWorkingFiles')), []);
  });

  it('on a first run, prepares the reads of every doc and of the linked files at HEAD while the history is read, in one call', async () => {
    /** A history pass that ends only once the working-tree reads were prepared (or after a while, failing the test). */
    class GatedGit extends DiskGit {
      private opened!: () => void;
      private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));
      override prepareWorkingReads(paths: string[]): void {
        super.prepareWorkingReads(paths);
        this.opened();
      }
      override async log(range: { head: string; since?: string }, onCommit: Parameters<FakeGit['log']>[1]): Promise<void> {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((_, reject) => (timer = setTimeout(() => reject(new Error('the history pass waited in vain')), 2000)));
        await Promise.race([this.gate, late]).finally(() => clearTimeout(timer));
        return super.log(range, onCommit);
      }
    }
    const gated = new GatedGit();
    gated.commits = git.commits;
    gated.state_ = git.state_;
    gated.add({ time: day('2025-02-01'), subject: 'drop size', changes: [{ status: 'M', path: 'deploy/pool.yaml' }], files: { 'deploy/pool.yaml': 'max: 20\n' } });
    git = gated;
    const cold = await engine().report([DOC]);
    assert.deepEqual(gated.calls.filter((c) => c.startsWith('prepareWorkingReads')), ['prepareWorkingReads deploy/pool.yaml,runbooks/db.md']);
    assert.match(cold.docs[0]!.reasons[0]!.message, /took `size` out of it/);
  });
});
