import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { RuleId } from '../../../../src/core/findings';
import { README_URL, RULES, ruleHelpUri, ruleInfo, rulesOf } from '../../../../src/core/findings/rule-table';
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
      'stale.minor-change',
      'stale.unmentioned-change',
      'link.missing-target',
      'link.renamed-target',
      'review.overdue',
    ]);
  });
});

describe('the runbooks.rules.severity setting', () => {
  // `UPDATE_PACKAGE=1 npx mocha test/unit/core/findings/rule-table.test.ts` rewrites the setting's rule list from the table.
  it('offers every rule of the table, in table order, with error, warning, info and off', () => {
    type Setting = { properties: Record<string, { type: string; enum: string[]; markdownDescription: string }> };
    const file = path.join(ROOT, 'package.json');
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { contributes: { configuration: { properties: Record<string, Setting> } | Array<{ properties: Record<string, Setting> }> } };
    const sections = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
    const setting = sections.map((c) => c.properties['runbooks.rules.severity']).find(Boolean)!;
    const expected = Object.fromEntries(
      RULES.map((r) => [r.id, { type: 'string', enum: ['error', 'warning', 'info', 'off'], markdownDescription: `Severity of \`${r.id}\` (default \`${r.defaultSeverity}\`).` }]),
    );
    if (process.env.UPDATE_PACKAGE && JSON.stringify(setting.properties) !== JSON.stringify(expected)) {
      setting.properties = expected;
      writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
      return;
    }
    assert.deepEqual(setting.properties, expected, 'run UPDATE_PACKAGE=1 npx mocha test/unit/core/findings/rule-table.test.ts');
  });
});
