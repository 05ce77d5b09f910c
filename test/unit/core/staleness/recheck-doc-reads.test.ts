import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../../src/core/staleness/engine';
import type { BlobContent, FileChange } from '../../../../src/core/staleness/ports';
import { day, FakeFiles, FakeGit } from './fake-git';
import { addTwoRunbooks, DB, DB_TEXT, WEB, WEB_TEXT } from './two-runbooks';

const NOW = new Date('2025-06-01T00:00:00Z');

/**
 * A fake whose working tree holds the docs' texts, and whose working tree status is answered only
 * once the working-tree reads were prepared or started (or after a while, failing the test) while closed.
 */
class GatedGit extends FakeGit {
  private gate: Promise<void> | undefined;
  private opened: () => void = () => undefined;
  /** From now on the status waits for a `prepareWorkingReads` call. */
  close(): void {
    this.gate = new Promise<void>((resolve) => (this.opened = resolve));
  }
  open(): void {
    this.gate = undefined;
  }
  override prepareWorkingReads(paths: string[]): void {
    super.prepareWorkingReads(paths);
    this.opened();
  }
  override async readWorkingFiles(paths: string[]): Promise<Array<BlobContent | undefined>> {
    this.calls.push(`readWorkingFiles ${paths.join(',')}`);
    // Reading asks the same as preparing, first.
    this.opened();
    const texts: Record<string, string> = { 'runbooks/db.md': DB_TEXT, 'runbooks/web.md': WEB_TEXT };
    return paths.map((p) => (texts[p] !== undefined ? { oid: 'wt', size: texts[p].length, text: texts[p] } : undefined));
  }
  override async changedFiles(): Promise<FileChange[]> {
    if (this.gate) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((_, reject) => (timer = setTimeout(() => reject(new Error('the status waited in vain')), 2000)));
      await Promise.race([this.gate, late]).finally(() => clearTimeout(timer));
    }
    return super.changedFiles();
  }
}

/**
 * A re-check after a commit reads, at its end, the docs the commit concerns (what they say next to
 * their links): they are read (which of them git would convert asked first) while the working tree's status (a
 * whole-tree scan, the longest process of a re-check) is read, not after it.
 */
describe('the docs a re-check compares, read while the status is read', () => {
  let git: GatedGit;
  let files: FakeFiles;
  const engine = () => new StalenessEngine({ git, files }, { now: () => NOW });

  beforeEach(() => {
    git = new GatedGit();
    files = addTwoRunbooks(git);
  });

  it('reads the docs linking what a new commit changed (only those) before the status is answered, once, with the same verdicts', async () => {
    const kept = engine();
    await kept.report([DB, WEB]);
    git.add({ time: day('2025-02-01'), subject: 'drop size', changes: [{ status: 'M', path: 'deploy/pool.yaml' }], files: { 'deploy/pool.yaml': 'max: 20\n' } });
    git.calls.length = 0;
    git.close();
    const warm = await kept.report([DB, WEB]);
    assert.deepEqual(git.calls.filter((c) => c.startsWith('prepareWorkingReads') || c.startsWith('readWorkingFiles')), ['readWorkingFiles runbooks/db.md']);
    git.open();
    const cold = await engine().report([DB, WEB]);
    assert.deepEqual(warm.docs, cold.docs);
    assert.match(warm.docs[0]!.reasons[0]!.message, /took `size` out of it/);
  });
});
