import assert from 'node:assert/strict';
import type { DocModel } from '../../../../../src/core/doc-model';
import type { EvidenceRun } from '../../../../../src/core/staleness/model/report-run';
import { planDocReferences } from '../../../../../src/core/staleness/plan/doc-references';
import { diff, doc, evidenceRun, historyOf, noon, sha, type CommitSpec } from './history-fixture';

/** What the tests compare: the commit number (1-based) of a reference, its review time, or the reason there is none. */
function summary(refs: Map<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, ref] of refs) {
    if (typeof ref === 'string') out[path] = ref;
    else {
      const r = ref as { commit?: { sha: string }; commitIndex?: number; reviewTime?: number; workingTree?: boolean };
      out[path] = { ...(r.commitIndex !== undefined ? { commit: r.commitIndex + 1, sha: r.commit!.sha } : {}), ...(r.reviewTime !== undefined ? { reviewTime: r.reviewTime } : {}), ...(r.workingTree ? { workingTree: true } : {}) };
    }
  }
  return out;
}

/** The engine's plan ⇄ fetch loop, for the docs alone: plan, fetch what the plan asked for, until it asks for nothing. */
async function findDocReferences(run: EvidenceRun, docs: DocModel[]) {
  let references = planDocReferences(run, docs);
  while (run.details.pending > 0) {
    await run.details.flush();
    references = planDocReferences(run, docs);
  }
  return references;
}

const ADDED: CommitSpec = { day: '2025-01-01', subject: 'write the runbook', changes: [['A', 'runbooks/db.md']] };

