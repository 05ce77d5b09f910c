import assert from 'node:assert/strict';
import { DetailBatch } from '../../../../../src/core/staleness/diffs/diff-batch';
import { HistoryIndex } from '../../../../../src/core/staleness/history/history-index';
import { missing, ReadAhead, stateKey } from '../../../../../src/core/staleness/diffs/read-ahead';
import type { BlobContent, LogCommit, TextDiffer } from '../../../../../src/core/staleness/ports';
import { NoteCache, notedDiff, type DiffJob } from '../../../../../src/core/staleness/diffs/noted-diff';
import { FakeGit, day } from '../fake-git';
import { at, sha } from './history-fixture';

/** The fake repository: a pool config edited twice (the second time only re-indented), a binary, and a YAML file whose entries churn. */
async function repository(): Promise<{ git: FakeGit; index: HistoryIndex }> {
  const git = new FakeGit();
  git.add({ sha: sha(1), time: day('2025-01-01'), subject: 'add', changes: [{ status: 'A', path: 'pool.conf' }, { status: 'A', path: 'logo.png' }, { status: 'A', path: 'teams.yaml' }], files: { 'pool.conf': 'size 5\nmax 10\n', 'logo.png': 'png-1', 'teams.yaml': 'teams:\n  - name: db\n' } });
  git.add({ sha: sha(2), time: day('2025-02-01'), subject: 'raise', changes: [{ status: 'M', path: 'pool.conf' }, { status: 'M', path: 'teams.yaml' }], files: { 'pool.conf': 'size 5\nmax 20\nidle 3\n', 'teams.yaml': 'teams:\n  - name: db\n  - name: web\n' } });
  git.add({ sha: sha(3), time: day('2025-03-01'), subject: 'reindent', changes: [{ status: 'M', path: 'pool.conf' }], files: { 'pool.conf': 'size  5\nmax 20\nidle   3\n' } });
  const log: LogCommit[] = [];
  await git.log({ head: sha(3) }, (c) => log.push(c));
  return { git, index: HistoryIndex.fromLog(sha(3), log) };
}

