import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCliArgs } from '../../../src/cli/args';
import { runBlocks } from '../../../src/cli/commands/run-command';
import { parseDoc } from '../../../src/core/parse-doc';
import { describeResult, executePlan, planRun } from '../../../src/core/runner/run-plan';
import { runnableBlocks } from '../../../src/core/runner/runnable-blocks';
import { Sandbox, sandboxArgs } from '../../../src/node/sandbox';
import { NodeShellRunner } from '../../../src/node/shell-runner';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

const PATH = '/usr/local/bin:/usr/bin:/bin';

describe('the read-only sandbox for checks', () => {
  let base: string;
  let root: string;
  let home: string;
  const sandbox = new Sandbox();
  const runner = new NodeShellRunner({ killGraceMs: 500, sandbox });

  before(async function () {
    const status = await sandbox.status();
    // CI installs bubblewrap (.ci/run), so there these tests always run.
    if (!status.active) this.skip();
    base = await makeTempDir('sandbox');
    root = path.join(base, 'ws');
    home = path.join(base, 'home');
    await writeTree(root, { 'runbooks/app.md': '# App\n', 'config/app.conf': 'level=info\n' });
    await fs.mkdir(home, { recursive: true });
    execFileSync('git', ['init', '-q', root]);
  });
  after(async () => {
    if (base) await removeTempDir(base);
  });

  /** Runs `script` as a check block of a runbook at the workspace root, as the editor and CLI do. */
  async function check(script: string) {
    const doc = parseDoc('runbooks/app.md', ['# App', '', '```sh {name=probe kind=check cwd=..}', script, '```', ''].join('\n'));
    const plan = planRun(doc, runnableBlocks(doc)[0]!, {}, {}, { defaultTimeoutSeconds: 30 });
    if ('error' in plan) throw new Error(plan.error);
    return executePlan(runner, plan, { workspaceRoot: root, baseEnv: { PATH, HOME: home } });
  }

  const attempts: Array<{ how: string; script: string; target: () => string; path: () => string }> = [
    { how: 'touch', script: 'touch config/new.marker', target: () => path.join(root, 'config/new.marker'), path: () => 'config/new.marker' },
    { how: '> redirection', script: 'echo level=debug > config/app.conf', target: () => path.join(root, 'config/app.conf'), path: () => 'config/app.conf' },
    { how: 'sed -i', script: 'sed -i s/info/debug/ config/app.conf', target: () => path.join(root, 'config/app.conf'), path: () => 'config/' },
    { how: 'git config', script: 'git config core.pager cat', target: () => path.join(root, '.git/config'), path: () => '.git/config' },
    { how: 'git config --global', script: 'git config --global user.name mallory', target: () => path.join(home, '.gitconfig'), path: () => `${home}/.gitconfig` },
  ];

  for (const attempt of attempts) {
    it(`stops a check that writes with ${attempt.how}, and says it is a change`, async () => {
      const before = await fs.readFile(attempt.target(), 'utf8').catch(() => undefined);
      const result = await check(attempt.script);
      assert.deepEqual(result.sandbox, { active: true });
      assert.equal(result.passed, false);
      assert.deepEqual(result.writeAttempt, { path: attempt.path() });
      assert.match(describeResult(result), new RegExp(`^✗ failed \\(exit \\d+, \\d+\\.\\d s\\): this check tried to write \`${attempt.path().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\`: it is a change — mark it \`kind=change\`$`));
      assert.equal(await fs.readFile(attempt.target(), 'utf8').catch(() => undefined), before, 'the file is unchanged');
    });
  }

  it('fails a check that swallows the write error, as long as the error was printed', async () => {
    const result = await check('touch /etc/runbooks-sandbox-probe || true');
    assert.equal(result.exitCode, 0);
    assert.equal(result.passed, false);
    assert.deepEqual(result.writeAttempt, { path: '/etc/runbooks-sandbox-probe' });
  });

  it('lets a check read anything, write its private /tmp, and see the machine\'s processes', async () => {
    const result = await check('cat config/app.conf\necho scratch > /tmp/scratch && cat /tmp/scratch\nps -e | grep -c . >/dev/null && echo procs');
    assert.equal(result.output, 'level=info\nscratch\nprocs\n');
    assert.equal(result.passed, true);
  });

  it('does not sandbox a change block', async () => {
    const doc = parseDoc('runbooks/app.md', ['# App', '', '```sh {name=write kind=change cwd=..}', 'touch config/changed.marker', '```', ''].join('\n'));
    const plan = planRun(doc, runnableBlocks(doc)[0]!, {}, {}, { defaultTimeoutSeconds: 30 });
    if ('error' in plan) throw new Error(plan.error);
    const result = await executePlan(runner, plan, { workspaceRoot: root, baseEnv: { PATH } });
    assert.equal(result.passed, true);
    assert.equal(result.sandbox, undefined);
    await fs.stat(path.join(root, 'config/changed.marker'));
  });
});

describe('sandbox options', () => {
  it('mounts everything read-only with private tmpfs for /tmp and caches, and shares the network', async () => {
    const home = await makeTempDir('sandbox-home');
    try {
      await fs.mkdir(path.join(home, '.cache'), { recursive: true });
      const args = sandboxArgs('/srv/ws', { HOME: home, TMPDIR: '/tmp' });
      assert.deepEqual(args, [
        '--ro-bind', '/', '/', '--dev', '/dev', '--tmpfs', '/tmp',
        // The home (in /tmp here) is put back read-only, then its cache gets a private tmpfs on top.
        '--ro-bind', home, home, '--tmpfs', path.join(home, '.cache'),
        '--unshare-pid', '--die-with-parent', '--chdir', '/srv/ws',
      ]);
      assert.equal(args.includes('--unshare-net'), false);
    } finally {
      await removeTempDir(home);
    }
  });

  it('puts back, read-only, a working directory that a tmpfs would hide', () => {
    const args = sandboxArgs(path.join(os.tmpdir(), 'ws'), {});
    const cwd = path.join(os.tmpdir(), 'ws');
    assert.deepEqual(args.slice(-7), ['--ro-bind', cwd, cwd, '--unshare-pid', '--die-with-parent', '--chdir', cwd]);
  });

  it('reports why the sandbox is unavailable without bubblewrap', async () => {
    const status = await new Sandbox(false).status();
    assert.equal(status.active, false);
    if (!status.active) assert.equal(status.reason, process.platform === 'linux' ? 'bubblewrap (bwrap) is not installed' : `the read-only sandbox needs Linux (this is ${process.platform})`);
  });

  it('has the CLI say plainly when checks ran without it', async () => {
    const base = await makeTempDir('sandbox-cli');
    try {
      await writeTree(base, { 'runbooks/a.md': '# A\n\n```sh {name=ok}\necho ok\n```\n' });
      const out: string[] = [];
      const err: string[] = [];
      // A HOME in the temp folder: the run log goes there (without one the CLI notes it is not written).
      const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), cwd: base, env: { PATH, HOME: base } };
      const code = await runBlocks(base, parseCliArgs(['run', 'runbooks/a.md'], base), io, new NodeShellRunner({ sandbox: false }));
      assert.equal(code, 0);
      assert.deepEqual(err, ['Note: checks run without the read-only sandbox (the sandbox is turned off), so a check that writes is not stopped. Install bubblewrap (Linux) to have it.']);
    } finally {
      await removeTempDir(base);
    }
  });
});
