import assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { GitFixture } from '../node/git-fixture';

const rules = (...alerts: string[]) =>
  ['groups:', '- name: db', '  rules:', ...alerts.flatMap((a) => [`  - alert: ${a}`, '    expr: up == 0', '    labels:', '      severity: critical'])].join('\n') + '\n';

describe('runbooks check: alerts added or renamed in the change set', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('check-alerts');
    await repo.commit('rules and runbook', '2025-01-01', {
      'monitoring/db-rules.yml': rules('PostgresDown', 'PostgresSlow'),
      'runbooks/postgres-down.md': '---\nalerts: [PostgresDown]\n---\n# Postgres down\n',
      'runbooks/postgres-slow.md': '---\nalerts: [PostgresSlow]\n---\n# Postgres slow\n',
      'monitoring/legacy-rules.yml': rules('LegacyAlert'),
    });
  });
  afterEach(() => repo.remove());

  async function check(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const env = { ...repo.env, XDG_CACHE_HOME: path.join(repo.base, 'cache') };
    const code = await main(['check', '--base', 'HEAD', '--no-cache', ...argv], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: repo.dir, env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('reports an added alert without a runbook on its rule line, and not the alerts that were there before', async () => {
    await repo.write({ 'monitoring/db-rules.yml': rules('PostgresDown', 'PostgresSlow', 'PostgresDiskFull') });
    const result = await check();
    assert.equal(result.code, 1);
    assert.equal(
      result.out.split('\n')[0],
      'warning monitoring/db-rules.yml:12 This change adds alert `PostgresDiskFull` (severity critical) without a runbook. Add a runbook_url annotation or a runbook that lists it in `alerts:` before it pages someone. [alert.no-runbook]',
    );
    assert.equal(result.out.split('\n').length, 3);
  });

  it('names the old name of a renamed alert and the runbook that still lists it', async () => {
    await repo.write({ 'monitoring/db-rules.yml': rules('PostgresDown', 'PostgresQueriesSlow') });
    const result = await check('--format', 'json');
    const report = JSON.parse(result.out) as { findings: Array<{ path: string; line: number; message: string; related: unknown[] }> };
    assert.deepEqual(report.findings, [
      {
        ruleId: 'alert.no-runbook',
        severity: 'warning',
        path: 'monitoring/db-rules.yml',
        line: 8,
        message:
          'This change adds alert `PostgresQueriesSlow` (severity critical) without a runbook. It looks renamed from `PostgresSlow`, which `runbooks/postgres-slow.md` still lists in `alerts:`: update that entry. Add a runbook_url annotation or a runbook that lists it in `alerts:` before it pages someone.',
        target: 'monitoring/db-rules.yml',
        related: [{ path: 'runbooks/postgres-slow.md', line: 2, message: 'Linked from runbooks/postgres-slow.md:2' }],
      },
    ]);
  });

  it('says nothing when the runbook comes in the same change set, or when an alert moves between rule files', async () => {
    await repo.write({
      'monitoring/db-rules.yml': rules('PostgresDown', 'PostgresSlow', 'PostgresDiskFull', 'LegacyAlert'),
      'monitoring/legacy-rules.yml': null,
      'runbooks/postgres-disk-full.md': '# Postgres disk full\n',
    });
    const result = await check();
    assert.deepEqual([result.code, result.out.split('\n').filter((l) => l.includes('alert.'))], [0, []]);
  });
});
