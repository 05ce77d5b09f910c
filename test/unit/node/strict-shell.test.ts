import assert from 'node:assert/strict';
import type { ShellRequest } from '../../../src/core/ports';
import { parseFailureReports } from '../../../src/node/shell-prelude';
import { NodeShellRunner } from '../../../src/node/shell-runner';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

const PATH = '/usr/local/bin:/usr/bin:/bin';

describe('strict runs: pipefail and stopping at the first failing command', () => {
  let dir: string;
  const runner = new NodeShellRunner({ killGraceMs: 500, sandbox: false });
  const strict = (script: string, extra: Partial<ShellRequest> = {}): ShellRequest => ({
    script,
    cwd: dir,
    env: { PATH },
    timeoutMs: 15_000,
    pipefail: true,
    stopOnError: true,
    ...extra,
  });

  before(async () => {
    dir = await makeTempDir('strict-shell');
  });
  after(() => removeTempDir(dir));

  it('fails a pipeline whose first command fails, naming its statuses and line', async () => {
    const outcome = await runner.run(strict("echo start\ncat missing.txt | awk '{print $1}' | sort\necho not reached"));
    assert.equal(outcome.exitCode, 1);
    assert.equal(outcome.output, 'start\ncat: missing.txt: No such file or directory\n');
    assert.deepEqual(outcome.failure, { exitCode: 1, line: 2, pipeStatus: [1, 0, 0], command: 'sort' });
  });

  it('keeps going after a failure when stopOnError is off, reporting the last failure', async () => {
    const outcome = await runner.run(strict('false\necho went on\ngrep -q x /dev/null', { stopOnError: false }));
    assert.equal(outcome.exitCode, 1);
    assert.equal(outcome.output, 'went on\n');
    assert.deepEqual(outcome.failure, { exitCode: 1, line: 3, pipeStatus: [1], command: 'grep -q x /dev/null' });
  });

  it('does not stop where set -e would not: if tests, && lists, negations', async () => {
    const outcome = await runner.run(strict('if grep -q x /dev/null; then echo yes; fi\nfalse && echo no\n! true\necho reached'));
    assert.equal(outcome.exitCode, 0);
    assert.equal(outcome.output, 'reached\n');
    assert.equal(outcome.failure, undefined);
  });

  it('stops inside functions and subshells too', async () => {
    const outcome = await runner.run(strict('( false; echo in subshell )\necho after'));
    assert.equal(outcome.exitCode, 1);
    assert.equal(outcome.output, '');
    assert.deepEqual(outcome.failure, { exitCode: 1, line: 1, pipeStatus: [1], command: 'false' });
  });

  it('forgives a pipeline whose only failure is SIGPIPE before a reader that succeeded', async () => {
    const outcome = await runner.run(strict('yes | head -n 2\necho after'));
    assert.equal(outcome.exitCode, 0);
    assert.equal(outcome.output, 'y\ny\nafter\n');
  });

  it('forgives it as the last command too', async () => {
    const outcome = await runner.run(strict('yes | head -n 1'));
    assert.deepEqual([outcome.exitCode, outcome.output, outcome.failure], [0, 'y\n', undefined]);
  });

  it('keeps the shell\'s own line numbers in errors', async () => {
    const outcome = await runner.run(strict('echo one\nno-such-command-here'));
    assert.equal(outcome.exitCode, 127);
    assert.equal(outcome.output, 'one\nbash: line 2: no-such-command-here: command not found\n');
    assert.deepEqual(outcome.failure, { exitCode: 127, line: 2, pipeStatus: [127], command: 'no-such-command-here' });
  });

  it('reports nothing for a run that passed, or one not asked to be strict', async () => {
    assert.equal((await runner.run(strict('true | true'))).failure, undefined);
    const lax = await runner.run(strict('false | true', { pipefail: false, stopOnError: false }));
    assert.deepEqual([lax.exitCode, lax.failure], [0, undefined]);
  });

  it('stops at the first failure with /bin/sh, without naming it', async () => {
    const sh = new NodeShellRunner({ shell: '/bin/sh', sandbox: false });
    const outcome = await sh.run(strict('false\necho not reached'));
    assert.equal(outcome.exitCode, 1);
    assert.equal(outcome.output, '');
    assert.equal(outcome.failure, undefined);
  });
});

describe('parseFailureReports', () => {
  it('reads NUL-terminated records and leaves out forgiven and malformed ones', () => {
    const text = '0\t1\t2\t1 0 0\tsort -k2\0' + '1\t141\t3\t141 0\thead\0' + 'garbage\0' + '0\t2\t4\t2\tgrep "a\tb" f\0';
    assert.deepEqual(parseFailureReports(text), [
      { exitCode: 1, line: 2, pipeStatus: [1, 0, 0], command: 'sort -k2' },
      { exitCode: 2, line: 4, pipeStatus: [2], command: 'grep "a\tb" f' },
    ]);
  });
});
