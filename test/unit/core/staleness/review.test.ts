import assert from 'node:assert/strict';
import { addInterval, parseReviewInterval, reviewStatus } from '../../../../src/core/staleness/evidence/review';

describe('review intervals', () => {
  it('reads intervals as people write them', () => {
    const cases: Array<[string, ReturnType<typeof parseReviewInterval>]> = [
      ['90d', { months: 0, days: 90 }],
      ['90 days', { months: 0, days: 90 }],
      ['6w', { months: 0, days: 42 }],
      ['3 months', { months: 3, days: 0 }],
      ['3mo', { months: 3, days: 0 }],
      ['1y', { months: 12, days: 0 }],
      ['P90D', { months: 0, days: 90 }],
      ['P1Y2M', { months: 14, days: 0 }],
      ['P2W', { months: 0, days: 14 }],
      ['30', { months: 0, days: 30 }],
      ['Quarterly', { months: 3, days: 0 }],
      ['fortnightly-ish', undefined],
      ['0d', undefined],
      ['P', undefined],
    ];
    for (const [text, expected] of cases) assert.deepEqual(parseReviewInterval(text), expected, text);
  });

  it('adds months on the calendar', () => {
    assert.equal(addInterval(new Date('2025-01-15T00:00:00Z'), { months: 3, days: 0 }).toISOString().slice(0, 10), '2025-04-15');
  });

  it('is due when the reference time plus the interval has passed', () => {
    const since = new Date('2025-01-01T12:00:00Z');
    assert.deepEqual(reviewStatus('90d', since, new Date('2025-06-01T00:00:00Z')), { due: true, dueDate: '2025-04-01', interval: '90d' });
    assert.deepEqual(reviewStatus('1y', since, new Date('2025-06-01T00:00:00Z')), { due: false, dueDate: '2026-01-01', interval: '1y' });
  });

  it('uses the default interval only for docs without one, and reports an unreadable interval', () => {
    const since = new Date('2025-01-01T12:00:00Z');
    const now = new Date('2025-06-01T00:00:00Z');
    assert.equal(reviewStatus(undefined, since, now).due, false);
    assert.equal(reviewStatus(undefined, since, now, '30d').due, true);
    assert.deepEqual(reviewStatus('soon', since, now), { due: false, interval: 'soon', invalidInterval: 'soon' });
  });
});

describe('review intervals out of range', () => {
  it('reads no interval longer than 100 years, so no due date is out of range', () => {
    for (const text of ['100000000', '100000000 days', '5000y', 'P99999Y', '1e308', '36526']) assert.equal(parseReviewInterval(text), undefined, text);
    assert.deepEqual(parseReviewInterval('100y'), { months: 1200, days: 0 });
    const status = reviewStatus('100000000', new Date('2025-01-01T00:00:00Z'), new Date('2025-06-01T00:00:00Z'));
    assert.deepEqual(status, { due: false, interval: '100000000', invalidInterval: '100000000' });
  });
});
