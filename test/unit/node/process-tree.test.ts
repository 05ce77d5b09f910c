import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { ShellRequest } from '../../../src/core/ports';
import { parseStat } from '../../../src/node/process-tree';
import { Sandbox } from '../../../src/node/sandbox';
import { LEFTOVERS_NOTE, NodeShellRunner } from '../../../src/node/shell-runner';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const PATH = '/usr/local/bin:/usr/bin:/bin';
const linux = process.platform === 'linux';

/** Live processes whose command line is exactly `sleep <seconds>` (zombies are gone for our purpose). */
function sleepers(seconds: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !m[2]!.startsWith('Z') && m[3] === `sleep ${seconds}`)
    .map((m) => Number(m[1]));
}

async function waitUntilGone(seconds: string): Promise<number[]> {
  for (let i = 0; i < 60 && sleepers(seconds).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  return sleepers(seconds);
}

/** Each way a block can start a process that outlives its shell's process group or parent link. */
const FORMS: Array<{ name: string; start: (seconds: string) => string }> = [
  { name: 'setsid', start: (s) => `setsid sleep ${s} &` },
  { name: 'nohup … &', start: (s) => `nohup sleep ${s} >/dev/null 2>&1 &` },
  { name: 'set -m job', start: (s) => `set -m; sleep ${s} >/dev/null 2>&1 & set +m` },
  { name: 'double fork', start: (s) => `( setsid sleep ${s} >/dev/null 2>&1 & ) ; sleep 0.2` },
  { name: 'disown', start: (s) => `sleep ${s} >/dev/null 2>&1 & disown` },
  { name: 'setsid -f daemon', start: (s) => `setsid -f sleep ${s} </dev/null >/dev/null 2>&1` },
];

describe('stopping every process a block started', function () {
  if (!linux) return;
  let dir: string;
  let tag = 0;
  const found: string[] = [];
  const runner = new NodeShellRunner({ killGraceMs: 500, sandbox: false });
  const request = (script: string, extra: Partial<ShellRequest> = {}): ShellRequest => ({ script, cwd: dir, env: { PATH }, timeoutMs: 15_000, ...extra });
  /** A duration no other test or process uses, so `ps` finds only this test's sleeper. */
  const unique = () => `${4000 + process.pid % 1000}.${++tag}${Date.now() % 1000}`;

  before(async () => {
    dir = await makeTempDir('process-tree');
  });
  after(async () => {
    for (const seconds of found) for (const pid of sleepers(seconds)) process.kill(pid, 'SIGKILL');
    await removeTempDir(dir);
  });

  for (const form of FORMS) {
    describe(form.name, () => {
      it('leaves nothing running after a timeout', async () => {
        const seconds = unique();
        found.push(seconds);
        const outcome = await runner.run(request(`${form.start(seconds)}\necho started\nsleep 30`, { timeoutMs: 1200 }));
        assert.equal(outcome.timedOut, true);
        assert.equal(outcome.output, 'started\n');
        assert.deepEqual(await waitUntilGone(seconds), []);
      });

      it('leaves nothing running after a cancel', async () => {
        const seconds = unique();
        found.push(seconds);
        const controller = new AbortController();
        const outcome = await runner.run(
          request(`${form.start(seconds)}\necho started\nsleep 30`, { signal: controller.signal, onOutput: (c) => c.includes('started') && controller.abort() }),
        );
        assert.equal(outcome.cancelled, true);
        assert.deepEqual(await waitUntilGone(seconds), []);
      });

      it('leaves nothing running once the script ends', async () => {
        const seconds = unique();
        found.push(seconds);
        const outcome = await runner.run(request(`${form.start(seconds)}\nsleep 0.3\necho started`));
        assert.equal(outcome.exitCode, 0);
        assert.equal(outcome.output, `started\n${LEFTOVERS_NOTE}\n`);
        assert.deepEqual(await waitUntilGone(seconds), []);
      });
    });
  }

  describe('in the sandbox, where the PID namespace ends everything', () => {
    const sandbox = new Sandbox();
    const sandboxed = new NodeShellRunner({ killGraceMs: 500, sandbox });
    before(async function () {
      const status = await sandbox.status();
      if (!status.active) this.skip();
    });

    it('stops a daemon that closed every inherited descriptor and left the session, after a timeout', async () => {
      const seconds = unique();
      found.push(seconds);
      const script = `( exec 3>&- ; setsid sleep ${seconds} </dev/null >/dev/null 2>&1 & ) ; echo started\nsleep 30`;
      const outcome = await sandboxed.run(request(script, { timeoutMs: 1200, readOnly: true }));
      assert.equal(outcome.timedOut, true);
      assert.deepEqual(outcome.sandbox, { active: true });
      assert.deepEqual(await waitUntilGone(seconds), []);
    });

    for (const form of FORMS) {
      it(`stops a ${form.name} process after a cancel`, async () => {
        const seconds = unique();
        found.push(seconds);
        const controller = new AbortController();
        const outcome = await sandboxed.run(
          request(`${form.start(seconds)}\necho started\nsleep 30`, {
            readOnly: true,
            signal: controller.signal,
            onOutput: (c) => c.includes('started') && controller.abort(),
          }),
        );
        assert.equal(outcome.cancelled, true);
        assert.deepEqual(await waitUntilGone(seconds), []);
      });
    }
  });
});

describe('parseStat', () => {
  it('reads pid, parent, group, session and start time, past a command name with spaces and parentheses', () => {
    const stat = '4242 (my (odd) name) S 4000 4242 4242 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 987654 1000 100';
    assert.deepEqual(parseStat(stat), { pid: 4242, ppid: 4000, pgrp: 4242, session: 4242, state: 'S', startTime: '987654' });
  });

  it('is undefined for a line cut short', () => {
    assert.equal(parseStat('12 (sh) S 1 12'), undefined);
  });
});
