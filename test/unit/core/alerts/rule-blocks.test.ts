import assert from 'node:assert/strict';
import { changedRunbookRules, isPromtoolTestFile, runbookRuleChanges } from '../../../../src/core/alerts/rule-blocks';

const URL_DB = 'https://github.com/acme/platform/blob/main/runbooks/db.md';
const URL_CACHE = 'https://github.com/acme/platform/blob/main/runbooks/cache.md';

function rules(db: { expr?: string; for?: string; name?: string; comment?: string } = {}, cacheExpr = 'redis_up == 0'): string {
  return [
    'groups:',
    '- name: db',
    '  rules:',
    `  - alert: ${db.name ?? 'PostgresDown'}`,
    `    expr: ${db.expr ?? 'pg_up == 0'}`,
    `    for: ${db.for ?? '5m'}`,
    ...(db.comment ? [`    # ${db.comment}`] : []),
    '    labels:',
    '      severity: critical',
    '    annotations:',
    `      runbook_url: ${URL_DB}`,
    '  - alert: RedisDown',
    `    expr: ${cacheExpr}`,
    '    annotations:',
    `      runbook_url: "${URL_CACHE}"`,
    '  - record: job:pg_up:sum',
    '    expr: sum(pg_up)',
    '',
  ].join('\n');
}

