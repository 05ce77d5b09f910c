import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { ruleInfo } from '../../../../../src/core/findings';
import { RULE_DEFINITIONS, STALENESS_RULES, VERDICT_RULES } from '../../../../../src/core/staleness/rules/rule-table';
import { commit, evidence, target, verdict } from './evidence';

const RULES_DIR = path.resolve(__dirname, '../../../../../src/core/staleness/rules');

describe('the staleness rule files', () => {
  it('hold one file per rule id of the rule table, named after it', () => {
    const files = readdirSync(RULES_DIR)
      .filter((f) => !['rule.ts', 'rule-table.ts', 'text.ts'].includes(f))
      .sort();
    assert.deepEqual(files, STALENESS_RULES.map((r) => `${r.id.replace('.', '-')}.ts`).sort());
    assert.deepEqual(RULE_DEFINITIONS.map((r) => r.id), STALENESS_RULES.map((r) => r.id));
  });

  it('declare the weights the rule table lists for them', () => {
    for (const rule of RULE_DEFINITIONS) assert.deepEqual([rule.id, [...(rule.weight?.weights ?? [])]], [rule.id, [...ruleInfo(rule.id)!.weights]]);
  });

  it('report with the default severity of the rule table', () => {
    const moved = commit('a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', '2024-06-02T09:00:00Z', 'x');
    const anchored = target('a.go', 3, { lines: { start: 1, end: 2 } }) as ReturnType<typeof target> & { lines: { start: number; end: number } };
    const doc = evidence({
      changes: [
        { target: target('a.sh', 2), commits: [moved], added: 1, deleted: 0, files: 1 },
        { target: target('e.sh', 6), commits: [moved], added: 1, deleted: 1, files: 1, minor: ['versions'], oldVersions: ['1.2'] },
        { target: target('f.mk', 7), commits: [moved], added: 2, deleted: 0, files: 1, unmentioned: true, vocabulary: { lost: [], gained: ['coverage'], copies: [], sections: [], sectionsGone: [] } },
      ],
      anchors: [
        { target: anchored, touchedBy: [moved], movedBy: [], now: { start: 1, end: 2 }, uncommittedTouch: false },
        { target: anchored, touchedBy: [], movedBy: [moved], now: { start: 2, end: 3 }, uncommittedTouch: false },
      ],
      broken: [{ target: target('b.sh', 4, { kind: 'missing' }) }, { target: target('c.sh', 5, { kind: 'missing' }), renamedTo: { path: 'd.sh' } }],
      review: { due: true, dueDate: '2024-08-01', interval: '90d', invalidInterval: 'x', futureDate: '2099-12-31', futureField: 'reviewed' },
      unknown: 'no history.',
      feedback: [{ path: 'runbooks/db.md', line: 6, text: 'wrong port', at: '2024-06-03T10:00:00Z', resolved: false, incident: { path: 'incidents/i.md' } }],
    });
    const seen = verdict(doc).reasons.map((r) => [r.ruleId, r.severity]);
    assert.equal(seen.length, 12);
    for (const [id, severity] of seen) assert.deepEqual([id, severity], [id, ruleInfo(id!)!.defaultSeverity]);
    const verdictRules = [...VERDICT_RULES.changes, ...VERDICT_RULES.anchors, ...VERDICT_RULES.feedback, ...VERDICT_RULES.broken, ...VERDICT_RULES.doc];
    assert.deepEqual(new Set(seen.map(([id]) => id)), new Set(verdictRules.map((r) => r.id)));
  });
});
