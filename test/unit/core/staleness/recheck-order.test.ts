import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import { NoteCache, notedDiff } from '../../../../src/core/staleness/diffs/noted-diff';
import { StalenessEngine } from '../../../../src/core/staleness/engine';
import type { TextDiffer } from '../../../../src/core/staleness/ports';
import { day, FakeFiles, FakeGit } from './fake-git';

const NOW = new Date('2025-06-01T00:00:00Z');
const BUILD = '# Build\n\nThe `build` target of the [Makefile](../Makefile#L2-L3) compiles every command.\n';
const DEPLOY = '# Deploy\n\nThe [pool](../deploy/pool.yaml) sizes the workers.\n';
const DOCS = [parseDoc('runbooks/build.md', BUILD), parseDoc('runbooks/deploy.md', DEPLOY)];
const makefile = (build: string, notes = 0): string => ['all: build', 'build:', `\t${build}`, ...Array.from({ length: notes }, (_, i) => `# note ${i}`), ''].join('\n');

/**
 * On one main thread, starting a process blocks it for milliseconds (a fork of a large process),
 * and so does reading the index file for the docs' texts. A re-check after new commits waits on
 * its diffs most: it hands them to the differ first, and only then starts the status of the
 * watched paths and reads the docs' texts, which the verdicts need only at the end.
 */
describe('a re-check after new commits', () => {
  async function recheck(newCommit: boolean): Promise<{ calls: string[]; same: boolean }> {
    const git = new FakeGit();
    git.add({ time: day('2025-01-01'), subject: 'add', changes: [{ status: 'A', path: 'runbooks/build.md' }, { status: 'A', path: 'runbooks/deploy.md' }, { status: 'A', path: 'Makefile' }, { status: 'A', path: 'deploy/pool.yaml' }], files: { 'runbooks/build.md': BUILD, 'runbooks/deploy.md': DEPLOY, Makefile: makefile('go build ./...'), 'deploy/pool.yaml': 'workers: 3\n' } });
    git.add({ time: day('2025-02-01'), subject: 'notes', changes: [{ status: 'M', path: 'Makefile' }], files: { Makefile: makefile('go build ./...', 1) } });
    const files = new FakeFiles({ 'runbooks/build.md': BUILD, 'runbooks/deploy.md': DEPLOY, Makefile: makefile('go build ./...', 1), 'deploy/pool.yaml': 'workers: 3\n' });
    const notes = new NoteCache();
    const differ: TextDiffer = { diff: async (jobs) => (git.calls.push(`diff ${jobs.length}`), jobs.map((job) => notedDiff(job, notes))) };
    const engine = new StalenessEngine({ git, files, differ }, { now: () => NOW });
    await engine.report(DOCS);
    if (newCommit) {
      git.add({ time: day('2025-03-01'), subject: 'build into bin/', changes: [{ status: 'M', path: 'Makefile' }], files: { Makefile: makefile('go build -o bin/ ./cmd/...', 1) } });
      files.files.Makefile = makefile('go build -o bin/ ./cmd/...', 1);
    }
    git.calls.length = 0;
    const again = await engine.report(DOCS, { watched: { paths: ['Makefile'], refs: false } });
    const fresh = await new StalenessEngine({ git, files, differ: { diff: async (jobs) => jobs.map((job) => notedDiff(job, new NoteCache())) } }, { now: () => NOW }).report(DOCS);
    return { calls: [...git.calls], same: JSON.stringify(again.docs) === JSON.stringify(fresh.docs) };
  }

  it('hands its diffs to the differ before it starts the status or reads the docs’ texts', async () => {
    const { calls, same } = await recheck(true);
    const diff = calls.findIndex((c) => c.startsWith('diff '));
    const status = calls.findIndex((c) => c.startsWith('workingChanges '));
    const texts = calls.findIndex((c) => c.startsWith('readWorkingFiles '));
    assert.ok(diff >= 0 && status >= 0 && texts >= 0, calls.join('; '));
    assert.ok(diff < status && diff < texts, calls.join('; '));
    assert.ok(same, 'the re-check differs from a cold report');
  });

  it('starts the status without waiting when there is no new commit', async () => {
    const { calls, same } = await recheck(false);
    assert.ok(calls.some((c) => c.startsWith('workingChanges Makefile')), calls.join('; '));
    assert.ok(!calls.some((c) => c.startsWith('diff ')), calls.join('; '));
    assert.ok(same);
  });
});
