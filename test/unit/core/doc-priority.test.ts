import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/findings';
import { leadsProblems, problemSeverity, withProblemSeverities } from '../../../src/core/doc-priority';

const broken: Finding = { ruleId: 'link.missing-target', severity: 'error', line: 3, message: 'Broken link.' };
const stale: Finding = { ruleId: 'stale.linked-code-changed', severity: 'warning', line: 7, message: 'Linked code changed.' };

describe('which docs lead the Problems panel', () => {
  it('keeps the severity of findings on runbooks and architecture docs', () => {
    assert.equal(problemSeverity('error', { path: 'docs/sidekiq/queue.md', kind: 'runbook' }, false), 'error');
    assert.equal(problemSeverity('warning', { path: 'docs/adr/0001-db.md', kind: 'architecture' }, false), 'warning');
  });

  it('shows findings on other docs (a contributor guide) as information unless all docs are opted in', () => {
    assert.equal(problemSeverity('error', { path: 'CONTRIBUTING.md', kind: 'other' }, false), 'info');
    assert.equal(problemSeverity('error', { path: 'CONTRIBUTING.md', kind: 'other' }, true), 'error');
  });

  it('treats templates as docs that do not lead, even when they look like runbooks', () => {
    assert.equal(leadsProblems({ path: 'alerts/template.md', kind: 'runbook' }), false);
    assert.equal(leadsProblems({ path: 'archetypes/default.md', kind: 'runbook' }), false);
    assert.equal(leadsProblems({ path: 'alerts/KubePodCrashLooping.md', kind: 'runbook' }), true);
  });

  it('lowers every finding of a doc that does not lead to info, keeping the order, and returns the same array otherwise', () => {
    const findings = [broken, stale];
    assert.deepEqual(
      withProblemSeverities(findings, { path: 'README.md', kind: 'other' }, false).map((f) => [f.ruleId, f.severity]),
      [
        ['link.missing-target', 'info'],
        ['stale.linked-code-changed', 'info'],
      ],
    );
    assert.equal(withProblemSeverities(findings, { path: 'runbooks/db.md', kind: 'runbook' }, false), findings);
    assert.equal(withProblemSeverities(findings, { path: 'README.md', kind: 'other' }, true), findings);
    assert.deepEqual(findings.map((f) => f.severity), ['error', 'warning']);
  });
});
