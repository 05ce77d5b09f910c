import assert from 'node:assert/strict';
import type { FeedbackRecord } from '../../../../src/core/incident/feedback';
import { parseDoc } from '../../../../src/core/parse-doc';
import { StalenessEngine } from '../../../../src/core/staleness/engine';
import { indexFeedback, loadFeedback, openFeedback, withFeedback } from '../../../../src/core/staleness/evidence/incident-feedback';
import { feedbackReasons } from '../../../../src/core/staleness/rules/stale-incident-feedback';
import type { FeedbackSource } from '../../../../src/core/staleness/ports';
import { resolveStalenessOptions } from '../../../../src/core/staleness/options';
import { type DocEvidence } from '../../../../src/core/staleness/model/evidence';
import { scoreDoc } from './rules/evidence';
import { day, FakeFiles, FakeGit } from './fake-git';

const NOW = new Date('2025-06-01T00:00:00Z');
const INCIDENT = { path: 'incidents/2025-03-01-checkout-5xx.md', id: '2025-03-01-checkout-5xx', title: 'Checkout 5xx' };

function note(fields: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return { path: 'runbooks/db.md', line: 7, text: 'step 3 is wrong: the pool is in pgbouncer.ini now', at: '2025-03-01T10:05:00Z', author: 'Alice', incident: INCIDENT, resolved: false, ...fields };
}

/** Evidence of a committed runbook with nothing against it, last changed on `changed` (noon UTC). */
function evidence(changed = '2025-01-01', fields: Partial<DocEvidence> = {}): DocEvidence {
  return {
    path: 'runbooks/db.md',
    kind: 'runbook',
    reference: { time: day(changed), source: 'commit', commit: { sha: 'a'.repeat(40), date: `${changed}T12:00:00Z`, subject: 'add' } },
    targets: [],
    changes: [],
    anchors: [],
    broken: [],
    problems: [],
    review: { due: false },
    ...fields,
  };
}

const MESSAGE =
  'Noted in incident "Checkout 5xx" (incidents/2025-03-01-checkout-5xx.md) on 2025-03-01 by Alice: "step 3 is wrong: the pool is in pgbouncer.ini now", after this runbook was last changed on 2025-01-01. Update this step, or mark the runbook reviewed if it is still right.';

