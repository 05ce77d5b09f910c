import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES, ruleAnchor } from '../../../../src/core/findings/rule-table';

// The README's rule table is generated from the rule table: `UPDATE_README=1 npx mocha
// test/unit/core/findings/readme-rules.test.ts` rewrites it between its two markers.
const README = path.resolve(__dirname, '../../../../README.md');
const START = '<!-- rule-table:start (generated from src/core/findings/rule-table.ts by test/unit/core/findings/readme-rules.test.ts) -->';
const END = '<!-- rule-table:end -->';

function ruleTable(): string {
  const rows = RULES.map((r) => {
    const weights = r.weights.length ? r.weights.map((w) => `\`${w}\``).join(', ') : '—';
    return `| <a id="${ruleAnchor(r.id)}"></a>\`${r.id}\` | ${r.defaultSeverity} | ${r.group} | ${weights} | ${r.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| Rule id | Default severity | Reported by | Weights (`staleness.weights`) | What it means |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

describe('the README rule table', () => {
  it('matches the rule table, one row per rule with its help anchor', () => {
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    assert.ok(start >= 0 && end > start, `README.md needs the markers ${START} … ${END}`);
    const actual = text.slice(start + START.length, end).trim();
    if (process.env.UPDATE_README && actual !== ruleTable()) {
      writeFileSync(README, `${text.slice(0, start + START.length)}\n${ruleTable()}\n${text.slice(end)}`);
      return;
    }
    assert.equal(actual, ruleTable());
  });
});
