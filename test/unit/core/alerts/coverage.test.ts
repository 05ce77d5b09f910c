import assert from 'node:assert/strict';
import { computeCoverage } from '../../../../src/core/alerts/coverage';
import { parseRuleFile } from '../../../../src/core/alerts/parse-rules';
import { nearestAlertName } from '../../../../src/core/alerts/near-name';
import { alertEntryLines } from '../../../../src/core/alerts/rule-files';
import { parseDoc } from '../../../../src/core/parse-doc';

/** A rules file with one alert per entry: name, runbook annotation (or none), severity. */
function rules(file: string, alerts: Array<[name: string, runbook?: string, severity?: string]>) {
  const lines = ['groups:', '- name: g', '  rules:'];
  for (const [name, runbook, severity] of alerts) {
    lines.push(`  - alert: ${name}`, '    expr: vector(1)', `    labels: {severity: ${severity ?? 'warning'}}`);
    if (runbook) lines.push('    annotations:', `      runbook_url: '${runbook}'`);
  }
  return { path: file, result: parseRuleFile(lines.join('\n'), file) };
}

const DOCS = [
  parseDoc('runbooks/db/postgres-down.md', '# Postgres down\n\n## Diagnosis\n\nText.\n'),
  parseDoc('runbooks/replication.md', '---\nalerts:\n  - PostgresReplicationLag\n---\n# Replication\n'),
  parseDoc('docs/api.md', '# API\n\n## ApiHighLatency\n\nSlow.\n'),
  parseDoc('content/runbooks/kubernetes/KubePodCrashLooping.md', '# KubePodCrashLooping\n'),
  parseDoc('site/runbooks/node/node-down/_index.md', '# Node down\n'),
];
const FILES = [...DOCS.map((d) => d.path), 'monitoring/rules.yml', 'scripts/fix.sh'];
const REPOS = [{ host: 'github.com', path: 'acme/ops' }];
const REFS = { branches: ['main', 'release/1.2'], tags: ['v1.0'] };

function coverage(ruleFiles: ReturnType<typeof rules>[], docs = DOCS) {
  return computeCoverage({ ruleFiles, docs, files: FILES, repos: REPOS, refs: REFS });
}

const ruleFileFindings = (report: ReturnType<typeof coverage>) => report.findings.filter((f) => f.path === 'monitoring/rules.yml');
const target = (report: ReturnType<typeof coverage>, i = 0) => ({ status: report.alerts[i]!.status, runbook: report.alerts[i]!.runbook, target: report.alerts[i]!.target });

