import assert from 'node:assert/strict';
import { evidence, lines, verdict } from './evidence';

describe('rule review.overdue', () => {
  it('says since when, the interval, the last change and the owner, weighs reviewOverdue, and leaves the doc fresh', () => {
    const doc = evidence({ owner: '@db-team', review: { due: true, dueDate: '2024-07-30', interval: '90d' }, reviewLine: 2 });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:2:1 warning Review overdue since 2024-07-30 (review every 90d; last changed or reviewed 2024-05-01). Owner: @db-team. Review this runbook, then set `reviewed: 2024-09-01` in its front matter. [review.overdue]',
    ]);
    const v = verdict(doc);
    assert.deepEqual([v.level, v.score, v.reviewDue], ['fresh', 0.5, true]);
  });

  it('leaves out what is not known', () => {
    const doc = evidence({ kind: 'architecture', reference: undefined, review: { due: true, dueDate: '2024-07-30', interval: 'quarterly' } });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:1:1 warning Review overdue since 2024-07-30 (review every quarterly). Review this doc, then set `reviewed: 2024-09-01` in its front matter. [review.overdue]',
    ]);
  });
});

describe('rule review.invalid-interval', () => {
  it('quotes the interval and shows durations it understands, with no weight', () => {
    const doc = evidence({ review: { due: false, invalidInterval: 'every so often' }, reviewLine: 3 });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:3:1 warning Review interval `every so often` is not a duration; write e.g. `90d`, `3 months`, `P90D` or `quarterly`. [review.invalid-interval]',
    ]);
    assert.equal(verdict(doc).score, 0);
  });
});

describe('rule staleness.unknown', () => {
  it('gives the reason on line 1 and makes the doc unknown, unless a link is broken', () => {
    const doc = evidence({ reference: undefined, unknown: 'this is a shallow clone, so the history is cut off.' });
    assert.deepEqual(lines(doc), ['runbooks/db.md:1:1 info Staleness unknown: this is a shallow clone, so the history is cut off. [staleness.unknown]']);
    const v = verdict(doc);
    assert.deepEqual([v.level, v.referenceTime], ['unknown', undefined]);
  });
});