describe('rule blocks of alert rule files (which runbooks a change concerns)', () => {
  it('names only the runbook of the rule whose expr changed', () => {
    assert.deepEqual(changedRunbookRules(rules(), rules({}, 'redis_up{job="cache"} == 0')), [URL_CACHE]);
    assert.deepEqual(changedRunbookRules(rules(), rules({ expr: 'pg_up{role="primary"} == 0' })), [URL_DB]);
  });

  it('names the runbook of a rule whose for, name or labels changed', () => {
    assert.deepEqual(changedRunbookRules(rules(), rules({ for: '10m' })), [URL_DB]);
    assert.deepEqual(changedRunbookRules(rules(), rules({ name: 'PostgresIsDown' })), [URL_DB]);
    assert.deepEqual(changedRunbookRules(rules(), rules().replace('severity: critical', 'severity: page')), [URL_DB]);
  });

  it('names nothing when only comments, quoting or a recording rule without runbook changed', () => {
    assert.deepEqual(changedRunbookRules(rules(), rules({ comment: 'tuned in INC-12' })), []);
    assert.deepEqual(changedRunbookRules(rules(), rules().replace(`runbook_url: ${URL_DB}`, `runbook_url: '${URL_DB}'`)), []);
    assert.deepEqual(changedRunbookRules(rules(), rules().replace('sum(pg_up)', 'sum by (env) (pg_up)')), []);
  });

  it('names the runbook of a rule deleted from the file, not of a rule added', () => {
    const two = rules().replace('  - record:', `  - alert: PostgresReplicaDown\n    expr: pg_replica_up == 0\n    annotations:\n      runbook_url: ${URL_DB}\n  - record:`);
    assert.deepEqual(changedRunbookRules(two, rules()), [URL_DB]);
    assert.deepEqual(changedRunbookRules(rules(), two), []);
  });

  it('names nothing when a rule only started or stopped pointing at a runbook', () => {
    const moved = rules().replace(`runbook_url: ${URL_DB}`, `runbook_url: ${URL_CACHE}`);
    assert.deepEqual(changedRunbookRules(rules(), moved), []);
    assert.deepEqual(changedRunbookRules(moved, rules()), []);
  });

  it('cuts a Helm template (not YAML) into rule blocks by indentation', () => {
    const helm = (dbExpr: string, cacheExpr: string) =>
      [
        '{{- if .Values.alerts.enabled }}',
        'groups:',
        '- name: db',
        '  rules:',
        '  - alert: PostgresDown',
        `    expr: ${dbExpr}`,
        '    annotations:',
        `      runbook_url: ${URL_DB}`,
        '  - alert: RedisDown',
        `    expr: ${cacheExpr}`,
        '    annotations:',
        `      runbook_url: ${URL_CACHE}`,
        '{{- end }}',
        '',
      ].join('\n');
    assert.deepEqual(changedRunbookRules(helm('pg_up == 0', 'redis_up == 0'), helm('pg_up == 0', 'redis_up{job="{{ .Values.job }}"} == 0')), [URL_CACHE]);
    assert.deepEqual(changedRunbookRules(helm('pg_up == 0', 'redis_up == 0'), helm('pg_up < 1', 'redis_up == 0')), [URL_DB]);
  });

  it('reads rules of every document of a multi-document file and of a PrometheusRule', () => {
    const cr = (expr: string) => `---\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n  - name: db\n    rules:\n    - alert: PostgresDown\n      expr: ${expr}\n      annotations:\n        runbook_url: ${URL_DB}\n---\nkind: ConfigMap\n`;
    assert.deepEqual(changedRunbookRules(cr('pg_up == 0'), cr('pg_up == 0')), []);
    assert.deepEqual(changedRunbookRules(cr('pg_up == 0'), cr('pg_up < 1')), [URL_DB]);
  });

  it('treats a missing side as no rules: a new file adds rules (nothing), a deleted one deletes them', () => {
    assert.deepEqual(changedRunbookRules(undefined, rules()), []);
    assert.deepEqual(changedRunbookRules(rules(), undefined), [URL_CACHE, URL_DB]);
  });

  it('gives what a changed rule says: its name, expr, for and label values, not annotations or keys', () => {
    const after = rules({ expr: 'pg_up{role="primary"} == 0' }).replace('severity: critical', 'severity: critical\n      team: database').replace(`runbook_url: ${URL_DB}`, `runbook_url: ${URL_DB}\n      description: Postgres is down for everyone`);
    assert.deepEqual(runbookRuleChanges(rules(), after), [
      { value: URL_DB, before: ['5m\nPostgresDown\ncritical\npg_up == 0'], after: ['5m\nPostgresDown\ncritical\npg_up{role="primary"} == 0'], lostRoutes: [] },
    ]);
    assert.deepEqual(changedRunbookRules(rules(), rules().replace(`runbook_url: ${URL_DB}`, `runbook_url: ${URL_DB}\n      summary: down`)), [URL_DB]);
  });

  it('recognises promtool unit-test files by their top-level rule_files and tests keys', () => {
    const test = `rule_files:\n  - ../alerts.yaml\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    alert_rule_test:\n      - alertname: PostgresDown\n        exp_alerts:\n          - exp_annotations:\n              runbook_url: ${URL_DB}\n`;
    assert.equal(isPromtoolTestFile(test), true);
    assert.equal(isPromtoolTestFile(rules()), false);
    assert.equal(isPromtoolTestFile(`tests:\n  - name: x\n`), false);
  });
  it('leaves the label lists of by, without, on and ignoring out of what a rule says', () => {
    const [change] = runbookRuleChanges(rules({ expr: 'sum by (type, env) (pg_up == 0)' }), rules({ expr: 'sum by (type, env, environment) (pg_up{role="primary"} == 0) and on(instance) up' }));
    assert.deepEqual(change, { value: URL_DB, before: ['5m\nPostgresDown\ncritical\nsum (pg_up == 0)'], after: ['5m\nPostgresDown\ncritical\nsum (pg_up{role="primary"} == 0) and up'], lostRoutes: [] });
  });

  it('keeps routing labels (team, pager, owner, tier) out of what a rule says; a value the rule no longer routes to is lost', () => {
    const routed = (team: string, pager = 'pagerduty') => rules().replace('severity: critical', `severity: critical\n      team: ${team}\n      pager: ${pager}\n      tier: db`);
    assert.deepEqual(runbookRuleChanges(routed('delivery'), routed('release')), [{ value: URL_DB, before: ['5m\nPostgresDown\ncritical\npg_up == 0'], after: ['5m\nPostgresDown\ncritical\npg_up == 0'], lostRoutes: ['delivery'] }]);
    assert.deepEqual(runbookRuleChanges(routed('delivery'), routed('delivery', 'slack')), [{ value: URL_DB, before: ['5m\nPostgresDown\ncritical\npg_up == 0'], after: ['5m\nPostgresDown\ncritical\npg_up == 0'], lostRoutes: ['pagerduty'] }]);
    // Not YAML (a Helm template): the same, by lines.
    const helm = (team: string) => `{{- if .Values.alerts }}\n${routed(team)}{{- end }}\n`;
    assert.deepEqual(runbookRuleChanges(helm('delivery'), helm('release')).map((c) => [c.value, c.lostRoutes, c.after.some((s) => /release|team/.test(s))]), [[URL_DB, ['delivery'], false]]);
  });
});
