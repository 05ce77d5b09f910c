import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PlacedFinding } from '../../../../src/core/findings';
import { formatGithub } from '../../../../src/core/findings/format-github';
import { formatJson } from '../../../../src/core/findings/format-json';
import { formatSarif } from '../../../../src/core/findings/format-sarif';
import { formatFindingLine, formatReportLine, formatText } from '../../../../src/core/findings/format-text';
import { rulesOf } from '../../../../src/core/findings/rule-table';

// Golden files: `UPDATE_GOLDEN=1 npx mocha test/unit/core/findings/formatters.test.ts` rewrites them; review the diff.
const GOLDEN = path.resolve(__dirname, '../../../fixtures/findings-golden');

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, `${actual}\n`);
  assert.equal(actual, readFileSync(file, 'utf8').replace(/\n$/, ''));
}

const FINDINGS: PlacedFinding[] = [
  {
    ruleId: 'stale.linked-code-changed',
    severity: 'warning',
    message: 'Linked file `deploy/db/pool.yaml` changed in 2 commits (+3/−1 lines) since this runbook was last changed on 2025-01-10 — latest: a1b2c3d "raise pool size".',
    path: 'runbooks/db failover.md',
    line: 12,
    column: 5,
    target: 'deploy/db/pool.yaml',
    commits: [
      { sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', date: '2025-02-01T10:00:00Z', subject: 'raise pool size' },
      { sha: '0123456789abcdef0123456789abcdef01234567', date: '2025-01-20T08:30:00Z', subject: 'pool: 50%, not 40%' },
    ],
  },
  {
    ruleId: 'link.renamed-target',
    severity: 'error',
    message: 'Link target `scripts/failover.sh` does not exist: renamed to `ops/failover.sh` in 9f8e7d6. Update the link.',
    path: 'runbooks/db failover.md',
    line: 20,
    target: 'scripts/failover.sh',
    fix: { description: 'Change the link to `ops/failover.sh`.', link: { path: 'ops/failover.sh', commit: { sha: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432', date: '2025-01-15T12:00:00Z', subject: 'move scripts' } } },
  },
  {
    ruleId: 'stale.anchored-range-changed',
    severity: 'warning',
    message: 'This change touches the linked lines of `alerts/checkout.yml`, which the runbook runbooks/checkout.md:8 links to, but does not update it.',
    path: 'alerts/checkout.yml',
    line: 27,
    endLine: 39,
    target: 'alerts/checkout.yml',
    related: [{ path: 'runbooks/checkout.md', line: 8, message: 'Linked from runbooks/checkout.md:8' }],
  },
  { ruleId: 'link.anchor-drifted', severity: 'info', message: 'Lines 10–12 moved to 14–16: 100%, a comma, and a colon: here.', path: 'runbooks/checkout.md', line: 9, column: 3, endLine: 9, endColumn: 40 },
];

describe('finding formatters (golden files)', () => {
  it('writes compiler-style text lines: path:line:column severity message [rule-id]', () => {
    golden('text.txt', formatText(FINDINGS));
    assert.equal(formatFindingLine(FINDINGS[1]!), 'runbooks/db failover.md:20 error Link target `scripts/failover.sh` does not exist: renamed to `ops/failover.sh` in 9f8e7d6. Update the link. [link.renamed-target]');
    assert.equal(formatText([]), '');
  });

  it('writes the severity-first lines of the CLI reports', () => {
    assert.equal(formatReportLine(FINDINGS[3]!), 'info runbooks/checkout.md:9 Lines 10–12 moved to 14–16: 100%, a comma, and a colon: here. [link.anchor-drifted]');
  });

  it('writes the one JSON envelope: schema version, tool, command, root, counts, findings with keys in order and absent fields left out, then the command\'s data', () => {
    golden('findings.json', formatJson(FINDINGS, { command: 'check', version: '9.9.9', root: '/repo', summary: { docsChecked: 2 }, data: { base: 'origin/main' } }));
    assert.deepEqual(JSON.parse(formatJson([], { command: 'index', version: '1.0.0', root: '/r' })), {
      schemaVersion: 1,
      tool: { name: 'runbooks', version: '1.0.0' },
      command: 'index',
      root: '/r',
      summary: { findings: 0, errors: 0, warnings: 0, infos: 0 },
      findings: [],
    });
  });

  it('writes GitHub workflow commands with escaped properties and messages', () => {
    golden('github.txt', formatGithub(FINDINGS, { repoPrefix: 'ops/' }).join('\n'));
  });

  it('writes SARIF 2.1.0 with rule metadata, help links, related locations, commits and fixes', () => {
    golden('sarif.json', JSON.stringify(formatSarif(FINDINGS, { version: '9.9.9', rules: rulesOf('staleness'), repoPrefix: 'ops/' }), null, 2));
  });

  it('leaves the rule index out of a SARIF result whose rule is not listed', () => {
    const log = formatSarif([{ ruleId: 'front-matter.invalid', severity: 'error', message: 'm', path: 'a.md', line: 1 }], { version: '1', rules: rulesOf('staleness') });
    assert.deepEqual(Object.keys(log.runs[0]!.results![0]!), ['ruleId', 'level', 'message', 'locations', 'partialFingerprints']);
  });
});
