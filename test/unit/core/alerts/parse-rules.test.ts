import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseRuleFile } from '../../../../src/core/alerts/parse-rules';
import { isRuleFileText, ruleFileCandidates, DEFAULT_RULE_FILE_SETTINGS } from '../../../../src/core/alerts/rule-files';

const FIXTURE = path.resolve(__dirname, '../../../fixtures/alerts-repo');
const read = (file: string) => readFileSync(path.join(FIXTURE, file), 'utf8');

describe('parseRuleFile', () => {
  it('reads every alert of a plain rules file with line, group, severity, labels, expr and runbook, leaving recording rules out', () => {
    const result = parseRuleFile(read('monitoring/rules/node-rules.yml'), 'monitoring/rules/node-rules.yml');
    assert.deepEqual([result.readAs, result.problems], ['yaml', []]);
    assert.deepEqual(result.alerts.map((a) => [a.name, a.line, a.group, a.severity]), [
      ['NodeDown', 6, 'node', 'critical'],
      ['DiskFull', 14, 'node', 'warning'],
      ['HighLatency', 20, 'node', 'warning'],
      ['OrphanAlert', 24, 'node', 'warning'],
      ['WatchdogInfo', 29, 'node', 'info'],
    ]);
    assert.deepEqual(result.alerts[0], {
      name: 'NodeDown',
      file: 'monitoring/rules/node-rules.yml',
      line: 6,
      group: 'node',
      expr: 'up{job="node"} == 0',
      for: '5m',
      severity: 'critical',
      labels: { severity: 'critical' },
      runbook: { key: 'runbook_url', value: '../../runbooks/node-down.md', line: 13, templated: false },
    });
    assert.deepEqual(result.alerts[3]!.labels, { severity: 'warning', team: 'platform' });
  });

  it('reads the alerts of a Kubernetes PrometheusRule manifest from spec.groups', () => {
    const result = parseRuleFile(read('k8s/prometheus-rule.yaml'), 'k8s/prometheus-rule.yaml');
    assert.deepEqual(
      result.alerts.map((a) => [a.name, a.line, a.group, a.runbook?.value, a.runbook?.line]),
      [
        ['KubePodCrashLooping', 10, 'kubernetes-apps', 'runbooks/kube/pod-crash-looping.md#diagnosis', 16],
        ['KubeJobFailed', 17, 'kubernetes-apps', 'runbooks/kube/job-failed.md', 22],
      ],
    );
  });

  it('reads alerts from any document of a multi-document file and marks a templated runbook_url', () => {
    const result = parseRuleFile(read('deploy/stack.yaml'), 'deploy/stack.yaml');
    assert.deepEqual(result.alerts.map((a) => [a.name, a.line, a.runbook]), [
      ['CertExpiring', 16, { key: 'runbook_url', value: 'https://runbooks.example.com/runbooks/{{ $labels.alertname }}', line: 21, templated: true }],
    ]);
  });

  it('marks runbook_url_template as templated and prefers runbook_url over runbook', () => {
    const text = [
      'groups:',
      '- name: a',
      '  rules:',
      '  - alert: One',
      '    expr: vector(1)',
      '    annotations:',
      '      runbook_url_template: https://wiki.example.com/%s',
      '  - alert: Two',
      '    expr: vector(1)',
      '    annotations:',
      '      runbook: docs/two.md',
      '      runbook_url: docs/two-url.md',
    ].join('\n');
    const result = parseRuleFile(text, 'rules.yml');
    assert.deepEqual(result.alerts.map((a) => a.runbook), [
      { key: 'runbook_url_template', value: 'https://wiki.example.com/%s', line: 7, templated: true },
      { key: 'runbook_url', value: 'docs/two-url.md', line: 12, templated: false },
    ]);
  });

  it('reports broken YAML on its line and still reads the alerts line by line', () => {
    const result = parseRuleFile(read('broken/alerts-broken.yml'), 'broken/alerts-broken.yml');
    assert.equal(result.readAs, 'lines');
    assert.deepEqual(result.problems, [{ file: 'broken/alerts-broken.yml', line: 10, column: 1, reason: 'Missing closing "quote' }]);
    assert.deepEqual(result.alerts, [
      {
        name: 'BrokenAlert',
        file: 'broken/alerts-broken.yml',
        line: 4,
        labels: { severity: 'critical' },
        severity: 'critical',
        approximate: true,
        runbook: { key: 'runbook', value: 'runbooks/node-down.md', line: 9, templated: false },
      },
    ]);
  });

  it('reads a Helm template line by line without reporting it as broken', () => {
    const text = [
      '{{- if .Values.alerts.enabled }}',
      'groups:',
      '  - name: app',
      '    rules:',
      '      - alert: AppDown',
      '        expr: up{job="{{ .Values.job }}"} == 0',
      '        labels:',
      '          severity: {{ .Values.severity }}',
      '        annotations:',
      '          runbook_url: {{ .Values.runbookBase }}/app-down',
      '      - alert: AppSlow',
      '        expr: latency > 1',
      '        labels:',
      '          severity: warning',
      '{{- end }}',
    ].join('\n');
    const result = parseRuleFile(text, 'chart/templates/rules.yaml');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.alerts.map((a) => [a.name, a.line, a.severity, a.runbook?.templated]),
      [
        ['AppDown', 5, undefined, true],
        ['AppSlow', 11, 'warning', undefined],
      ],
    );
  });

  it('reads rules embedded as a block string of a ConfigMap, on the lines of the outer file', () => {
    const text = ['kind: ConfigMap', 'data:', '  alerts.yaml: |', '    groups:', '    - name: x', '      rules:', '      - alert: Embedded', '        expr: vector(1)', '        annotations:', '          runbook_url: docs/e.md', ''].join('\n');
    const result = parseRuleFile(text, 'cm.yaml');
    assert.deepEqual(result.alerts.map((a) => [a.name, a.line, a.group, a.runbook?.line]), [['Embedded', 7, 'x', 10]]);
  });
});