describe('DetailBatch (the diffs the verdicts ask for)', () => {
  it('computes each queued diff once, whitespace ignored, and keeps it in the history index', async () => {
    const { git, index } = await repository();
    const batch = new DetailBatch(index, git);
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 3));
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 3));
    batch.needDiff(at('pool.conf', 2), at('pool.conf', 3));
    batch.needDiff(undefined, at('pool.conf', 1));
    assert.equal(batch.pending, 3);
    await batch.flush();
    assert.equal(batch.pending, 0);
    assert.deepEqual(index.diff(at('pool.conf', 1), at('pool.conf', 3)), {
      added: 2,
      deleted: 1,
      hunks: [{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 2 }],
      vocabulary: { lost: ['10'], gained: ['20', 'idle'], copies: [] },
    });
    assert.deepEqual(index.diff(at('pool.conf', 2), at('pool.conf', 3)), { added: 0, deleted: 0, hunks: [] });
    assert.deepEqual(index.diff(undefined, at('pool.conf', 1)), { added: 2, deleted: 0, hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 2 }] });
    assert.equal(batch.fetched, 3);
  });

  it('diffs a pair asked for its lines alone without working out its notes, and works them out when a verdict asks for the same pair', async () => {
    const { git, index } = await repository();
    const batch = new DetailBatch(index, git);
    const hunks = [{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 2 }];
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 3), {}, false, undefined, true);
    await batch.flush();
    assert.deepEqual(index.diff(at('pool.conf', 1), at('pool.conf', 3)), { added: 2, deleted: 1, hunks, linesOnly: true });
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 3), {}, false, undefined, true);
    assert.equal(batch.pending, 0, 'its lines are known');
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 3));
    assert.equal(batch.pending, 1, 'its notes are not');
    await batch.flush();
    assert.deepEqual(index.diff(at('pool.conf', 1), at('pool.conf', 3)), { added: 2, deleted: 1, hunks, vocabulary: { lost: ['10'], gained: ['20', 'idle'], copies: [] } });
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 3), {}, false, undefined, true);
    assert.equal(batch.pending, 0, 'a diff with its notes has its lines');
  });

  it('works out the notes of a pair asked in one round for its lines alone and by a verdict, whichever asked first, on the diff thread too', async () => {
    const { git, index } = await repository();
    const jobs: DiffJob[] = [];
    const differ: TextDiffer = { diff: async (asked) => (jobs.push(...asked), asked.map((job) => notedDiff(job, new NoteCache()))) };
    const batch = new DetailBatch(index, git, undefined, differ);
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 3), {}, false, undefined, true);
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 3));
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 2));
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 2), {}, false, undefined, true);
    batch.needDiff(undefined, at('pool.conf', 1), {}, false, undefined, true);
    await batch.flush();
    assert.deepEqual(jobs.map((j) => j.linesOnly ?? false), [false, false, true]);
    assert.deepEqual([at('pool.conf', 3), at('pool.conf', 2)].map((to) => index.diff(at('pool.conf', 1), to)?.vocabulary?.gained), [['20', 'idle'], ['20', 'idle']]);
    // A file added has no notes either way: its diff is the whole diff.
    assert.deepEqual(index.diff(undefined, at('pool.conf', 1)), { added: 2, deleted: 0, hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 2 }] });
  });

  it('asks nothing for a diff the index already has', async () => {
    const { git, index } = await repository();
    index.setDiff(at('pool.conf', 1), at('pool.conf', 2), { added: 9, deleted: 9, hunks: [] });
    const batch = new DetailBatch(index, git);
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 2));
    assert.equal(batch.pending, 0);
    await batch.flush();
    assert.deepEqual([git.calls.filter((c) => c.startsWith('read')), index.diff(at('pool.conf', 1), at('pool.conf', 2))?.added], [[], 9]);
  });

  it('says only "changed" for a file git cannot read as text, and marks a YAML change that keeps its shape when a verdict weighs the shape', async () => {
    const { git, index } = await repository();
    git.readFiles = async (files) => files.map((f) => (f.path === 'logo.png' ? { oid: `png@${f.sha}`, size: 5, binary: true } : { oid: `oid:${git.contentAt(f.sha, f.path)}`, size: 1, text: git.contentAt(f.sha, f.path)! }));
    const batch = new DetailBatch(index, git);
    batch.needDiff(at('logo.png', 1), undefined);
    batch.needDiff(at('teams.yaml', 1), at('teams.yaml', 2), {}, true);
    await batch.flush();
    assert.deepEqual(index.diff(at('logo.png', 1), undefined), { added: 0, deleted: 0, hunks: [], binary: true });
    assert.deepEqual(index.diff(at('teams.yaml', 1), at('teams.yaml', 2)), { added: 1, deleted: 0, hunks: [{ oldStart: 2, oldLines: 0, newStart: 3, newLines: 1 }], shape: 'same', vocabulary: { lost: [], gained: ['web'], copies: [] } });
  });

  it('asks git for files up to the size cap it was given, and keeps both sizes of a pair over it (#21)', async () => {
    const { git, index } = await repository();
    const asked: number[] = [];
    git.readFiles = async (files, maxBytes = 0) => {
      asked.push(maxBytes);
      return files.map((f) => (f.sha === sha(1) ? { oid: 'big1', size: 48_000, tooLarge: true } : { oid: 'big2', size: 50_100, tooLarge: true }));
    };
    const batch = new DetailBatch(index, git, undefined, undefined, undefined, 20_000);
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 2));
    await batch.flush();
    assert.deepEqual(asked, [20_000]);
    assert.deepEqual(index.diff(at('pool.conf', 1), at('pool.conf', 2)), { added: 0, deleted: 0, hunks: [], binary: true, tooLarge: { before: 48_000, after: 50_100 } });
  });

  it('reads a file shared by two diffs of a flush once, and lets go of its text once the flush is done with it: a later round reads it again', async () => {
    const { git, index } = await repository();
    const batch = new DetailBatch(index, git);
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 3));
    batch.needDiff(at('pool.conf', 2), at('pool.conf', 3));
    await batch.flush();
    assert.deepEqual(git.calls.filter((c) => c.startsWith('read')), ['readFiles 3']);
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 2));
    await batch.flush();
    assert.deepEqual(git.calls.filter((c) => c.startsWith('read')), ['readFiles 3', 'readFiles 2']);
    assert.deepEqual(index.diff(at('pool.conf', 1), at('pool.conf', 2)), {
      added: 2,
      deleted: 1,
      hunks: [{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 2 }],
      vocabulary: { lost: ['10'], gained: ['20', 'idle'], copies: [] },
    });
  });

  it('lets go of what was read ahead and not taken once a flush is over, and does not put back a read ahead that finishes after that', async () => {
    const { git, index } = await repository();
    const ahead = new ReadAhead(git);
    ahead.start([at('pool.conf', 1), at('pool.conf', 3), at('teams.yaml', 1)]);
    const batch = new DetailBatch(index, git, ahead);
    batch.needDiff(at('pool.conf', 1), at('pool.conf', 3));
    await batch.flush();
    assert.deepEqual(git.calls.filter((c) => c.startsWith('read')), ['readFiles 3']);
    assert.equal(ahead.get(stateKey(at('teams.yaml', 1))), missing);
    assert.equal(index.diff(at('pool.conf', 1), at('pool.conf', 3))?.added, 2);
    ahead.start([at('teams.yaml', 2)]);
    ahead.clear();
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(ahead.get(stateKey(at('teams.yaml', 2))), missing);
  });
  // operator-sdk: one doc ran `make install`, another linked the Makefile; each round asked the same
  // pair for its make targets and then for a script's interface, the second ask replaced the first,
  // and the plan ⇄ fetch loop never ended (14,000 rounds in a minute).
  it('gets a pair asked for with two kinds of blocks in one round both, over at most two rounds, then asks nothing', async () => {
    const { git, index } = await repository();
    const batch = new DetailBatch(index, git);
    let rounds = 0;
    for (; rounds < 5; rounds++) {
      batch.needDiff(at('pool.conf', 1), at('pool.conf', 2), {}, false, 'targets');
      batch.needDiff(at('pool.conf', 1), at('pool.conf', 2), {}, false, 'calls');
      if (batch.pending === 0) break;
      await batch.flush();
    }
    assert.ok(rounds <= 2, `still asking after ${rounds} rounds`);
    const diff = index.diff(at('pool.conf', 1), at('pool.conf', 2))!;
    assert.deepEqual([diff.targets, Array.isArray(diff.calls)], [[], true]);
  });

  // Issue #10: on moby the diff worker started at the first diff (0.3 s of module loading) and then
  // parsed api/swagger.yaml's two sides (460 KB each) on a cold parser, after the history pass.
  it('on a cold run starts the differ at once and hands it the large structured files read at HEAD, largest first, within its budget', async () => {
    const { git } = await repository();
    const texts: Record<string, string> = {
      'pool.conf': `size 5\n${'#'.repeat(30)}\n`,
      'teams.yaml': `teams:\n  - name: db${' '.repeat(10)}\n`,
      'small.yaml': 'a: 1\n',
      'api/big.json': `{"a": [${'1,'.repeat(20)}1]}`,
      'huge.yml': `k: ${'v'.repeat(80)}\n`,
    };
    git.readWorkingFiles = async (paths: string[]): Promise<Array<BlobContent | undefined>> => paths.map((p) => (texts[p] === undefined ? undefined : { oid: p, size: texts[p]!.length, text: texts[p]! }));
    const prepared: string[][] = [];
    const differ: TextDiffer = { diff: async () => [], prepare: (shapes) => void prepared.push(shapes) };
    // Structured files of 20 characters or more, 80 characters in all: not pool.conf (not data), small.yaml (5 characters), huge.yml (84).
    const ahead = new ReadAhead(git, undefined, undefined, differ, { chars: 80, min: 20 });
    assert.deepEqual(prepared, [[]]);
    ahead.startWorking(sha(3), ['pool.conf', 'teams.yaml', 'small.yaml', 'missing.yaml', 'api/big.json', 'huge.yml']);
    await ahead.get(`${sha(3)}:teams.yaml`);
    assert.deepEqual(prepared, [[], [texts['api/big.json'], texts['teams.yaml']]]);
  });
});
