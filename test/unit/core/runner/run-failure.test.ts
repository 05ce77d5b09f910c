import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import type { ShellOutcome, ShellRequest, ShellRunner } from '../../../../src/core/ports';
import { describeFailedCommand, findWriteAttempt, nameFailedCommand, splitPipeline } from '../../../../src/core/runner/run-failure';
import { describeResult, executePlan, planRun } from '../../../../src/core/runner/run-plan';
import { runnableBlocks } from '../../../../src/core/runner/runnable-blocks';

class FakeRunner implements ShellRunner {
  requests: ShellRequest[] = [];
  constructor(private readonly answer: Partial<ShellOutcome>) {}
  async run(request: ShellRequest): Promise<ShellOutcome> {
    this.requests.push(request);
    return { exitCode: 0, signal: null, durationMs: 300, timedOut: false, cancelled: false, truncated: false, output: '', ...this.answer };
  }
}

const doc = parseDoc(
  'runbooks/app.md',
  [
    '# App',
    '',
    '```sh {name=top}',
    'echo start',
    "cat missing.txt | awk '{print $1}' | sort",
    '```',
    '',
    '```sh {name=loose keep-going}',
    'false',
    'echo done',
    '```',
    '',
    '```sh {name=restart kind=change}',
    'systemctl restart app',
    '```',
    '',
    '```sh {name=login}',
    'curl -su admin:<password> https://example.test/health | jq .status',
    '```',
    '',
  ].join('\n'),
);
const blocks = runnableBlocks(doc);
function plan(index: number, values: Record<string, string> = {}) {
  const planned = planRun(doc, blocks[index]!, values, {}, { defaultTimeoutSeconds: 120 });
  if ('error' in planned) throw new Error(planned.error);
  return planned;
}

describe('naming the command that failed', () => {
  it('splits a one-line pipeline at top-level pipes only', () => {
    assert.deepEqual(splitPipeline("cat missing.txt | awk '{print $1 \"|\" $2}' | sort -u"), ['cat missing.txt', "awk '{print $1 \"|\" $2}'", 'sort -u']);
    assert.deepEqual(splitPipeline('kubectl get pods 2>&1 |& grep -c Running # count'), ['kubectl get pods 2>&1', 'grep -c Running']);
    assert.deepEqual(splitPipeline('echo $(date | cut -c1-3) | wc -c'), ['echo $(date | cut -c1-3)', 'wc -c']);
    assert.equal(splitPipeline('a || b'), undefined);
    assert.equal(splitPipeline('a | b; c'), undefined);
    assert.equal(splitPipeline("echo 'open"), undefined);
  });

  it('names the first command of the pipeline that failed, from the script line', () => {
    const named = nameFailedCommand("echo start\ncat missing.txt | awk '{print $1}' | sort", { exitCode: 1, line: 2, pipeStatus: [1, 0, 0], command: 'sort' });
    assert.deepEqual(named, { text: 'cat missing.txt', exitCode: 1, line: 2, pipeline: { index: 1, of: 3 } });
    assert.equal(describeFailedCommand(named), '`cat missing.txt` failed (exit 1) on line 2, the first of 3 commands in its pipeline');
  });

  it('passes over SIGPIPE in front of the command that really failed', () => {
    const named = nameFailedCommand('yes | head -n 1 | grep -q n', { exitCode: 1, line: 1, pipeStatus: [141, 0, 1], command: 'grep -q n' });
    assert.deepEqual(named, { text: 'grep -q n', exitCode: 1, line: 1, pipeline: { index: 3, of: 3 } });
  });

  it("falls back to the shell's command when the line is not one pipeline", () => {
    const named = nameFailedCommand('test -f a && grep -q x a', { exitCode: 1, line: 1, pipeStatus: [1], command: 'grep -q x a' });
    assert.deepEqual(named, { text: 'grep -q x a', exitCode: 1, line: 1 });
  });
});

