import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ShellRequest } from '../../../src/core/ports';
import { LEFTOVERS_NOTE, NodeShellRunner, OutputBuffer } from '../../../src/node/shell-runner';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const PATH = '/usr/local/bin:/usr/bin:/bin';

/** True while `pid` is a live process; a zombie waiting to be reaped counts as gone. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim().startsWith('Z');
  } catch {
    return false; // ps exits 1 when the pid is gone
  }
}

/** The numbers printed on `pid <n>` lines. */
function pids(output: string): number[] {
  return [...output.matchAll(/^pid (\d+)$/gm)].map((m) => Number(m[1]));
}

describe('NodeShellRunner', () => {
  let dir: string;
  const runner = new NodeShellRunner({ killGraceMs: 500 });
  const leftovers: number[] = [];

  const request = (script: string, extra: Partial<ShellRequest> = {}): ShellRequest => ({
    script,
    cwd: dir,
    env: { PATH },
    timeoutMs: 15_000,
    ...extra,
  });

  before(async () => {
    dir = await makeTempDir('shell-runner');
  });

  after(async () => {
    for (const pid of leftovers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await removeTempDir(dir);
  });

  describe('exit codes and output', () => {
    for (const code of [0, 1, 42]) {
      it(`reports exit code ${code}`, async () => {
        const outcome = await runner.run(request(`echo before; exit ${code}`));
        assert.deepEqual({ ...outcome, durationMs: 0 }, {
          exitCode: code,
          signal: null,
          durationMs: 0,
          timedOut: false,
          cancelled: false,
          output: 'before\n',
          truncated: false,
        });
        assert.ok(outcome.durationMs >= 0 && outcome.durationMs < 10_000);
      });
    }

    it('captures stderr together with stdout, in arrival order', async () => {
      const outcome = await runner.run(request('echo out; sleep 0.2; echo err >&2; sleep 0.2; echo out again'));
      assert.equal(outcome.output, 'out\nerr\nout again\n');
      assert.equal(outcome.exitCode, 0);
    });

    it('streams chunks to onOutput as they arrive, adding up to the output', async () => {
      const chunks: string[] = [];
      const outcome = await runner.run(request('echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three', { onOutput: (c) => chunks.push(c) }));
      assert.deepEqual(chunks, ['one\n', 'two\n', 'three\n']);
      assert.equal(chunks.join(''), outcome.output);
    });

    it('keeps running and keeps the output when onOutput throws', async () => {
      const outcome = await runner.run(request('echo a; echo b', { onOutput: () => { throw new Error('display broke'); } }));
      assert.equal(outcome.output, 'a\nb\n');
      assert.equal(outcome.exitCode, 0);
    });

    it('hands the script to the shell verbatim: quotes, $0, here-documents', async () => {
      const script = [
        `printf '%s|' "$0" "$#" 'single "double"' "it's"`,
        'echo',
        "cat <<'EOF'",
        '$HOME `not run` "q"',
        'EOF',
      ].join('\n');
      const outcome = await runner.run(request(script));
      assert.equal(outcome.output, 'bash|0|single "double"|it\'s|\n$HOME `not run` "q"\n');
    });

    it('reports shell errors with the line, named after the shell', async () => {
      const outcome = await runner.run(request('true\nno-such-command-xyz'));
      assert.equal(outcome.exitCode, 127);
      assert.equal(outcome.output, 'bash: line 2: no-such-command-xyz: command not found\n');
    });

    it('gives the script no stdin: reads see end of input at once', async () => {
      const outcome = await runner.run(request('cat; read -r line; echo "read=$?"', { timeoutMs: 5000 }));
      assert.equal(outcome.output, 'read=1\n');
      assert.equal(outcome.timedOut, false);
    });

    it('runs with /bin/sh when told to', async () => {
      const outcome = await new NodeShellRunner({ shell: '/bin/sh' }).run(request('echo "$0"; exit 3'));
      assert.equal(outcome.output, 'sh\n');
      assert.equal(outcome.exitCode, 3);
    });
  });

  describe('large output', () => {
    const oneMiB = "head -c 1048576 /dev/zero | tr '\\0' x";

    it('keeps 1 MiB of output complete under a larger cap', async () => {
      let streamed = 0;
      const outcome = await runner.run(request(oneMiB, { maxOutputChars: 2_000_000, onOutput: (c) => (streamed += c.length) }));
      assert.equal(outcome.output.length, 1_048_576);
      assert.equal(outcome.output, 'x'.repeat(1_048_576));
      assert.equal(outcome.truncated, false);
      assert.equal(streamed, 1_048_576);
    });

    it('keeps the head and the tail of 1 MiB under a small cap and says what was cut', async () => {
      let streamed = 0;
      const outcome = await runner.run(request(oneMiB, { maxOutputChars: 1000, onOutput: (c) => (streamed += c.length) }));
      assert.equal(outcome.output, `${'x'.repeat(500)}\n… 1,047,576 characters cut …\n${'x'.repeat(500)}`);
      assert.equal(outcome.truncated, true);
      assert.equal(outcome.exitCode, 0);
      assert.equal(streamed, 1_048_576, 'onOutput still sees everything');
    });

    it('uses the default cap of 1,000,000 characters', async () => {
      const outcome = await runner.run(request(oneMiB));
      assert.equal(outcome.output, `${'x'.repeat(500_000)}\n… 48,576 characters cut …\n${'x'.repeat(500_000)}`);
      assert.equal(outcome.truncated, true);
    });

    it('moves the cut to line boundaries when lines are short', async () => {
      const outcome = await runner.run(request('seq 1 100000', { maxOutputChars: 1000 }));
      const full = execFileSync('seq', ['1', '100000'], { encoding: 'utf8' });
      const head = full.slice(0, full.lastIndexOf('\n', 499) + 1);
      const tailStart = full.indexOf('\n', full.length - 500 - 1) + 1;
      const tail = full.slice(tailStart);
      const cut = full.length - head.length - tail.length;
      assert.equal(outcome.output, `${head}… ${cut.toLocaleString('en-US')} characters cut …\n${tail}`);
      assert.ok(head.startsWith('1\n2\n3\n') && tail.endsWith('99999\n100000\n'));
    });
  });

  describe('unicode', () => {
    it('keeps multi-byte characters intact when they are split across reads', async () => {
      const chunks: string[] = [];
      // 😀 is F0 9F 98 80, 中 is E4 B8 AD, é is C3 A9: each is written in two pieces with a pause between.
      const script = [
        "printf '\\xf0\\x9f'; sleep 0.2",
        "printf '\\x98\\x80 \\xe4'; sleep 0.2",
        "printf '\\xb8\\xad\\xe6\\x96\\x87 caf\\xc3'; sleep 0.2",
        "printf '\\xa9\\n'",
      ].join('\n');
      const outcome = await runner.run(request(script, { onOutput: (c) => chunks.push(c) }));
      assert.equal(outcome.output, '😀 中文 café\n');
      assert.ok(chunks.length >= 3, `expected several chunks, got ${JSON.stringify(chunks)}`);
      assert.ok(!chunks.some((c) => c.includes('\uFFFD')));
    });

    it('decodes stdout and stderr separately, so a split character survives the other stream writing', async () => {
      const outcome = await runner.run(request("printf '\\xe4'; sleep 0.2; echo err >&2; sleep 0.2; printf '\\xb8\\xad\\n'"));
      assert.equal(outcome.output, 'err\n中\n');
    });

    it('never cuts an emoji in half when capping', () => {
      const buffer = new OutputBuffer(11);
      buffer.append('😀'.repeat(20));
      const { text, truncated } = buffer.result();
      assert.equal(truncated, true);
      assert.equal(text, `😀😀😀\n… 30 characters cut …\n😀😀`);
    });
  });

  describe('environment and working directory', () => {
    it('gives the child exactly the environment passed, never the parent\'s', async () => {
      assert.ok(process.env.PATH, 'precondition: the test runner has a PATH');
      const before = { ...process.env };
      const outcome = await runner.run(request('env', { env: { PATH: '/usr/bin:/bin', RUNBOOK_VAR: 'a b=c', EMPTY: '' } }));
      const seen = new Map(outcome.output.trimEnd().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
      assert.equal(seen.get('RUNBOOK_VAR'), 'a b=c');
      assert.equal(seen.get('EMPTY'), '');
      assert.equal(seen.get('PATH'), '/usr/bin:/bin');
      // Only ours, plus what bash itself exports.
      assert.deepEqual([...seen.keys()].filter((k) => !['PWD', 'SHLVL', '_', 'OLDPWD'].includes(k)).sort(), ['EMPTY', 'PATH', 'RUNBOOK_VAR']);
      for (const inherited of ['HOME', 'USER', 'NODE_OPTIONS', 'MOCHA_COLORS']) assert.equal(seen.has(inherited), false, inherited);
      assert.deepEqual({ ...process.env }, before, 'process.env is untouched');
    });

    it('runs in the working directory given', async () => {
      const sub = path.join(dir, 'sub dir');
      await fs.mkdir(sub, { recursive: true });
      const outcome = await runner.run(request('pwd -P', { cwd: sub }));
      assert.equal(outcome.output, `${await fs.realpath(sub)}\n`);
    });

    it('reports a missing working directory as a failed run with exit code 127, without throwing', async () => {
      const missing = path.join(dir, 'nope');
      const outcome = await runner.run(request('echo should not run', { cwd: missing }));
      assert.deepEqual({ ...outcome, durationMs: 0, output: '' }, {
        exitCode: 127, signal: null, durationMs: 0, timedOut: false, cancelled: false, output: '', truncated: false,
      });
      assert.match(outcome.output, new RegExp(`^the working directory ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be used: ENOENT`));
    });

    it('refuses a relative working directory', async () => {
      const outcome = await runner.run(request('echo should not run', { cwd: 'relative/dir' }));
      assert.equal(outcome.exitCode, 127);
      assert.equal(outcome.output, 'the working directory must be an absolute path, got "relative/dir"\n');
    });

    it('reports a shell that does not exist as a failed run', async () => {
      const outcome = await new NodeShellRunner({ shell: '/no/such/shell' }).run(request('echo hi'));
      assert.equal(outcome.exitCode, 127);
      assert.equal(outcome.output, 'could not start /no/such/shell: spawn /no/such/shell ENOENT\n');
    });

    it('reports a script too long for one argument as a failed run', async () => {
      const outcome = await runner.run(request(`: ${'x'.repeat(300_000)}`));
      assert.equal(outcome.exitCode, 127);
      assert.match(outcome.output, /^could not start \/bin\/bash: spawn E2BIG/);
    });
  });

  describe('stopping the whole process tree', () => {
    // Background sleeps, a nested shell with its own child, and a child that ignores SIGTERM.
    const tree = [
      'echo "pid $$"',
      'sleep 30 & echo "pid $!"',
      "bash -c 'sleep 30 & echo \"pid $!\"; wait' & echo \"pid $!\"",
      "sh -c 'trap \"\" TERM; sleep 30 & echo \"pid $!\"; wait' & echo \"pid $!\"",
      'sleep 0.3; echo ready',
      'sleep 30; wait',
    ].join('\n');

    async function assertAllGone(found: number[]): Promise<void> {
      // The runner resolves only once the group is empty or SIGKILLed; allow the kernel a moment to reap.
      for (let i = 0; i < 40 && found.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(found.filter(alive), [], 'no process of the tree survives');
    }

    it('kills the whole tree on timeout, escalating to SIGKILL after the grace period', async () => {
      const started = Date.now();
      const outcome = await runner.run(request(tree, { timeoutMs: 1500 }));
      const found = pids(outcome.output);
      leftovers.push(...found);
      assert.equal(found.length, 6, outcome.output);
      assert.ok(Date.now() - started < 10_000, 'a 30 s sleep ended early');
      assert.equal(outcome.timedOut, true);
      assert.equal(outcome.cancelled, false);
      assert.equal(outcome.exitCode, null);
      assert.equal(outcome.signal, 'SIGTERM');
      assert.ok(outcome.output.endsWith('ready\n'));
      await assertAllGone(found);
    });

    it('kills the whole tree when the signal aborts mid-run', async () => {
      const controller = new AbortController();
      const started = Date.now();
      const outcome = await runner.run(
        request(tree, { signal: controller.signal, onOutput: (c) => c.includes('ready') && controller.abort() }),
      );
      const found = pids(outcome.output);
      leftovers.push(...found);
      assert.equal(found.length, 6, outcome.output);
      assert.ok(Date.now() - started < 10_000);
      assert.equal(outcome.cancelled, true);
      assert.equal(outcome.timedOut, false);
      assert.equal(outcome.exitCode, null);
      assert.equal(outcome.signal, 'SIGTERM');
      await assertAllGone(found);
    });

    it('runs nothing when the signal is already aborted', async () => {
      const marker = path.join(dir, 'ran');
      const controller = new AbortController();
      controller.abort();
      const outcome = await runner.run(request(`touch '${marker}'`, { signal: controller.signal }));
      assert.deepEqual(outcome, { exitCode: null, signal: null, durationMs: 0, timedOut: false, cancelled: true, output: '', truncated: false });
      await assert.rejects(fs.stat(marker), { code: 'ENOENT' });
    });

    it('stops background processes still holding the output when the script ends', async () => {
      const started = Date.now();
      const outcome = await runner.run(request('sleep 30 & echo "pid $!"; echo done'));
      const found = pids(outcome.output);
      leftovers.push(...found);
      assert.ok(Date.now() - started < 10_000);
      assert.deepEqual({ ...outcome, durationMs: 0 }, {
        exitCode: 0, signal: null, durationMs: 0, timedOut: false, cancelled: false, truncated: false,
        output: `pid ${found[0]}\ndone\n${LEFTOVERS_NOTE}\n`,
      });
      await assertAllGone(found);
    });

    it('stops background processes that released the output too, when the script ends', async () => {
      const outcome = await runner.run(request('sleep 30 >/dev/null 2>&1 & echo "pid $!"'));
      const found = pids(outcome.output);
      leftovers.push(...found);
      assert.equal(outcome.exitCode, 0);
      assert.ok(outcome.output.endsWith(`${LEFTOVERS_NOTE}\n`));
      await assertAllGone(found);
    });

    it('lets the run go on when there is no timeout', async () => {
      const outcome = await runner.run(request('sleep 0.2; echo ok', { timeoutMs: 0 }));
      assert.equal(outcome.output, 'ok\n');
      assert.equal(outcome.timedOut, false);
    });
  });
});
