import assert from 'node:assert/strict';
import { withCommandFindings } from '../../../../src/core/commands/report-merge';
import type { PlacedFinding } from '../../../../src/core/findings/finding';
import type { DocStaleness, StalenessReport } from '../../../../src/core/staleness/model/report';
import { reportFindings } from '../../../../src/core/staleness/as-findings';

const doc = (path: string, level: DocStaleness['level']): DocStaleness => ({
  path,
  kind: 'runbook',
  level,
  score: 0,
  reviewDue: false,
  reasons: [{ ruleId: 'review.overdue', severity: 'warning', line: 1, message: 'overdue', commits: [] }],
  targets: [],
});

describe('command findings in the staleness report', () => {
  const report: StalenessReport = { repo: { kind: 'git', head: 'h', shallow: false }, docs: [doc('a.md', 'fresh'), doc('b.md', 'unknown'), doc('c.md', 'stale')] };
  const missing: PlacedFinding = {
    ruleId: 'command.missing-script',
    severity: 'error',
    path: 'a.md',
    line: 9,
    target: 'ops/x.sh',
    message: 'gone',
    commits: [],
    fix: { description: 'Change it.', replace: { text: './ops/x.sh', with: './ops/y.sh' } },
  };
  const flag: PlacedFinding = { ruleId: 'command.unknown-flag', severity: 'warning', path: 'c.md', line: 3, target: 'x.sh', message: 'flag', commits: [] };

  it('adds them to their docs, errors first, and makes a doc with a command error broken', () => {
    const merged = withCommandFindings(report, [missing, { ...missing, path: 'b.md' }, flag, { ...flag, path: 'nowhere.md' }]);
    assert.deepEqual(merged.docs.map((d) => [d.path, d.level, d.reasons.map((r) => `${r.line} ${r.ruleId}`)]), [
      ['a.md', 'broken', ['9 command.missing-script', '1 review.overdue']],
      ['b.md', 'unknown', ['9 command.missing-script', '1 review.overdue']],
      ['c.md', 'stale', ['1 review.overdue', '3 command.unknown-flag']],
    ]);
  });

  it('keeps the rule\'s own fix when the reasons become findings again', () => {
    const findings = reportFindings(withCommandFindings(report, [missing]));
    assert.deepEqual(findings.find((f) => f.ruleId === 'command.missing-script')!.fix, missing.fix);
  });

  it('returns the same report when there are none', () => {
    assert.equal(withCommandFindings(report, []), report);
  });
});