describe('finding a write the sandbox refused', () => {
  const cases: Array<[string, string | undefined]> = [
    ["touch: cannot touch '/etc/x': Read-only file system", '/etc/x'],
    ['bash: line 1: /srv/app/config.yml: Read-only file system', '/srv/app/config.yml'],
    ['bash: line 3: out.txt: Read-only file system', 'out.txt'],
    ['sed: couldn\'t open temporary file /etc/nginx/sedQ2YXbf: Read-only file system', '/etc/nginx/'],
    ['error: could not lock config file /root/.gitconfig: Read-only file system', '/root/.gitconfig'],
    ['mkdir: cannot create directory ‘backup’: Read-only file system', 'backup'],
  ];
  for (const [line, path] of cases) {
    it(`reads ${JSON.stringify(path)} from ${JSON.stringify(line.slice(0, 40))}`, () => {
      assert.deepEqual(findWriteAttempt(`before\n${line}\nafter\n`), { path });
    });
  }

  it('finds nothing in output without the error', () => {
    assert.equal(findWriteAttempt('Filesystem  Size Used\n/dev/sda1 20G 3G\n'), undefined);
  });
});

describe('executePlan: strict runs and the sandbox', () => {
  it('asks for pipefail, stopping on errors, and a read-only run for checks', async () => {
    const runner = new FakeRunner({});
    await executePlan(runner, plan(0), { workspaceRoot: '/ws', baseEnv: {} });
    await executePlan(runner, plan(1), { workspaceRoot: '/ws', baseEnv: {} });
    await executePlan(runner, plan(2), { workspaceRoot: '/ws', baseEnv: {} });
    assert.deepEqual(
      runner.requests.map((r) => [r.pipefail, r.stopOnError, r.readOnly]),
      [
        [true, true, true],
        [true, false, true],
        [true, true, false],
      ],
    );
  });

  it('fails a pipeline whose first command failed and names it', async () => {
    const runner = new FakeRunner({ exitCode: 1, output: 'start\ncat: missing.txt: No such file or directory\n', failure: { exitCode: 1, line: 2, pipeStatus: [1, 0, 0], command: 'sort' } });
    const result = await executePlan(runner, plan(0), { workspaceRoot: '/ws', baseEnv: {} });
    assert.equal(result.passed, false);
    assert.equal('failure' in result, false);
    assert.deepEqual(result.failedCommand, { text: 'cat missing.txt', exitCode: 1, line: 2, pipeline: { index: 1, of: 3 } });
    assert.equal(describeResult(result), '✗ failed (exit 1, 0.3 s): `cat missing.txt` failed (exit 1) on line 2, the first of 3 commands in its pipeline');
  });

  it('names the failing command with secret inputs masked', async () => {
    const runner = new FakeRunner({ exitCode: 7, failure: { exitCode: 7, line: 1, pipeStatus: [7, 0], command: 'jq .status' } });
    const result = await executePlan(runner, plan(3, { password: 'hunter2-Secret' }), { workspaceRoot: '/ws', baseEnv: {} });
    assert.equal(result.failedCommand?.text, 'curl -su admin:•••• https://example.test/health');
    assert.ok(!JSON.stringify(result).includes('hunter2-Secret'));
  });

  it('fails a sandboxed check that tried to write, even when it exited 0, and says it is a change', async () => {
    const runner = new FakeRunner({ exitCode: 0, output: "touch: cannot touch '/etc/x': Read-only file system\n", sandbox: { active: true } });
    const result = await executePlan(runner, plan(0), { workspaceRoot: '/ws', baseEnv: {} });
    assert.equal(result.passed, false);
    assert.deepEqual(result.writeAttempt, { path: '/etc/x' });
    assert.equal(describeResult(result), '✗ failed (exit 0, 0.3 s): this check tried to write `/etc/x`: it is a change — mark it `kind=change`');
  });

  it('does not read the error as a refused write when no sandbox ran', async () => {
    const runner = new FakeRunner({ exitCode: 0, output: 'kernel: EXT4-fs: Read-only file system\n', sandbox: { active: false, reason: 'bubblewrap (bwrap) is not installed' } });
    const result = await executePlan(runner, plan(0), { workspaceRoot: '/ws', baseEnv: {} });
    assert.equal(result.passed, true);
    assert.equal(result.writeAttempt, undefined);
  });
});
