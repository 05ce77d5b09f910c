import assert from 'node:assert/strict';
import { healthSummary } from '../../../src/core/doc-health';

const reason = (ruleId: string, severity: 'error' | 'warning' | 'info' = 'warning') => ({ ruleId: ruleId as never, severity });

describe('a runbook health summary for the Runbooks view', () => {
  it('names broken links, staleness and an overdue review, worst first', () => {
    assert.equal(
      healthSummary({
        findings: [],
        verdict: {
          level: 'stale',
          reviewDue: true,
          reasons: [reason('link.missing-target', 'error'), reason('stale.linked-code-changed'), reason('link.renamed-target', 'error'), reason('review.overdue')],
        },
      }),
      '2 broken links, stale, review overdue',
    );
  });

  it('counts other findings at warning or error, from the verdict and the index, but not info', () => {
    assert.equal(
      healthSummary({
        findings: [reason('front-matter.invalid', 'error'), reason('block.invalid-attribute', 'info')],
        verdict: { level: 'broken', reviewDue: false, reasons: [reason('link.missing-target', 'error'), reason('link.outside-repo')] },
      }),
      '1 broken link, 2 other findings',
    );
    assert.equal(healthSummary({ findings: [reason('front-matter.invalid', 'error')] }), '1 finding');
  });

  it('says nothing for a fresh doc without findings, before the verdict is known, or for an unknown verdict', () => {
    assert.equal(healthSummary({ findings: [], verdict: { level: 'fresh', reviewDue: false, reasons: [] } }), undefined);
    assert.equal(healthSummary({ findings: [] }), undefined);
    assert.equal(healthSummary({ findings: [], verdict: { level: 'unknown', reviewDue: false, reasons: [reason('staleness.unknown', 'info')] } }), undefined);
  });
});
