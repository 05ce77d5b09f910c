import assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { GitFixture } from '../node/git-fixture';

const MAKEFILE = 'deploy:\n\t./scripts/deploy.sh\n\nrollback:\n\t@echo rollback\n';
const DEPLOY = '# Deploy\n\n```sh {cwd=..}\nmake deploy\n./scripts/failover.sh --region eu\n```\n';
const ROLLBACK = '# Roll back\n\n```sh {cwd=..}\nmake rollback\n```\n';

describe('runbooks check: commands the change set breaks', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('check-drift');
    await repo.commit('ops and runbooks', '2025-01-01', {
      Makefile: MAKEFILE,
      'scripts/deploy.sh': '#!/bin/sh\n',
      'scripts/failover.sh': '#!/bin/sh\n',
      'runbooks/deploy.md': DEPLOY,
      'runbooks/rollback.md': ROLLBACK,
    });
  });
  afterEach(() => repo.remove());

  async function check(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const env = { ...repo.env, XDG_CACHE_HOME: path.join(repo.base, 'cache') };
    const code = await main(['check', '--base', 'HEAD', '--no-cache', '--format', 'json', ...argv], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: repo.dir, env });
    const findings = (JSON.parse(out.join('\n')) as { findings: Array<{ ruleId: string; path: string; line: number; message: string }> }).findings;
    return { code, findings: findings.filter((f) => f.ruleId.startsWith('command.')) };
  }

  it('reports a script the change set renames, on the command that runs it, with the new path', async () => {
    repo.git(['mv', 'scripts/failover.sh', 'scripts/region-failover.sh']);
    const result = await check();
    assert.equal(result.code, 1);
    assert.deepEqual(result.findings, [
      {
        ruleId: 'command.missing-script',
        severity: 'error',
        path: 'runbooks/deploy.md',
        line: 5,
        message: '`./scripts/failover.sh` does not exist: `scripts/failover.sh` was renamed to `scripts/region-failover.sh` in this change. Change the command to `./scripts/region-failover.sh`.',
        target: 'scripts/failover.sh',
      },
    ]);
  });

  it('reports a target the change set removes, even when it was the only command of the doc that ran here', async () => {
    await repo.write({ Makefile: 'deploy:\n\t./scripts/deploy.sh\n\nroll-back:\n\t@echo rollback\n' });
    const result = await check();
    assert.deepEqual(result.findings.map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.message}`), [
      'runbooks/rollback.md:4 command.missing-target `make` target `rollback` is not defined in `Makefile`. Did you mean `roll-back`? Fix the command.',
    ]);
  });

  it('says nothing about commands that were broken before the change set, nor when the change set leaves them alone', async () => {
    await repo.commit('a runbook with a typo', '2025-01-02', { 'runbooks/typo.md': '# Typo\n\n```sh {cwd=..}\nmake deploy\nmake rolback\n```\n' });
    await repo.write({ 'scripts/deploy.sh': '#!/bin/sh\necho deploying\n' });
    assert.deepEqual((await check()).findings, []);
  });
});
