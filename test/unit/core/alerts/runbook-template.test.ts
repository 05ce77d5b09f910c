import assert from 'node:assert/strict';
import { parseRuleFile } from '../../../../src/core/alerts/parse-rules';
import { alertRunbookMarkdown } from '../../../../src/core/alerts/runbook-template';
import { parseDoc } from '../../../../src/core/parse-doc';

const RULES = ['groups:', '- name: orders', '  rules:', '  - alert: "Orders: API down"', '    expr: |', '      sum(up{job="orders"})', '        == 0', '    for: 5m', '    labels:', '      severity: critical', '      team: orders', ''].join('\n');

describe('alertRunbookMarkdown', () => {
  const alert = parseRuleFile(RULES, 'ops/prometheus/orders rules.yml').alerts[0]!;

  it('starts the runbook from the rule: front matter, title, expression, for and labels in Meaning, with a link to the rule', () => {
    const text = alertRunbookMarkdown(alert, 'runbooks/orders-api-down.md');
    assert.equal(
      text.split('\n').slice(0, 19).join('\n'),
      [
        '---',
        'title: "Orders: API down"',
        'alerts:',
        '  - "Orders: API down"',
        'severity: critical',
        '---',
        '',
        '# Orders: API down',
        '',
        '## Meaning',
        '',
        'Fires when this expression holds for 5m (rule `Orders: API down` in group `orders`, [ops/prometheus/orders rules.yml](../ops/prometheus/orders%20rules.yml#L4)):',
        '',
        '```promql',
        'sum(up{job="orders"})',
        '  == 0',
        '```',
        '',
        'Labels: `severity=critical`, `team=orders`.',
      ].join('\n'),
    );
  });

  it('is a runbook the index reads back with the alert in alerts: and every section', () => {
    const doc = parseDoc('runbooks/orders-api-down.md', alertRunbookMarkdown(alert, 'runbooks/orders-api-down.md'));
    assert.deepEqual([doc.kind, doc.title, doc.meta.alerts, doc.meta.severity, doc.findings], ['runbook', 'Orders: API down', ['Orders: API down'], 'critical', []]);
    assert.deepEqual(doc.headings.map((h) => h.text), ['Orders: API down', 'Meaning', 'Impact', 'Diagnosis', 'Mitigation', 'Escalation']);
  });
});
