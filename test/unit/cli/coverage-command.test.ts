import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/index';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'alerts-repo');

describe('runbooks coverage', () => {
  let base: string;
  let root: string;

  beforeEach(async () => {
    base = await makeTempDir('coverage');
    root = path.join(base, 'ws');
    await fs.cp(FIXTURE, root, { recursive: true });
  });
  afterEach(() => removeTempDir(base));

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    // No PATH: no git, so the folder is walked and has no remotes, the same on every machine.
    const env = { XDG_CACHE_HOME: path.join(base, 'cache'), HOME: path.join(base, 'home') };
    const code = await main(['coverage', '--root', root, '--no-cache', ...argv], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: base, env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints the table, the findings that are not in it, and the summary line', async () => {
    const result = await run();
    assert.deepEqual([result.code, result.err], [0, '']);
    assert.equal(
      result.out,
      [
        'covered  BrokenAlert          critical  broken/alerts-broken.yml:4          runbooks/node-down.md (runbook_url)',
        'covered  CertExpiring         critical  deploy/stack.yaml:16                runbooks/cert-expiring.md (runbook_url)',
        'covered  KubePodCrashLooping  warning   k8s/prometheus-rule.yaml:10         runbooks/kube/pod-crash-looping.md:7 (runbook_url)',
        'NONE     KubeJobFailed        warning   k8s/prometheus-rule.yaml:17         -',
        'covered  NodeDown             critical  monitoring/rules/node-rules.yml:6   runbooks/node-down.md (runbook_url)',
        'covered  DiskFull             warning   monitoring/rules/node-rules.yml:14  runbooks/disk-full.md (runbook_url)',
        'covered  HighLatency          warning   monitoring/rules/node-rules.yml:20  runbooks/api.md:3 (heading)',
        'NONE     OrphanAlert          warning   monitoring/rules/node-rules.yml:24  -',
        'NONE     WatchdogInfo         info      monitoring/rules/node-rules.yml:29  -',
        '',
        'error broken/alerts-broken.yml:10 This alert rule file is not valid YAML: Missing closing "quote. Prometheus will refuse it; its alerts were read line by line until it is fixed. [alert.rule-file-invalid]',
        'error k8s/prometheus-rule.yaml:22 The runbook_url of alert `KubeJobFailed` is broken: neither `k8s/runbooks/kube/job-failed.md` (beside the rule file) nor `runbooks/kube/job-failed.md` exists in this repository. Fix the link so on-call lands on the runbook. [alert.runbook-url-broken]',
        'warning runbooks/old-alerts.md:4 This runbook is for alert `NodeDwn`, which no alert rule file defines. Did you mean `NodeDown` (renamed)? Update or remove the entry if the alert was renamed or deleted. [runbook.alert-missing]',
        'warning runbooks/old-alerts.md:5 This runbook is for alert `GoneForGood`, which no alert rule file defines. Update or remove the entry if the alert was renamed or deleted. [runbook.alert-missing]',
        '',
        '9 alerts, 6 with a runbook (67%), 3 without; 2 runbooks for missing alerts',
      ].join('\n'),
    );
  });

  it('prints JSON with the summary, every alert with its runbook, the missing alerts and the findings', async () => {
    const result = await run('--format', 'json');
    assert.equal(result.code, 0);
    const json = JSON.parse(result.out) as Record<string, unknown>;
    assert.deepEqual([json.schemaVersion, json.command], [1, 'coverage']);
    const findings = json.findings as Array<{ severity: string }>;
    const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
    assert.deepEqual(json.summary, { findings: findings.length, errors: count('error'), warnings: count('warning'), infos: count('info'), alerts: 9, withRunbook: 6, without: 3, missingAlerts: 2 });
    assert.deepEqual(json.ruleFiles, ['broken/alerts-broken.yml', 'deploy/stack.yaml', 'k8s/prometheus-rule.yaml', 'monitoring/rules/node-rules.yml']);
    assert.deepEqual((json.alerts as unknown[])[2], {
      alert: 'KubePodCrashLooping',
      file: 'k8s/prometheus-rule.yaml',
      line: 10,
      group: 'kubernetes-apps',
      severity: 'warning',
      status: 'covered',
      runbook: { path: 'runbooks/kube/pod-crash-looping.md', line: 7, via: 'runbook_url' },
      runbookUrl: 'runbooks/kube/pod-crash-looping.md#diagnosis',
      runbookUrlTarget: 'doc',
    });
    assert.deepEqual(json.missing, [
      { alert: 'NodeDwn', doc: 'runbooks/old-alerts.md', line: 4, suggestion: 'NodeDown' },
      { alert: 'GoneForGood', doc: 'runbooks/old-alerts.md', line: 5 },
    ]);
    assert.deepEqual(
      (json.findings as Array<{ ruleId: string; severity: string; path: string; line: number }>).map((f) => `${f.severity} ${f.path}:${f.line} ${f.ruleId}`),
      [
        'error broken/alerts-broken.yml:10 alert.rule-file-invalid',
        'warning k8s/prometheus-rule.yaml:17 alert.no-runbook',
        'error k8s/prometheus-rule.yaml:22 alert.runbook-url-broken',
        'warning monitoring/rules/node-rules.yml:24 alert.no-runbook',
        'info monitoring/rules/node-rules.yml:29 alert.no-runbook',
        'warning runbooks/old-alerts.md:4 runbook.alert-missing',
        'warning runbooks/old-alerts.md:5 runbook.alert-missing',
      ],
    );
  });

  it('prints GitHub annotations on the rule and runbook lines, then the summary', async () => {
    const result = await run('--format', 'github');
    assert.equal(result.code, 0);
    const lines = result.out.split('\n');
    assert.deepEqual(lines.map((l) => (l.startsWith('::') ? `::${l.split('::')[1]}` : l)), [
      '::error file=broken/alerts-broken.yml,line=10,col=1,title=Runbooks%3A alert.rule-file-invalid',
      '::error file=k8s/prometheus-rule.yaml,line=22,title=Runbooks%3A alert.runbook-url-broken',
      '::warning file=k8s/prometheus-rule.yaml,line=17,title=Runbooks%3A alert.no-runbook',
      '::warning file=monitoring/rules/node-rules.yml,line=24,title=Runbooks%3A alert.no-runbook',
      '::warning file=runbooks/old-alerts.md,line=4,title=Runbooks%3A runbook.alert-missing',
      '::warning file=runbooks/old-alerts.md,line=5,title=Runbooks%3A runbook.alert-missing',
      '::notice file=monitoring/rules/node-rules.yml,line=29,title=Runbooks%3A alert.no-runbook',
      '9 alerts, 6 with a runbook (67%), 3 without; 2 runbooks for missing alerts',
    ]);
    assert.equal(lines[2], '::warning file=k8s/prometheus-rule.yaml,line=17,title=Runbooks%3A alert.no-runbook::Alert `KubeJobFailed` (severity warning) has no runbook: no runbook_url leads to one and no doc lists it in `alerts:`, has a heading or a file named after it. Write one (Runbooks: New Runbook for This Alert) or add a runbook_url annotation.');
  });

  it('prints SARIF 2.1.0 with the alert rules and one result per finding', async () => {
    const result = await run('--format', 'sarif');
    assert.equal(result.code, 0);
    const log = JSON.parse(result.out) as { version: string; runs: Array<{ tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string } }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(log.runs[0]!.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level]), [
      ['alert.no-runbook', 'warning'],
      ['alert.runbook-url-broken', 'error'],
      ['alert.rule-file-invalid', 'error'],
      ['runbook.alert-missing', 'warning'],
    ]);
    assert.deepEqual(
      log.runs[0]!.results.map((r) => `${r.level} ${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`),
      [
        'error alert.rule-file-invalid broken/alerts-broken.yml:10',
        'warning alert.no-runbook k8s/prometheus-rule.yaml:17',
        'error alert.runbook-url-broken k8s/prometheus-rule.yaml:22',
        'warning alert.no-runbook monitoring/rules/node-rules.yml:24',
        'note alert.no-runbook monitoring/rules/node-rules.yml:29',
        'warning runbook.alert-missing runbooks/old-alerts.md:4',
        'warning runbook.alert-missing runbooks/old-alerts.md:5',
      ],
    );
  });

  it('exits 1 with --fail-on warning when an alert has no runbook, 0 with --fail-on none', async () => {
    assert.equal((await run('--fail-on', 'warning')).code, 1);
    assert.equal((await run('--fail-on', 'none')).code, 0);
  });

  it('reads only the rule files .runbooks.yml names, and exits 2 listing the problems of an invalid one', async () => {
    await fs.writeFile(path.join(root, '.runbooks.yml'), 'alerts:\n  ruleFiles: [k8s/**]\n  detectByContent: false\n');
    const json = JSON.parse((await run('--format', 'json')).out) as { ruleFiles: string[] };
    assert.deepEqual(json.ruleFiles, ['k8s/prometheus-rule.yaml']);
    await fs.writeFile(path.join(root, '.runbooks.yml'), 'alerts:\n  ruleFile: [k8s/**]\n');
    const result = await run();
    assert.deepEqual([result.code, result.out], [2, '']);
    assert.match(result.err, /\.runbooks\.yml:2:3: `alerts\.ruleFile` is not a setting; the settings are `ruleFiles`, `exclude` and `detectByContent`\. \[config\.invalid\]$/);
  });

  it('says so when there are no rule files', async () => {
    await fs.rm(path.join(root, 'monitoring'), { recursive: true });
    await fs.rm(path.join(root, 'k8s'), { recursive: true });
    await fs.rm(path.join(root, 'deploy'), { recursive: true });
    await fs.rm(path.join(root, 'broken'), { recursive: true });
    const result = await run();
    assert.deepEqual(result.out.split('\n').slice(-3), ['No alert rule files found (Prometheus, Thanos, Mimir or Cortex rules: `groups: - rules: - alert:`).', '', '0 alerts in 0 rule files; 4 runbooks for missing alerts']);
  });
});