describe('alert coverage', () => {
  describe('from the runbook annotation', () => {
    it('follows a path relative to the rule file, then to the root, to the heading of its anchor', () => {
      const report = coverage([rules('monitoring/rules.yml', [['A', '../runbooks/db/postgres-down.md#diagnosis'], ['B', 'runbooks/db/postgres-down.md']])]);
      assert.deepEqual(target(report, 0), { status: 'covered', runbook: { path: 'runbooks/db/postgres-down.md', line: 3, via: 'runbook_url' }, target: { kind: 'doc', path: 'runbooks/db/postgres-down.md', line: 3, how: 'path' } });
      assert.deepEqual(target(report, 1).runbook, { path: 'runbooks/db/postgres-down.md', line: 1, via: 'runbook_url' });
    });

    it("follows a blob URL of this repository's remote, with a branch name holding a slash", () => {
      const report = coverage([rules('monitoring/rules.yml', [['A', 'https://github.com/acme/ops/blob/release/1.2/runbooks/replication.md']])]);
      assert.deepEqual(target(report).target, { kind: 'doc', path: 'runbooks/replication.md', line: 1, how: 'repo-url' });
    });

    it('follows a docs-site URL whose path ends like a doc path, and a folder page to its _index.md', () => {
      const report = coverage([
        rules('monitoring/rules.yml', [
          ['KubePodCrashLooping', 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping'],
          ['NodeDown', 'https://runbooks.example.com/runbooks/node/node-down/'],
        ]),
      ]);
      assert.deepEqual(target(report, 0).target, { kind: 'doc', path: 'content/runbooks/kubernetes/KubePodCrashLooping.md', line: 1, how: 'site-url' });
      assert.deepEqual(target(report, 1).target, { kind: 'doc', path: 'site/runbooks/node/node-down/_index.md', line: 1, how: 'site-url' });
    });

    it('follows a URL whose last segment is an alert a doc declares in alerts:', () => {
      const report = coverage([rules('monitoring/rules.yml', [['PostgresReplicationLag', 'https://wiki.example.com/display/OPS/postgres-replication-lag']])]);
      assert.deepEqual(target(report).target, { kind: 'doc', path: 'runbooks/replication.md', line: 1, how: 'name' });
    });

    it('fills the alert name into a templated URL, and counts a template it cannot fill as an external runbook', () => {
      const report = coverage([
        rules('monitoring/rules.yml', [
          ['PostgresReplicationLag', 'https://runbooks.example.com/{{ $labels.alertname }}'],
          ['Other', 'https://runbooks.example.com/{{ $labels.service }}/other'],
        ]),
      ]);
      assert.deepEqual(target(report, 0).runbook, { path: 'runbooks/replication.md', line: 1, via: 'runbook_url' });
      assert.deepEqual([report.alerts[1]!.status, report.alerts[1]!.url], ['external', 'https://runbooks.example.com/{{ $labels.service }}/other']);
    });

    it('counts a URL that leads out of the repository as an external runbook, without a finding', () => {
      const report = coverage([rules('monitoring/rules.yml', [['Elsewhere', 'https://confluence.example.com/display/OPS/Elsewhere+Runbook']])]);
      assert.deepEqual([report.alerts[0]!.status, report.alerts[0]!.url, ruleFileFindings(report)], ['external', 'https://confluence.example.com/display/OPS/Elsewhere+Runbook', []]);
      assert.deepEqual(report.summary, { alerts: 1, withRunbook: 1, without: 0, missingAlerts: 1 });
    });

    it('reports a path, a blob URL or an anchor of this repository that does not exist', () => {
      const report = coverage([
        rules('monitoring/rules.yml', [
          ['A', 'runbooks/gone.md'],
          ['B', 'https://github.com/acme/ops/blob/main/runbooks/gone.md'],
          ['C', 'runbooks/db/postgres-down.md#no-such-heading'],
        ]),
      ]);
      assert.deepEqual(
        ruleFileFindings(report).map((f) => [f.ruleId, f.severity, f.line, f.message]),
        [
          ['alert.no-runbook', 'warning', 4, 'Alert `A` (severity warning) has no runbook: no runbook_url leads to one and no doc lists it in `alerts:`, has a heading or a file named after it. Write one (Runbooks: New Runbook for This Alert) or add a runbook_url annotation.'],
          ['alert.runbook-url-broken', 'error', 8, 'The runbook_url of alert `A` is broken: neither `monitoring/runbooks/gone.md` (beside the rule file) nor `runbooks/gone.md` exists in this repository. Fix the link so on-call lands on the runbook.'],
          ['alert.no-runbook', 'warning', 9, 'Alert `B` (severity warning) has no runbook: no runbook_url leads to one and no doc lists it in `alerts:`, has a heading or a file named after it. Write one (Runbooks: New Runbook for This Alert) or add a runbook_url annotation.'],
          ['alert.runbook-url-broken', 'error', 13, 'The runbook_url of alert `B` is broken: `runbooks/gone.md` does not exist in this repository. Fix the link so on-call lands on the runbook.'],
          ['alert.runbook-url-broken', 'warning', 18, 'The runbook_url of alert `C` leads to `runbooks/db/postgres-down.md`, which has no heading for `#no-such-heading`: on-call lands at the top of the page. Add a heading for the alert or fix the anchor.'],
        ],
      );
      assert.equal(report.alerts[2]!.status, 'covered');
    });

    it('reports a docs-site URL as broken when other URLs in its folder lead to docs here and it does not', () => {
      const report = coverage([
        rules('monitoring/rules.yml', [
          ['KubePodCrashLooping', 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping'],
          ['KubeJobStuck', 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubejobstuck'],
          ['Elsewhere', 'https://runbooks.prometheus-operator.dev/runbooks/other/elsewhere'],
        ]),
      ]);
      assert.deepEqual(report.alerts.map((a) => a.status), ['covered', 'uncovered', 'external']);
      assert.deepEqual(
        report.findings.filter((f) => f.ruleId === 'alert.runbook-url-broken').map((f) => f.message),
        ['The runbook_url of alert `KubeJobStuck` is broken: other runbook URLs under https://runbooks.prometheus-operator.dev/runbooks/kubernetes/ lead to docs of this repository, but none matches `kubejobstuck`. Fix the link so on-call lands on the runbook.'],
      );
    });
  });

  describe('from the runbook side', () => {
    it('covers an alert a doc declares in alerts:, names in a heading or in its file name', () => {
      const report = coverage([rules('monitoring/rules.yml', [['PostgresReplicationLag'], ['ApiHighLatency'], ['PostgresDown']])]);
      assert.deepEqual(report.alerts.map((a) => a.runbook), [
        { path: 'runbooks/replication.md', line: 1, via: 'front-matter' },
        { path: 'docs/api.md', line: 3, via: 'heading' },
        { path: 'runbooks/db/postgres-down.md', line: 1, via: 'heading' },
      ]);
      assert.deepEqual(report.summary, { alerts: 3, withRunbook: 3, without: 0, missingAlerts: 0 });
    });

    it('gives an alert of severity info or none an info finding, others a warning', () => {
      const report = coverage([rules('monitoring/rules.yml', [['Quiet', undefined, 'info'], ['Silent', undefined, 'none'], ['Loud', undefined, 'critical']])]);
      assert.deepEqual(ruleFileFindings(report).map((f) => [f.ruleId, f.severity]), [
        ['alert.no-runbook', 'info'],
        ['alert.no-runbook', 'info'],
        ['alert.no-runbook', 'warning'],
      ]);
    });

    it('reports a declared alert no rule defines on its alerts: line, with the nearest defined name', () => {
      const text = '---\ntitle: Old\nalerts:\n  - PostgresDwn\n  - LongGone\n---\n# Old\n';
      const doc = parseDoc('runbooks/old.md', text);
      const report = computeCoverage({ ruleFiles: [rules('monitoring/rules.yml', [['PostgresDown']])], docs: [doc], files: ['runbooks/old.md'], alertLines: new Map([[doc.path, alertEntryLines(text, doc)]]) });
      assert.deepEqual(report.missing, [
        { alert: 'PostgresDwn', doc: 'runbooks/old.md', line: 4, suggestion: 'PostgresDown' },
        { alert: 'LongGone', doc: 'runbooks/old.md', line: 5 },
      ]);
      assert.deepEqual(report.findings.filter((f) => f.path === 'runbooks/old.md').map((f) => [f.severity, f.line, f.message]), [
        ['warning', 4, 'This runbook is for alert `PostgresDwn`, which no alert rule file defines. Did you mean `PostgresDown` (renamed)? Update or remove the entry if the alert was renamed or deleted.'],
        ['warning', 5, 'This runbook is for alert `LongGone`, which no alert rule file defines. Update or remove the entry if the alert was renamed or deleted.'],
      ]);
    });

    it('makes a missing alert an info when the repository has no rule files', () => {
      const report = computeCoverage({ ruleFiles: [], docs: DOCS, files: FILES });
      assert.deepEqual(report.findings.map((f) => [f.ruleId, f.severity, f.path, f.line]), [['runbook.alert-missing', 'info', 'runbooks/replication.md', 1]]);
      assert.match(report.findings[0]!.message, /No alert rule files were found in this repository, so the rules may live elsewhere\./);
    });
  });

  it('suggests a near name only when it is close: a typo, a prefix added or a word dropped', () => {
    const names = ['PostgresDown', 'KubePodCrashLooping', 'A', 'ApiHighLatency'];
    assert.deepEqual(
      ['PostgresDwn', 'kube-pod-crash-looping-v2', 'PostgresReplicationLag', 'HighLatency', 'Api'].map((n) => nearestAlertName(n, names)),
      ['PostgresDown', 'KubePodCrashLooping', undefined, 'ApiHighLatency', undefined],
    );
  });

  it('finds the line of each alerts: entry in flow and block style', () => {
    const text = '---\nowner: db\nalerts: [PostgresDown, "Replication-Lag"]\nalert_extra:\n  - PostgresDown\n---\n# X\n';
    const doc = parseDoc('x.md', text);
    assert.deepEqual([...alertEntryLines(text, doc)], [['postgresdown', 3], ['replicationlag', 3]]);
  });
});