describe('findDocReferences (when each doc last changed)', () => {
  it('takes the commit that added the doc without asking for a diff', async () => {
    const { run, diffs } = evidenceRun({ index: historyOf([ADDED, { day: '2025-02-01', subject: 'other', changes: [['A', 'README.md']] }]) });
    const refs = await findDocReferences(run, [doc('runbooks/db.md')]);
    assert.deepEqual(summary(refs), { 'runbooks/db.md': { commit: 1, sha: sha(1) } });
    assert.deepEqual([diffs.asked, diffs.flushes], [[], 0]);
  });

  it('skips a whitespace-only edit: asks for its diff (read at the parent commit) and goes back to the edit before it', async () => {
    const index = historyOf([
      ADDED,
      { day: '2025-02-01', subject: 'fix typo', changes: [['M', 'runbooks/db.md']] },
      { day: '2025-03-01', subject: 'reindent', changes: [['M', 'runbooks/db.md']] },
    ]);
    const { run, diffs } = evidenceRun({ index, diffs: { 'runbooks/db.md@2 → runbooks/db.md@3': diff(0, 0), 'runbooks/db.md@1 → runbooks/db.md@2': diff(1, 1) } });
    const refs = await findDocReferences(run, [doc('runbooks/db.md')]);
    assert.deepEqual(summary(refs), { 'runbooks/db.md': { commit: 2, sha: sha(2) } });
    // The newest candidate is taken for now; once its diff shows whitespace only, the next round asks for the ones before it.
    // Only whether the doc changed more than whitespace is asked: its lines alone, no notes (minor hunks, words).
    assert.deepEqual(diffs.asked, ['runbooks/db.md@2 → runbooks/db.md@3 (read from 2) lines only', 'runbooks/db.md@1 → runbooks/db.md@2 (read from 1) lines only']);
    assert.equal(diffs.flushes, 2);
  });

  it('skips bulk commits, and takes the creating commit even when it is one', async () => {
    const bulk = (day: string): CommitSpec => ({ day, subject: 'reformat everything', changes: [['M', 'runbooks/db.md']], fileCount: 500 });
    const { run, diffs } = evidenceRun({ index: historyOf([{ ...ADDED, fileCount: 500 }, bulk('2025-02-01'), bulk('2025-03-01')]) });
    assert.deepEqual(summary(await findDocReferences(run, [doc('runbooks/db.md')])), { 'runbooks/db.md': { commit: 1, sha: sha(1) } });
    assert.deepEqual(diffs.asked, []);
  });

  it('follows a pure rename back to the old path, and compares a rename with edits against the old path', async () => {
    const index = historyOf([
      ADDED,
      { day: '2025-02-01', subject: 'move', changes: [['R', 'runbooks/postgres.md', 'runbooks/db.md', 100]] },
      { day: '2025-03-01', subject: 'rename and retitle', changes: [['R', 'ops/postgres.md', 'runbooks/postgres.md', 90]] },
    ]);
    const { run, diffs } = evidenceRun({ index, diffs: { 'runbooks/postgres.md@2 → ops/postgres.md@3': diff(0, 0) } });
    assert.deepEqual(summary(await findDocReferences(run, [doc('ops/postgres.md')])), { 'ops/postgres.md': { commit: 1, sha: sha(1) } });
    assert.deepEqual(diffs.asked, ['runbooks/postgres.md@2 → ops/postgres.md@3 (read from 2) lines only']);
  });

  it('adds the end of the review day to the reference', async () => {
    const { run } = evidenceRun({ index: historyOf([ADDED]) });
    const refs = await findDocReferences(run, [doc('runbooks/db.md', '2025-06-30')]);
    assert.deepEqual(summary(refs), { 'runbooks/db.md': { commit: 1, sha: sha(1), reviewTime: noon('2025-06-30') + 12 * 3600 - 1 } });
  });

  it('takes uncommitted edits of the doc as newer than everything committed, unless only whitespace or the working tree is not used', async () => {
    const index = historyOf([ADDED]);
    const working = [{ status: 'M' as const, path: 'runbooks/db.md' }];
    const used = evidenceRun({ index, working });
    used.working.diff.set('runbooks/db.md', { path: 'runbooks/db.md', hunks: [], added: 1, deleted: 0 });
    assert.deepEqual(summary(await findDocReferences(used.run, [doc('runbooks/db.md', '2025-06-30')])), { 'runbooks/db.md': { reviewTime: noon('2025-06-30') + 12 * 3600 - 1, workingTree: true } });
    const whitespace = evidenceRun({ index, working });
    whitespace.working.diff.set('runbooks/db.md', { path: 'runbooks/db.md', hunks: [], added: 0, deleted: 0 });
    assert.deepEqual(summary(await findDocReferences(whitespace.run, [doc('runbooks/db.md')])), { 'runbooks/db.md': { commit: 1, sha: sha(1) } });
    const unused = evidenceRun({ index, working, options: { workingTree: false } });
    unused.working.diff.set('runbooks/db.md', { path: 'runbooks/db.md', hunks: [], added: 1, deleted: 0 });
    assert.deepEqual(summary(await findDocReferences(unused.run, [doc('runbooks/db.md')])), { 'runbooks/db.md': { commit: 1, sha: sha(1) } });
  });

  it('says why there is no reference: a doc not committed yet, or one only whitespace and bulk commits touched', async () => {
    const index = historyOf([
      { day: '2025-02-01', subject: 'reindent', changes: [['M', 'runbooks/old.md']] },
      { day: '2025-03-01', subject: 'reformat', changes: [['M', 'runbooks/old.md']], fileCount: 500 },
    ]);
    const { run } = evidenceRun({ index, diffs: { '- → runbooks/old.md@1': diff(0, 0) }, working: [{ status: 'A', path: 'runbooks/new.md' }] });
    const refs = await findDocReferences(run, [doc('runbooks/new.md'), doc('runbooks/draft.md'), doc('runbooks/old.md')]);
    assert.deepEqual(summary(refs), {
      'runbooks/new.md': 'this doc is not committed yet. Commit it to start tracking the files it links to.',
      'runbooks/draft.md': 'this doc is not committed yet. Commit it to start tracking the files it links to.',
      'runbooks/old.md': 'no commit changed the content of this doc (only bulk or ignored commits touched it).',
    });
  });
});
