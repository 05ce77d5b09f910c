import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { DocStaleness } from '../../../src/core/staleness/model/report';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { WorkerTextDiffer } from '../../../src/node/worker-text-differ';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');
const DB = 'https://github.com/acme/platform/blob/main/runbooks/db.md';
const CACHE = 'https://github.com/acme/platform/blob/main/runbooks/cache.md';

/** A rule file with the db runbook's alert and another alert pointing at the cache runbook. */
function rules(dbExpr = 'pg_up == 0', cacheExpr = 'redis_up == 0', extra = ''): string {
  return [
    'groups:',
    '- name: platform',
    '  rules:',
    '  - alert: PostgresDown',
    `    expr: ${dbExpr}`,
    '    for: 5m',
    '    annotations:',
    `      runbook_url: ${DB}`,
    '  - alert: RedisDown',
    `    expr: ${cacheExpr}`,
    '    labels:',
    '      severity: warning',
    '    annotations:',
    `      runbook_url: ${CACHE}`,
    extra,
  ].join('\n');
}

describe('staleness of a runbook coupled to alert rules (only its own rules count)', () => {
  let repo: GitFixture;
  const differ = new WorkerTextDiffer();
  after(() => differ.dispose());

  beforeEach(async () => {
    repo = await GitFixture.create('staleness-alert-rules');
    repo.git(['remote', 'add', 'origin', 'https://github.com/acme/platform.git']);
  });
  afterEach(() => repo.remove());

  /** The report with the default options, on this thread and with the diff thread: the same. */
  async function report(paths: string[]): Promise<DocStaleness[]> {
    const docs = await repo.docs(paths);
    const deps = { git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env) };
    const plain = (await new StalenessEngine(deps, { now: () => NOW, readAhead: false }).report(docs)).docs;
    const threaded = (await new StalenessEngine({ ...deps, differ }, { now: () => NOW, readAhead: true }).report(docs)).docs;
    assert.deepEqual(threaded, plain, 'the report with readAhead and the diff thread differs');
    return plain;
  }

  const DOCS = { 'runbooks/db.md': '# Postgres down\n\nCheck the primary.\n', 'runbooks/cache.md': '# Redis down\n\nRestart the cache job.\n' };

  it('leaves a runbook fresh when only another alert of its rule file changed', async () => {
    await repo.commit('add runbooks and alerts', '2025-01-01', { ...DOCS, 'alerts/platform.yml': rules() });
    await repo.commit('scope the redis alert to the cache job', '2025-02-01', { 'alerts/platform.yml': rules('pg_up == 0', 'redis_up{job="cache"} == 0') });
    const [db, cache] = await report(['runbooks/db.md', 'runbooks/cache.md']);
    assert.deepEqual([db!.path, db!.level, db!.reasons.map((r) => r.ruleId)], ['runbooks/db.md', 'fresh', []]);
    assert.deepEqual([cache!.path, cache!.level, cache!.reasons.map((r) => [r.ruleId, r.severity, r.target])], ['runbooks/cache.md', 'stale', [['stale.linked-code-changed', 'warning', 'alerts/platform.yml']]]);
  });

  it('leaves a runbook fresh when alerts pointing elsewhere were added to its rule file', async () => {
    await repo.commit('add runbooks and alerts', '2025-01-01', { ...DOCS, 'alerts/platform.yml': rules() });
    await repo.commit('add a disk alert', '2025-02-01', { 'alerts/platform.yml': rules(undefined, undefined, '  - alert: DiskFull\n    expr: disk_free < 0.1\n    annotations:\n      runbook_url: https://runbooks.example/disk\n') });
    const [db] = await report(['runbooks/db.md']);
    assert.deepEqual([db!.level, db!.reasons], ['fresh', []]);
  });

  it('flags a runbook whose own alert changed its expr, citing the commits of the file', async () => {
    await repo.commit('add runbooks and alerts', '2025-01-01', { ...DOCS, 'alerts/platform.yml': rules() });
    const sha = await repo.commit('page only on the primary', '2025-02-01', { 'alerts/platform.yml': rules('pg_up{role="primary"} == 0') });
    const [db] = await report(['runbooks/db.md']);
    assert.equal(db!.level, 'stale');
    assert.deepEqual(db!.reasons.map((r) => [r.ruleId, r.severity, r.target, r.commits.map((c) => c.sha)]), [['stale.linked-code-changed', 'warning', 'alerts/platform.yml', [sha]]]);
  });

  it('leaves a runbook fresh when its alert changed only in comments and layout', async () => {
    await repo.commit('add runbooks and alerts', '2025-01-01', { ...DOCS, 'alerts/platform.yml': rules() });
    const commented = rules().replace('    for: 5m', '    # five minutes: long enough to ride out a failover\n    for: "5m"');
    await repo.commit('explain the for', '2025-02-01', { 'alerts/platform.yml': commented });
    const [db] = await report(['runbooks/db.md']);
    assert.deepEqual([db!.level, db!.reasons], ['fresh', []]);
  });

  it('never couples a promtool unit-test file that carries the runbook_url in its expected annotations', async () => {
    const test = `rule_files:\n  - ../alerts/platform.yml\ntests:\n  - interval: 1m\n    alert_rule_test:\n      - alertname: PostgresDown\n        exp_alerts:\n          - exp_annotations:\n              runbook_url: ${DB}\n`;
    await repo.commit('add runbooks, alerts and tests', '2025-01-01', { ...DOCS, 'alerts/platform.yml': rules(), 'tests/platform-test.yml': test });
    await repo.commit('test the alert for 10m', '2025-02-01', { 'tests/platform-test.yml': test.replace('interval: 1m', 'interval: 10m') });
    const [db] = await report(['runbooks/db.md']);
    assert.deepEqual(db!.targets.map((t) => [t.path, t.via]), [['alerts/platform.yml', 'alert-rule']]);
    assert.deepEqual([db!.level, db!.reasons], ['fresh', []]);
  });
  describe('against what the doc says (the doc is the runbook of its rules)', () => {
    const LAG = (expr: string, name = 'PostgresReplicationLag') =>
      `groups:\n- name: db\n  rules:\n  - alert: ${name}\n    expr: ${expr}\n    annotations:\n      runbook_url: ${DB}\n`;
    const RUNBOOK = { 'runbooks/db.md': '# PostgresReplicationLag\n\nFires when a replica is more than 300 seconds behind the primary.\n' };

    it('keeps a rule change that brings no word in or out (a reordered by list) as info', async () => {
      await repo.commit('add runbook and alert', '2025-01-01', { ...RUNBOOK, 'alerts/db.yml': LAG('max by (instance, cluster) (pg_replication_lag) > 300') });
      await repo.commit('sort label lists', '2025-02-01', { 'alerts/db.yml': LAG('max by (cluster,instance) (pg_replication_lag) > 300') });
      const [db] = await report(['runbooks/db.md']);
      assert.deepEqual([db!.level, db!.reasons.map((r) => [r.ruleId, r.severity])], ['fresh', [['stale.unmentioned-change', 'info']]]);
    });

    it('flags a threshold the doc quotes, saying which word left the rules', async () => {
      await repo.commit('add runbook and alert', '2025-01-01', { ...RUNBOOK, 'alerts/db.yml': LAG('max by (instance) (pg_replication_lag) > 300') });
      await repo.commit('page later', '2025-02-01', { 'alerts/db.yml': LAG('max by (instance) (pg_replication_lag) > 600') });
      const [db] = await report(['runbooks/db.md']);
      assert.deepEqual([db!.level, db!.reasons.map((r) => [r.ruleId, r.severity])], ['stale', [['stale.linked-code-changed', 'warning']]]);
      assert.match(db!.reasons[0]!.message, /the change took `300` out of it/);
    });

    it('flags a renamed alert the doc names', async () => {
      await repo.commit('add runbook and alert', '2025-01-01', { ...RUNBOOK, 'alerts/db.yml': LAG('pg_replication_lag > 300') });
      await repo.commit('rename', '2025-02-01', { 'alerts/db.yml': LAG('pg_replication_lag > 300', 'PostgresReplicaBehind') });
      const [db] = await report(['runbooks/db.md']);
      assert.deepEqual(db!.reasons.map((r) => [r.ruleId, r.severity]), [['stale.linked-code-changed', 'warning']]);
      assert.match(db!.reasons[0]!.message, /took `300`, `PostgresReplicationLag` out of it/);
    });

    it('says nothing of a runbook_url written anew for the same doc (an anchor added): the rules say the same', async () => {
      await repo.commit('add runbook and alert', '2025-01-01', { ...RUNBOOK, 'alerts/db.yml': LAG('pg_replication_lag > 300') });
      await repo.commit('link the section', '2025-02-01', { 'alerts/db.yml': LAG('pg_replication_lag > 300').replace(DB, `${DB}#postgresreplicationlag`) });
      const [db] = await report(['runbooks/db.md']);
      assert.deepEqual([db!.level, db!.reasons], ['fresh', []]);
    });

    it('says nothing of a new alert pointing at the doc, nor of one pointed at the doc from elsewhere', async () => {
      const wal = (url: string) => `  - alert: WalArchivingStuck\n    expr: pg_stat_archiver_failed_count > 0\n    annotations:\n      runbook_url: ${url}\n`;
      await repo.commit('add runbook and alert', '2025-01-01', { ...RUNBOOK, 'alerts/db.yml': LAG('pg_replication_lag > 300') });
      await repo.commit('add a wal alert', '2025-02-01', { 'alerts/db.yml': `${LAG('pg_replication_lag > 300')}${wal(CACHE)}` });
      await repo.commit('the wal alert has its runbook here', '2025-03-01', { 'alerts/db.yml': `${LAG('pg_replication_lag > 300')}${wal(DB)}` });
      const [db] = await report(['runbooks/db.md']);
      assert.deepEqual([db!.level, db!.reasons], ['fresh', []]);
    });

    it('flags an alert of the doc deleted from the file, when the doc names it', async () => {
      const other = `  - alert: PostgresDown\n    expr: pg_up == 0\n    annotations:\n      runbook_url: ${DB}\n`;
      await repo.commit('add runbook and alerts', '2025-01-01', { ...RUNBOOK, 'alerts/db.yml': `${LAG('pg_replication_lag > 300')}${other}` });
      await repo.commit('drop the lag alert', '2025-02-01', { 'alerts/db.yml': `groups:\n- name: db\n  rules:\n${other}` });
      const [db] = await report(['runbooks/db.md']);
      assert.deepEqual(db!.reasons.map((r) => [r.ruleId, r.severity]), [['stale.linked-code-changed', 'warning']]);
      assert.match(db!.reasons[0]!.message, /took `300`, `PostgresReplicationLag` out of it/);
    });
  });
  it('leaves a runbook fresh when its alert only moved to another team, unless the runbook names the old team', async () => {
    const routed = (team: string) => rules().replace('    for: 5m', `    for: 5m\n    labels:\n      team: ${team}`);
    await repo.commit('add runbooks and alerts', '2025-01-01', {
      ...DOCS,
      'runbooks/named.md': '# Postgres down\n\nThe delivery team is paged.\n',
      'alerts/platform.yml': routed('delivery'),
      'alerts/named.yml': routed('delivery').replace(/runbooks\/db\.md/g, 'runbooks/named.md').replace(/runbooks\/cache\.md/g, 'runbooks/other.md'),
    });
    const sha = await repo.commit('route to the release team', '2025-02-01', { 'alerts/platform.yml': routed('release'), 'alerts/named.yml': routed('release').replace(/runbooks\/db\.md/g, 'runbooks/named.md').replace(/runbooks\/cache\.md/g, 'runbooks/other.md') });
    const [db, named] = await report(['runbooks/db.md', 'runbooks/named.md']);
    assert.deepEqual([db!.level, db!.reasons.map((r) => [r.ruleId, r.severity])], ['fresh', [['stale.unmentioned-change', 'info']]]);
    assert.deepEqual([named!.level, named!.reasons.map((r) => [r.ruleId, r.severity, r.target, r.commits.map((c) => c.sha)])], ['stale', [['stale.linked-code-changed', 'warning', 'alerts/named.yml', [sha]]]]);
    assert.match(named!.reasons[0]!.message, /took `delivery` out of it/);
  });
  it('does not take the generated section of a runbook (between generator markers) for what its owner says', async () => {
    const generated = '<!-- MARKER: do not edit this section directly. Edit services/service-catalog.yml then run scripts/generate-docs -->\n\n# Logs PagerDuty incident events\n\n* **Alerts**: see the PagerDuty dashboard\n\n<!-- END_MARKER -->\n\n<!-- ## Summary -->\n';
    const pd = (expr: string) => rules(expr, 'redis_up == 0').replace(/runbooks\/cache\.md/g, 'runbooks/hand.md');
    await repo.commit('add runbooks and alerts', '2025-01-01', {
      'runbooks/db.md': generated,
      'runbooks/hand.md': `${generated}\n## Troubleshooting\n\nCheck the redis_up series of the cache first.\n`,
      'alerts/platform.yml': pd('events_up{source="pagerduty"} == 0'),
    });
    await repo.commit('drop the events alert condition', '2025-02-01', { 'alerts/platform.yml': pd('events_up{source="opsgenie"} == 0').replace('redis_up == 0', 'cache_up == 0') });
    const [db, hand] = await report(['runbooks/db.md', 'runbooks/hand.md']);
    assert.deepEqual([db!.level, db!.reasons.map((r) => [r.ruleId, r.severity])], ['fresh', [['stale.unmentioned-change', 'info']]]);
    assert.deepEqual([hand!.level, hand!.reasons.map((r) => [r.ruleId, r.severity, r.target])], ['stale', [['stale.linked-code-changed', 'warning', 'alerts/platform.yml']]]);
    assert.match(hand!.reasons[0]!.message, /took `redis_up` out of it/);
  });
  it('lists only the commits that changed the runbook\'s own rules, not every commit of the rule file', async () => {
    await repo.commit('add runbooks and alerts', '2025-01-01', { ...DOCS, 'alerts/platform.yml': rules() });
    await repo.commit('scope the redis alert', '2025-02-01', { 'alerts/platform.yml': rules('pg_up == 0', 'redis_up{job="cache"} == 0') });
    const own = await repo.commit('page only on the primary', '2025-03-01', { 'alerts/platform.yml': rules('pg_up{role="primary"} == 0', 'redis_up{job="cache"} == 0') });
    await repo.commit('rename the redis alert', '2025-04-01', { 'alerts/platform.yml': rules('pg_up{role="primary"} == 0', 'redis_up{job="cache"} == 0').replace('RedisDown', 'RedisUnavailable') });
    const [db] = await report(['runbooks/db.md']);
    assert.deepEqual(db!.reasons.map((r) => [r.ruleId, r.severity, r.target, r.commits.map((c) => c.sha)]), [['stale.linked-code-changed', 'warning', 'alerts/platform.yml', [own]]]);
    assert.match(db!.reasons[0]!.message, /changed in 1 commit /);
  });
});
