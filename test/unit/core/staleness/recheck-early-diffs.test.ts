import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import { StalenessEngine } from '../../../../src/core/staleness/engine';
import type { BlobContent, FileAt, FileChange } from '../../../../src/core/staleness/ports';
import { day, FakeFiles, FakeGit } from './fake-git';
import { addTwoRunbooks, DB, DB_TEXT, WEB } from './two-runbooks';

const NOW = new Date('2025-06-01T00:00:00Z');

/** Rejects after a while: what the test waited for never happened. */
function inVain<T>(gate: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), 2000)));
  return Promise.race([gate, late]).finally(() => clearTimeout(timer));
}

/**
 * A fake whose working tree status, while closed, is answered only once git was asked for file
 * contents (the reads of a round of diffs).
 */
class GatedGit extends FakeGit {
  private gate: Promise<void> | undefined;
  private opened: () => void = () => undefined;

  /** What opens the gate: git asked for file contents (`reads`), or about pinned links (`pinned`). */
  opensOn: 'reads' | 'pinned' = 'reads';
  close(): void {
    this.gate = new Promise<void>((resolve) => (this.opened = resolve));
  }
  open(): void {
    this.gate = undefined;
    this.opened();
  }
  override async readFiles(files: FileAt[], maxBytes?: number): Promise<Array<BlobContent | undefined>> {
    if (this.opensOn === 'reads') this.opened();
    return super.readFiles(files, maxBytes);
  }
  override async readBlobs(oids: string[]): Promise<Array<BlobContent | undefined>> {
    if (this.opensOn === 'reads') this.opened();
    return super.readBlobs(oids);
  }
  override async pathsAtRevs(asks: Array<{ rev: string; paths: string[] }>): Promise<Array<Set<string> | undefined>> {
    if (this.opensOn === 'pinned') this.opened();
    return super.pathsAtRevs(asks);
  }
  override async changedFiles(): Promise<FileChange[]> {
    this.calls.push('changedFiles');
    if (this.gate) await inVain(this.gate, 'the status waited in vain for the diffs of the new commit');
    return super.changedFiles();
  }
}

/**
 * A re-check after a commit fetches the diffs the new commit brings while the working tree's
 * status (a whole-tree scan, the longest git process of a re-check) is being read, planned with
 * the last run's uncommitted changes; and asks for the status only after the state.
 */
describe('a re-check: the new commit’s diffs beside the status', () => {
  let git: GatedGit;
  let files: FakeFiles;
  const engine = () => new StalenessEngine({ git, files }, { now: () => NOW });

  beforeEach(() => {
    git = new GatedGit();
    files = addTwoRunbooks(git);
  });

  it('reads the files of the new commit’s diffs before the status is answered, with the verdicts of a cold report', async () => {
    const kept = engine();
    await kept.report([DB, WEB]);
    git.add({ time: day('2025-02-01'), subject: 'grow the pool', changes: [{ status: 'M', path: 'deploy/pool.yaml' }], files: { 'deploy/pool.yaml': 'size: 10\nmax: 40\n' } });
    git.close();
    const warm = await kept.report([DB, WEB]);
    git.open();
    const cold = await engine().report([DB, WEB]);
    assert.deepEqual(warm.docs, cold.docs);
    assert.equal(warm.docs[0]!.level, 'stale');
  });

  it('keeps the verdicts of a cold report when the working tree changed since the last run (the early plan guessed wrong)', async () => {
    const kept = engine();
    await kept.report([DB, WEB]);
    git.add({ time: day('2025-02-01'), subject: 'grow the pool', changes: [{ status: 'M', path: 'deploy/pool.yaml' }], files: { 'deploy/pool.yaml': 'size: 10\nmax: 40\n' } });
    // The doc was edited since, not committed: its reference is now its own edit.
    git.working = [{ status: 'M', path: 'runbooks/db.md' }];
    git.workingDiff = [{ path: 'runbooks/db.md', added: 1, deleted: 0, hunks: [{ oldStart: 3, oldLines: 0, newStart: 4, newLines: 1 }] }];
    git.close();
    const warm = await kept.report([DB, WEB]);
    git.open();
    const cold = await engine().report([DB, WEB]);
    assert.deepEqual(warm.docs, cold.docs);
    assert.notEqual(warm.docs[0]!.level, 'stale');
  });

  it('asks about the pinned links of the docs a new commit concerns before the status is answered, once', async () => {
    const pinnedText = `${DB_TEXT}\nSee [the pool in 1.0](https://github.com/acme/platform/blob/v1.0/deploy/pool.yaml).\n`;
    const pinnedDoc = parseDoc('runbooks/db.md', pinnedText);
    git.remotes_ = [{ name: 'origin', url: 'git@github.com:acme/platform.git' }];
    git.refs_ = { branches: ['main'], tags: ['v1.0'] };
    const kept = engine();
    await kept.report([pinnedDoc, WEB]);
    git.add({ time: day('2025-02-01'), subject: 'grow the pool', changes: [{ status: 'M', path: 'deploy/pool.yaml' }], files: { 'deploy/pool.yaml': 'size: 10\nmax: 40\n' } });
    git.opensOn = 'pinned';
    git.calls.length = 0;
    git.close();
    const warm = await kept.report([pinnedDoc, WEB]);
    git.open();
    assert.deepEqual(git.calls.filter((c) => c.startsWith('pathsAtRevs')), ['pathsAtRevs 1']);
    assert.deepEqual(warm.docs, (await engine().report([pinnedDoc, WEB])).docs);
  });

  it('reads the state (which starts a run: see untrusted-git.test.ts) before it asks for the status', async () => {
    const kept = engine();
    await kept.report([DB, WEB]);
    git.add({ time: day('2025-02-01'), subject: 'grow the pool', changes: [{ status: 'M', path: 'deploy/pool.yaml' }], files: { 'deploy/pool.yaml': 'size: 10\nmax: 40\n' } });
    git.calls.length = 0;
    await kept.report([DB, WEB]);
    assert.deepEqual(git.calls.filter((c) => c === 'state' || c === 'changedFiles').slice(0, 2), ['state', 'changedFiles']);
  });
});
