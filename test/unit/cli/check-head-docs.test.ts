import assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { GitFixture } from '../node/git-fixture';

const MAKEFILE = 'deploy:\n\t@echo deploy\n\nrollback:\n\t@echo rollback\n';
const DEPLOY = '# Deploy\n\n```sh {cwd=..}\nmake deploy\n./scripts/failover.sh --region eu\n```\n';
const RESTART = '# Restart\n\nSee the steps.\n\n```sh {cwd=..}\n./scripts/restart.sh\n```\n';

interface Finding { ruleId: string; path: string; line: number; message: string }

describe('runbooks check --head REF: the docs and files at REF, not the working tree', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('check-head');
    await repo.commit('ops and runbooks', '2025-01-01', {
      Makefile: MAKEFILE,
      'scripts/failover.sh': '#!/bin/sh\necho failover\n',
      'scripts/restart.sh': '#!/bin/sh\necho restart\n',
      'runbooks/deploy.md': DEPLOY,
      'runbooks/restart.md': RESTART,
    });
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.git(['mv', 'scripts/failover.sh', 'scripts/region-failover.sh']);
    await repo.commit('rename failover, rework restart, a rollback runbook', '2025-01-02', {
      Makefile: 'deploy:\n\t@echo deploy\n\nroll-back:\n\t@echo rollback\n',
      'scripts/restart.sh': '#!/bin/sh\necho restart --graceful\n',
      'runbooks/rollback.md': '# Roll back\n\n```sh {cwd=..}\nmake rollback\n```\n',
    });
    repo.git(['checkout', '-q', 'main']);
    // The working tree is main with uncommitted edits: its runbooks no longer call what the feature changes.
    await repo.write({ 'runbooks/deploy.md': '# Deploy\n\n```sh {cwd=..}\nmake deploy\n```\n', 'runbooks/restart.md': '# Restart\n\nSee the steps.\n' });
  });
  afterEach(() => repo.remove());

  async function check(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const env = { ...repo.env, XDG_CACHE_HOME: path.join(repo.base, 'cache') };
    const code = await main(['check', '--no-cache', '--format', 'json', ...argv], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: repo.dir, env });
    return { code, err, findings: (JSON.parse(out.join('\n')) as { findings: Finding[] }).findings };
  }

  it('reports the commands the commits break, in the runbooks as they are at REF (one only there)', async () => {
    const result = await check('--base', 'main', '--head', 'feature');
    assert.equal(result.code, 1);
    assert.deepEqual(result.findings.filter((f) => f.ruleId.startsWith('command.')).map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.message}`), [
      'runbooks/deploy.md:5 command.missing-script `./scripts/failover.sh` does not exist: `scripts/failover.sh` was renamed to `scripts/region-failover.sh` in this change. Change the command to `./scripts/region-failover.sh`.',
      'runbooks/rollback.md:4 command.missing-target `make` target `rollback` is not defined in `Makefile`. Did you mean `roll-back`? Fix the command.',
    ]);
  });

  it('ages a runbook by the scripts its commands call at REF (a command link the working tree no longer has)', async () => {
    const result = await check('--base', 'main', '--head', 'feature');
    assert.deepEqual(result.findings.filter((f) => f.path === 'scripts/restart.sh').map((f) => `${f.path}:${f.line} ${f.ruleId}`), ['scripts/restart.sh:2 stale.linked-code-changed']);
  });

  it('says a head ref that does not exist is an error (exit 2)', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['check', '--no-cache', '--base', 'main', '--head', 'nope'], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: repo.dir, env: { ...repo.env, XDG_CACHE_HOME: path.join(repo.base, 'cache') } });
    assert.equal(code, 2);
    assert.deepEqual(err, ['runbooks: head ref "nope" not found.']);
  });
});
