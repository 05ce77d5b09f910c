import assert from 'node:assert/strict';
import type { PlacedFinding } from '../../../../src/core/findings';
import { applySeverities, mergeSeverityOverrides, severityFor } from '../../../../src/core/findings/severity';

const finding = (ruleId: string, severity: PlacedFinding['severity'], line: number): PlacedFinding => ({ ruleId, severity, message: `m${line}`, path: 'runbooks/a.md', line });

describe('per-rule severity', () => {
  it('keeps the finding’s own severity for a rule that is not configured', () => {
    assert.equal(severityFor('link.anchor-drifted', 'info', { 'review.overdue': 'off' }), 'info');
    assert.equal(severityFor('link.anchor-drifted', 'info', undefined), 'info');
  });

  it('raises, lowers or turns off a configured rule', () => {
    const overrides = { 'link.anchor-drifted': 'error', 'stale.linked-code-changed': 'info', 'review.overdue': 'off' } as const;
    assert.deepEqual(
      [severityFor('link.anchor-drifted', 'info', overrides), severityFor('stale.linked-code-changed', 'warning', overrides), severityFor('review.overdue', 'warning', overrides)],
      ['error', 'info', undefined],
    );
  });

  it('does not read inherited properties as rule ids', () => {
    assert.equal(severityFor('toString', 'warning', {}), 'warning');
  });

  it('applies the overrides to a list of findings, in order, leaving out the rules that are off', () => {
    const findings = [finding('review.overdue', 'warning', 1), finding('link.anchor-drifted', 'info', 2), finding('link.missing-target', 'error', 3)];
    assert.deepEqual(
      applySeverities(findings, { 'review.overdue': 'off', 'link.anchor-drifted': 'warning' }).map((f) => `${f.line} ${f.severity} ${f.ruleId}`),
      ['2 warning link.anchor-drifted', '3 error link.missing-target'],
    );
    assert.equal(applySeverities(findings, {}), findings);
  });

  it('lets the editor setting win over .runbooks.yml rule by rule', () => {
    assert.deepEqual(mergeSeverityOverrides({ 'review.overdue': 'off', 'link.anchor-drifted': 'error' }, { 'link.anchor-drifted': 'info' }), { 'review.overdue': 'off', 'link.anchor-drifted': 'info' });
  });
});
