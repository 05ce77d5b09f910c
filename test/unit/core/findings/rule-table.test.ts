import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { README_URL, RuleId, RULES, ruleHelpUri, ruleInfo, rulesOf } from '../../../../src/core/findings';
import { DEFAULT_STALENESS_OPTIONS } from '../../../../src/core/staleness/options';

const ROOT = path.resolve(__dirname, '../../../..');

describe('the rule table', () => {
  it('lists every rule id once, with a name, a description and a help link into the README', () => {
    assert.deepEqual(RULES.map((r) => r.id).sort(), Object.values(RuleId).sort());
    assert.equal(new Set(RULES.map((r) => r.name)).size, RULES.length);
    assert.equal(ruleHelpUri('link.anchor-drifted'), `${README_URL}#rule-link-anchor-drifted`);
    assert.equal(ruleInfo('review.overdue')?.defaultSeverity, 'warning');
    assert.equal(ruleInfo('no.such-rule'), undefined);
  });

  it('points help links at the repository of package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
    assert.equal(README_URL, pkg.repository.url.replace(/\.git$/, ''));
  });

  it('names only weights the staleness scoring has', () => {
    const weights = Object.keys(DEFAULT_STALENESS_OPTIONS.weights);
    for (const rule of RULES) for (const w of rule.weights) assert.ok(weights.includes(w), `${rule.id}: ${w}`);
    assert.deepEqual(rulesOf('staleness').filter((r) => r.weights.length > 0).map((r) => r.id), [
      'stale.linked-code-changed',
      'stale.anchored-range-changed',
      'stale.incident-feedback',
      'link.missing-target',
      'link.renamed-target',
      'review.overdue',
    ]);
  });
});