describe('incident feedback as staleness evidence', () => {
  describe('indexFeedback and openFeedback', () => {
    it('keeps unresolved notes per doc, oldest first, and leaves resolved ones out', () => {
      const index = indexFeedback([
        note({ text: 'later', at: '2025-04-02T08:00:00Z' }),
        note({ text: 'resolved', resolved: true }),
        note({ text: 'other doc', path: 'runbooks/cache.md' }),
        note({ text: 'earlier', at: '2025-03-01T10:05:00Z' }),
      ]);
      assert.deepEqual(
        [...index].map(([path, records]) => [path, records.map((r) => r.text)]),
        [
          ['runbooks/db.md', ['earlier', 'later']],
          ['runbooks/cache.md', ['other doc']],
        ],
      );
    });

    it('counts only notes written after the doc was last changed, not at that very second', () => {
      const index = indexFeedback([note({ text: 'before', at: '2025-01-01T11:59:59Z' }), note({ text: 'same second', at: '2025-01-01T12:00:00Z' }), note({ text: 'after', at: '2025-01-01T12:00:01Z' })]);
      assert.deepEqual(openFeedback(index, evidence('2025-01-01')).map((r) => r.text), ['after']);
    });

    it('takes a review after the note as having addressed it', () => {
      const index = indexFeedback([note({ at: '2025-03-01T10:05:00Z' })]);
      const reviewed = (date: string) => evidence('2025-01-01', { reference: { time: Date.parse(`${date}T23:59:59Z`) / 1000, source: 'review', reviewed: date } });
      assert.equal(openFeedback(index, reviewed('2025-03-01')).length, 0);
      assert.equal(openFeedback(index, reviewed('2025-02-28')).length, 1);
    });

    it('counts every unresolved note on a doc with no reference time, and none on a doc whose staleness is unknown', () => {
      const index = indexFeedback([note(), note({ at: '2024-01-01T00:00:00Z' })]);
      assert.equal(openFeedback(index, { path: 'runbooks/db.md' }).length, 2);
      assert.equal(openFeedback(index, { path: 'runbooks/db.md', unknown: 'shallow clone' }).length, 0);
      assert.equal(openFeedback(index, { path: 'runbooks/other.md' }).length, 0);
    });

    it('leaves evidence without open feedback as it was', () => {
      const plain = evidence('2025-04-01');
      assert.equal(withFeedback(plain, indexFeedback([note()])), plain);
      assert.deepEqual(withFeedback(evidence(), indexFeedback([note()])).feedback, [note()]);
    });
  });

  describe('feedbackReasons', () => {
    it('names the incident, the day, the author and the note on the feedback line, and says what to do', () => {
      assert.deepEqual(feedbackReasons({ ...evidence(), feedback: [note()] }), [{ ruleId: 'stale.incident-feedback', severity: 'warning', line: 7, message: MESSAGE, commits: [] }]);
    });

    it('says "reviewed" after a review, names an incident without a title by its file, and shortens long notes', () => {
      const long = `${'x'.repeat(98)} yz and more`;
      const [reason] = feedbackReasons({
        ...evidence('2025-01-01', { kind: 'architecture', reference: { time: Date.parse('2025-02-10T23:59:59Z') / 1000, source: 'review', reviewed: '2025-02-10' } }),
        feedback: [note({ text: long, author: undefined, incident: { path: 'incidents/notes.md' }, line: 0 })],
      });
      assert.equal(reason!.line, 1);
      assert.equal(
        reason!.message,
        `Noted in incident incidents/notes.md on 2025-03-01: "${'x'.repeat(98)}…", after this doc was last reviewed on 2025-02-10. Update this step, or mark the doc reviewed if it is still right.`,
      );
    });
  });

  describe('scoreDoc', () => {
    it('adds the incidentFeedback weight per open note and makes the doc stale at the threshold', () => {
      const options = resolveStalenessOptions({ now: () => NOW });
      const one = scoreDoc({ ...evidence(), feedback: [note()] }, options);
      assert.deepEqual([one.level, one.score, one.reviewDue, one.reasons.map((r) => r.ruleId)], ['stale', 1, false, ['stale.incident-feedback']]);
      const two = scoreDoc({ ...evidence(), feedback: [note(), note({ line: 9 })] }, options);
      assert.deepEqual([two.level, two.score, two.reasons.map((r) => r.line)], ['stale', 2, [7, 9]]);
    });

    it('follows a configured weight, and leaves the broken level alone', () => {
      const light = scoreDoc({ ...evidence(), feedback: [note()] }, resolveStalenessOptions({ now: () => NOW, weights: { incidentFeedback: 0.4 } }));
      assert.deepEqual([light.level, light.score], ['fresh', 0.4]);
      const options = resolveStalenessOptions({ now: () => NOW });
      const target = { path: 'gone.sh', kind: 'missing' as const, via: 'link' as const, tracked: true, line: 3, raw: 'gone.sh', occurrences: [{ line: 3, raw: 'gone.sh' }] };
      const broken = scoreDoc({ ...evidence('2025-01-01', { targets: [target], broken: [{ target }] }), feedback: [note()] }, options);
      assert.deepEqual([broken.level, broken.score], ['broken', 6]);
    });

    it('keeps an overdue review separate: its own flag and weight, never the level', () => {
      const due = scoreDoc({ ...evidence('2025-01-01', { review: { due: true, dueDate: '2025-04-01', interval: '90d' } }) }, resolveStalenessOptions({ now: () => NOW }));
      assert.deepEqual([due.level, due.score, due.reviewDue], ['fresh', 0.5, true]);
      const both = scoreDoc({ ...evidence('2025-01-01', { review: { due: true, dueDate: '2025-04-01', interval: '90d' } }), feedback: [note()] }, resolveStalenessOptions({ now: () => NOW }));
      assert.deepEqual([both.level, both.score, both.reviewDue], ['stale', 1.5, true]);
    });
  });

  describe('loadFeedback', () => {
    it('gives an empty index without a source, and a warning instead of a rejection when the source fails', async () => {
      assert.deepEqual(await loadFeedback(undefined), { index: new Map(), warnings: [] });
      const failing: FeedbackSource = { load: async () => Promise.reject(new Error('EACCES: permission denied, scandir incidents')) };
      assert.deepEqual(await loadFeedback(failing), { index: new Map(), warnings: ['could not read incident feedback, so it was left out: EACCES: permission denied, scandir incidents'] });
    });

    it('rejects when aborted', async () => {
      const abort = new AbortController();
      abort.abort(new Error('cancelled'));
      const source: FeedbackSource = { load: async (signal) => (signal?.throwIfAborted(), []) };
      await assert.rejects(loadFeedback(source, abort.signal), /cancelled/);
    });
  });

  describe('through StalenessEngine (in-memory ports)', () => {
    const text = (front: string) => `${front}# Db\n\nCheck the pool.\n\n1. Open the config.\n2. Raise the size.\n3. Reload.\n`;
    let git: FakeGit;
    let files: FakeFiles;

    beforeEach(() => {
      git = new FakeGit();
      git.add({ time: day('2025-01-01'), subject: 'add', changes: [{ status: 'A', path: 'runbooks/db.md' }] });
      files = new FakeFiles({ 'runbooks/db.md': text('') });
    });

    const source = (records: FeedbackRecord[]): FeedbackSource => ({ load: async () => records });

    it('marks a runbook stale when an incident noted a wrong step after it was last changed', async () => {
      const doc = parseDoc('runbooks/db.md', text(''));
      const report = await new StalenessEngine({ git, files, feedback: source([note(), note({ text: 'fixed already', resolved: true })]) }, { now: () => NOW }).report([doc]);
      const verdict = report.docs[0]!;
      assert.deepEqual([verdict.level, verdict.score, verdict.reviewDue, verdict.referenceTime], ['stale', 1, false, '2025-01-01T12:00:00Z']);
      assert.deepEqual(verdict.reasons, [{ ruleId: 'stale.incident-feedback', severity: 'warning', line: 7, message: MESSAGE, commits: [] }]);
      assert.equal(report.warnings, undefined);
    });

    it('keeps a runbook reviewed after the note fresh', async () => {
      const doc = parseDoc('runbooks/db.md', text('---\nreviewed: 2025-03-02\n---\n'));
      const verdict = (await new StalenessEngine({ git, files, feedback: source([note()]) }, { now: () => NOW }).report([doc])).docs[0]!;
      assert.deepEqual([verdict.level, verdict.score, verdict.referenceSource, verdict.reasons], ['fresh', 0, 'review', []]);
    });

    it('leaves feedback out of docs with no usable history', async () => {
      git.state_ = { kind: 'none', reason: 'this folder is not in a git repository.' };
      const report = await new StalenessEngine({ git, files, feedback: source([note()]) }, { now: () => NOW }).report([parseDoc('runbooks/db.md', text(''))]);
      assert.deepEqual(report.docs.map((d) => [d.level, d.score, d.reasons.map((r) => r.ruleId)]), [['unknown', 0, ['staleness.unknown']]]);
    });

    it('reports unreadable incidents as a warning and keeps the other verdicts', async () => {
      const failing: FeedbackSource = { load: async () => Promise.reject(new Error('EACCES')) };
      const report = await new StalenessEngine({ git, files, feedback: failing }, { now: () => NOW }).report([parseDoc('runbooks/db.md', text(''))]);
      assert.deepEqual([report.docs[0]!.level, report.warnings], ['fresh', ['could not read incident feedback, so it was left out: EACCES']]);
    });
  });
});