describe('which files are rule files', () => {
  const candidate = ruleFileCandidates(DEFAULT_RULE_FILE_SETTINGS);

  it('takes the default globs, and any other YAML file for detection by content', () => {
    assert.deepEqual(
      ['monitoring/recording_rules.yml', 'alerts.yaml', 'ops/prometheus/k8s/x.yml', 'deploy/stack.yaml', 'README.md', 'rules.json'].map(candidate),
      ['glob', 'glob', 'glob', 'content', undefined, undefined],
    );
    assert.equal(ruleFileCandidates({ globs: ['custom/**'], detectByContent: false })('deploy/stack.yaml'), undefined);
  });

  it('leaves out rule files under test data and fixture folders, which are not deployed (thanos, cluster-monitoring-operator)', () => {
    assert.deepEqual(
      ['cmd/thanos/testdata/rules-files/valid.yaml', 'test/monitoring/util/testdata/x.yaml', 'pkg/rules/tests/alerts.yml', 'test/fixtures/rules.yml', 'src/__fixtures__/alerts.yaml', 'examples/alerts/alerts.yaml', 'deploy/latest/rules.yml'].map(candidate),
      [undefined, undefined, undefined, undefined, undefined, 'glob', 'glob'],
    );
    assert.equal(ruleFileCandidates({ ...DEFAULT_RULE_FILE_SETTINGS, exclude: [] })('test/fixtures/rules.yml'), 'glob');
  });

  it('needs an alert with an expr for a file found by content, and groups with rules for one found by a glob', () => {
    assert.equal(isRuleFileText('groups:\n- rules:\n  - alert: A\n    expr: x\n', 'content'), true);
    assert.equal(isRuleFileText('alert: on\nnotify: true\n', 'content'), false);
    assert.equal(isRuleFileText('groups:\n- name: r\n  rules:\n  - record: a\n    expr: b\n', 'glob'), true);
    assert.equal(isRuleFileText('rules:\n  no-console: error\n', 'glob'), false);
  });
});
