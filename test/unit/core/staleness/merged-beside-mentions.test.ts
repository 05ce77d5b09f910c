import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import { StalenessEngine } from '../../../../src/core/staleness/engine';
import type { BlobContent, FileAt, MergedChange } from '../../../../src/core/staleness/ports';
import { day, FakeFiles, FakeGit } from './fake-git';

const NOW = new Date('2025-06-01T00:00:00Z');
const DOC_TEXT = '# Db\n\nThe [pool](../deploy/pool.yaml) sets `size`.\n';
const DOC = parseDoc('runbooks/db.md', DOC_TEXT);
const SIDE: MergedChange = { sha: 'b'.repeat(40), authorTime: day('2025-01-20'), subject: 'Drop the pool size' };

/**
 * A fake where the docs' texts and the merged sides each wait until the other was asked for (or
 * a while, failing the test): the run must ask for both before waiting for either.
 */
class BothAskedGit extends FakeGit {
  private readonly asked = { texts: false, merged: false };
  private readonly waiting: Array<() => void> = [];
  private async bothAsked(which: 'texts' | 'merged'): Promise<void> {
    this.asked[which] = true;
    for (const wake of this.waiting.splice(0)) wake();
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        const check = () => (this.asked.texts && this.asked.merged ? resolve() : this.waiting.push(check));
        timer = setTimeout(() => reject(new Error(`the ${which} waited in vain for the other to be asked`)), 2000);
        check();
      });
    } finally {
      clearTimeout(timer);
    }
  }
  override async readWorkingFiles(paths: string[]): Promise<Array<BlobContent | undefined>> {
    this.calls.push(`readWorkingFiles ${paths.join(',')}`);
    // The doc's text (the read ahead of the linked file at HEAD is not what is waited for).
    if (paths.includes('runbooks/db.md')) await this.bothAsked('texts');
    return paths.map((p) => (p === 'runbooks/db.md' ? { oid: 'wt', size: DOC_TEXT.length, text: DOC_TEXT } : undefined));
  }
  override async mergedChanges(asks: Array<{ merge: string; paths: string[] }>): Promise<Array<Map<string, MergedChange>>> {
    this.calls.push(`mergedChanges ${asks.map((a) => `${a.merge.slice(0, 4)}:${a.paths.join(',')}`).join(' ')}`);
    await this.bothAsked('merged');
    return asks.map(() => new Map([['deploy/pool.yaml', SIDE]]));
  }
}

/**
 * The commit behind a merge a reason names, and what a doc says next to its link, are both asked of
 * git at the end of a run and neither needs the other: they are asked together, not one after the other.
 */
describe('the merged sides asked beside the docs compared with the changes', () => {
  it('asks for both before waiting for either, and names the merged commit in the reason that says what the doc lost', async () => {
    const git = new BothAskedGit();
    git.add({ time: day('2025-01-01'), subject: 'add', changes: [{ status: 'A', path: 'runbooks/db.md' }, { status: 'A', path: 'deploy/pool.yaml' }], files: { 'runbooks/db.md': DOC_TEXT, 'deploy/pool.yaml': 'size: 10\nmax: 20\n' } });
    const merge = git.add({ time: day('2025-02-01'), subject: 'Merge pull request #7', merge: true, changes: [{ status: 'M', path: 'deploy/pool.yaml' }], files: { 'deploy/pool.yaml': 'max: 20\n' } });
    const files = new FakeFiles({ 'runbooks/db.md': DOC_TEXT, 'deploy/pool.yaml': '' });
    const report = await new StalenessEngine({ git, files }, { now: () => NOW }).report([DOC]);
    assert.deepEqual(git.calls.filter((c) => c.startsWith('mergedChanges')), [`mergedChanges ${merge.slice(0, 4)}:deploy/pool.yaml`]);
    const reason = report.docs[0]!.reasons[0]!;
    assert.match(reason.message, /took `size` out of it/);
    assert.match(reason.message, /bbbbbbb "Drop the pool size"/);
  });

  it('asks, before the diffs, for the merged side of a linked file whose newest change is a merge after the doc', async () => {
    /** A fake whose file reads (the diffs) wait until a merged side was asked for (or a while, failing the test). */
    class MergedFirstGit extends FakeGit {
      private opened!: () => void;
      private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));
      override async readFiles(files: FileAt[], maxBytes?: number): Promise<Array<BlobContent | undefined>> {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((_, reject) => (timer = setTimeout(() => reject(new Error('the diffs waited in vain for the merged side to be asked')), 2000)));
        await Promise.race([this.gate, late]).finally(() => clearTimeout(timer));
        return super.readFiles(files, maxBytes);
      }
      override async mergedChanges(asks: Array<{ merge: string; paths: string[] }>): Promise<Array<Map<string, MergedChange>>> {
        this.calls.push(`mergedChanges ${asks.map((a) => `${a.merge.slice(0, 4)}:${a.paths.join(',')}`).join(' ')}`);
        this.opened();
        return asks.map(() => new Map([['deploy/pool.yaml', SIDE]]));
      }
    }
    const git = new MergedFirstGit();
    git.add({ time: day('2025-01-01'), subject: 'add', changes: [{ status: 'A', path: 'runbooks/db.md' }, { status: 'A', path: 'deploy/pool.yaml' }, { status: 'A', path: 'deploy/other.yaml' }], files: { 'runbooks/db.md': DOC_TEXT, 'deploy/pool.yaml': 'size: 10\nmax: 20\n' } });
    // A merge before the doc's last change is no reason: not asked about.
    git.add({ time: day('2025-01-05'), subject: 'Merge pull request #6', merge: true, changes: [{ status: 'M', path: 'deploy/other.yaml' }] });
    const text = `${DOC_TEXT}[other](../deploy/other.yaml)\n`;
    git.add({ time: day('2025-01-10'), subject: 'doc', changes: [{ status: 'M', path: 'runbooks/db.md' }], files: { 'runbooks/db.md': text } });
    const merge = git.add({ time: day('2025-02-01'), subject: 'Merge pull request #7', merge: true, changes: [{ status: 'M', path: 'deploy/pool.yaml' }], files: { 'deploy/pool.yaml': 'max: 20\n' } });
    const files = new FakeFiles({ 'runbooks/db.md': DOC_TEXT, 'deploy/pool.yaml': '', 'deploy/other.yaml': '' });
    const doc = parseDoc('runbooks/db.md', text);
    const report = await new StalenessEngine({ git, files }, { now: () => NOW }).report([doc]);
    assert.deepEqual(git.calls.filter((c) => c.startsWith('mergedChanges')), [`mergedChanges ${merge.slice(0, 4)}:deploy/pool.yaml`]);
    assert.match(report.docs[0]!.reasons[0]!.message, /bbbbbbb "Drop the pool size"/);
  });
});
