import assert from 'node:assert/strict';
import { NoteCache, notedDiff, type DiffJob } from '../../../src/core/staleness/diffs/noted-diff';
import { fromWire, toWire } from '../../../src/node/diff-wire';
import { WorkerTextDiffer } from '../../../src/node/worker-text-differ';

const URL = 'https://github.com/acme/platform/blob/main/runbooks/db.md';
const ruleFile = (expr: string): string => ['groups:', '- name: db', '  rules:', '  - alert: PostgresDown', `    expr: ${expr}`, '    annotations:', `      runbook_url: ${URL}`, ''].join('\n');
const HEAD_RULES = { path: 'rules/db.yaml', key: 'c'.repeat(40), text: ruleFile('pg_alive == 0') };

const JOBS: DiffJob[] = [
  { from: { path: 'a.txt', key: 'k1', text: 'a\nb\nc\n' }, to: { path: 'a.txt', key: 'k2', text: 'a\nB\nc\nd\n' } },
  { to: { path: 'new.txt', key: 'k3', text: 'new\n' } },
  { from: { path: 'x.yaml', key: 'k4', text: 'x: 1\n' }, to: { path: 'x.yaml', key: 'k5', text: 'x:   1\ny: 2\n' }, shape: true },
  { from: { path: 'gone.txt', key: 'k6', text: 'gone\n' } },
  { from: { path: 'rules/db.yaml', key: 'a'.repeat(40), text: ruleFile('pg_up == 0') }, to: HEAD_RULES, blocks: 'rules' },
  { from: { path: 'rules/db.yaml', key: 'b'.repeat(40), text: ruleFile('pg_ready == 0') }, to: HEAD_RULES, blocks: 'rules', shape: true },
];

function expected(jobs: DiffJob[]) {
  const notes = new NoteCache();
  return jobs.map((job) => notedDiff(job, notes));
}

describe('WorkerTextDiffer', () => {
  it('computes the same noted diffs (shapes and alert rules included) on its worker thread as on the calling thread, batch after batch', async () => {
    const differ = new WorkerTextDiffer();
    try {
      const [first, second] = await Promise.all([differ.diff(JOBS), differ.diff(JOBS.slice(0, 2))]);
      assert.deepEqual(first, expected(JOBS));
      assert.deepEqual(second, expected(JOBS.slice(0, 2)));
      assert.deepEqual(first[4]!.rules, [{ value: URL, words: { lost: ['pg_up'], gained: ['pg_alive'] } }]);
      assert.equal(first[2]!.shape, 'changed');
      // A small young generation keeps the thread's heap (and the process's peak memory) down.
      assert.equal(differ.threadLimits?.maxYoungGenerationSizeMb, 8);
    } finally {
      differ.dispose();
    }
  });

  it('starts its thread when asked to work out shapes ahead, before any diff, and gives the same diffs after', async () => {
    const differ = new WorkerTextDiffer();
    try {
      differ.prepare([JOBS[2]!.to!.text, HEAD_RULES.text]);
      assert.equal(differ.threadLimits?.maxYoungGenerationSizeMb, 8);
      assert.deepEqual(await differ.diff(JOBS), expected(JOBS));
    } finally {
      differ.dispose();
    }
  });

  it('works out nothing ahead on the calling thread when there is no worker script', async () => {
    const differ = new WorkerTextDiffer('');
    differ.prepare([JOBS[2]!.to!.text]);
    assert.equal(differ.threadLimits, undefined);
    assert.deepEqual(await differ.diff(JOBS), expected(JOBS));
  });

  it('computes on the calling thread when there is no worker script', async () => {
    const differ = new WorkerTextDiffer('');
    assert.deepEqual(await differ.diff(JOBS), expected(JOBS));
  });

  it('finishes pending diffs on the calling thread when the worker fails to load', async () => {
    const differ = new WorkerTextDiffer('/nonexistent/diff-worker.js');
    assert.deepEqual(await differ.diff(JOBS), expected(JOBS));
  });
});

describe('diff jobs as posted to the worker', () => {
  it('carries a text shared by several jobs once, and gives back the same jobs', () => {
    const wire = toWire(JOBS);
    // Ten sides, HEAD's rule file in two of them: nine texts.
    assert.equal(wire.texts.length, 9);
    assert.deepEqual(wire.jobs[4]!.to, { path: 'rules/db.yaml', key: 'c'.repeat(40), text: 7 });
    assert.deepEqual(wire.jobs[5]!.to, { path: 'rules/db.yaml', key: 'c'.repeat(40), text: 7 });
    assert.deepEqual(fromWire(wire), JOBS);
  });
});
