import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import { NoteCache, notedDiff } from '../../../../src/core/staleness/diffs/noted-diff';
import { StalenessEngine } from '../../../../src/core/staleness/engine';
import type { TextDiffer } from '../../../../src/core/staleness/ports';
import { day, FakeFiles, FakeGit } from './fake-git';

const NOW = new Date('2025-06-01T00:00:00Z');
const DOC_TEXT = '# Build\n\nSee the [Makefile](../Makefile#L2-L3) for the release targets.\n';
const DOC = parseDoc('runbooks/build.md', DOC_TEXT);
const makefile = (n: number, build = 'go build ./...'): string => ['all: build', 'build:', `\t${build}`, ...Array.from({ length: n }, (_, i) => `# note ${i}`), ''].join('\n');

/**
 * A cold run's diffs run beside the history pass, which keeps both cores busy: they go to the
 * differ as it is. A later run (a re-check after new commits) waits on its diffs alone: it hands
 * them to the differ's spreading view, which may use more threads. The diffs are the same.
 */
describe('diffs of runs that are not cold', () => {
  it('go to the spreading differ; a cold run never asks for it', async () => {
    const git = new FakeGit();
    git.add({ time: day('2025-01-01'), subject: 'add', changes: [{ status: 'A', path: 'runbooks/build.md' }, { status: 'A', path: 'Makefile' }], files: { 'runbooks/build.md': DOC_TEXT, Makefile: makefile(0) } });
    git.add({ time: day('2025-02-01'), subject: 'tune', changes: [{ status: 'M', path: 'Makefile' }], files: { Makefile: makefile(1) } });
    const files = new FakeFiles({ 'runbooks/build.md': DOC_TEXT, Makefile: makefile(1) });
    const calls: string[] = [];
    const notes = new NoteCache();
    const via = (name: string): TextDiffer => ({ diff: async (jobs) => (calls.push(`${name} ${jobs.length}`), jobs.map((job) => notedDiff(job, notes))) });
    const differ: TextDiffer = { ...via('one'), spreading: () => via('spread') };
    const engine = new StalenessEngine({ git, files, differ }, { now: () => NOW });
    const cold = await engine.report([DOC]);
    assert.ok(calls.length > 0 && calls.every((c) => c.startsWith('one ')), calls.join('; '));
    calls.length = 0;
    git.add({ time: day('2025-03-01'), subject: 'build into bin/', changes: [{ status: 'M', path: 'Makefile' }], files: { Makefile: makefile(2, 'go build -trimpath -o bin/ ./cmd/...') } });
    files.files.Makefile = makefile(2, 'go build -trimpath -o bin/ ./cmd/...');
    const again = await engine.report([DOC]);
    assert.ok(calls.length > 0 && calls.every((c) => c.startsWith('spread ')), calls.join('; '));
    // And the same verdicts as a new engine's cold run at that HEAD.
    const fresh = await new StalenessEngine({ git, files, differ: via('fresh') }, { now: () => NOW }).report([DOC]);
    assert.deepEqual(again.docs, fresh.docs);
    assert.notDeepEqual(cold.docs, again.docs);
  });
});
