import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import type { ShellOutcome, ShellRequest, ShellRunner } from '../../../../src/core/ports';
import { runnableBlocks } from '../../../../src/core/runner/runnable-blocks';
import {
  DEFAULT_TIMEOUT_SECONDS,
  exitStatus,
  inputsToAsk,
  prepareRun,
  runBlock,
  type ConfirmRequest,
  type RunPrompts,
} from '../../../../src/core/runner/run-block';
import type { BlockInput, RunResult } from '../../../../src/core/runner/types';

/** A ShellRunner that records requests and answers with a canned outcome. */
class FakeRunner implements ShellRunner {
  requests: ShellRequest[] = [];
  constructor(private readonly answer: Partial<ShellOutcome> = {}) {}
  async run(request: ShellRequest): Promise<ShellOutcome> {
    this.requests.push(request);
    return { exitCode: 0, signal: null, durationMs: 40, timedOut: false, cancelled: false, truncated: false, output: 'ok\n', ...this.answer };
  }
}

/** Prompts that answer from a table and record what they were asked. */
class FakePrompts implements RunPrompts {
  askedInputs: string[][] = [];
  confirmations: ConfirmRequest[] = [];
  constructor(
    private readonly answers: Record<string, string> | undefined,
    private readonly approve: boolean,
  ) {}
  async inputs(_block: unknown, inputs: BlockInput[]) {
    this.askedInputs.push(inputs.map((i) => i.name));
    return this.answers;
  }
  async confirm(request: ConfirmRequest) {
    this.confirmations.push(request);
    return this.approve;
  }
}

const doc = parseDoc(
  'runbooks/db/pool.md',
  [
    '# Pool',
    '',
    '## Diagnosis',
    '',
    '```sh {name=pods}',
    'kubectl -n <namespace> get pods -l app=$APP',
    '```',
    '',
    '```sh {name=restart kind=change cwd=..}',
    'kubectl -n <namespace> rollout restart deploy/$APP',
    '```',
    '',
    '```sh {name=escape cwd=../../..}',
    'ls',
    '```',
    '',
    '```sh {name=quick timeout=5 confirm}',
    'echo "${REGION:-eu}"',
    '```',
    '',
  ].join('\n'),
);
const [pods, restart, escape, quick] = runnableBlocks(doc);
const context = async (env: Record<string, string>) => [`kube context: ${env.KUBE_CTX ?? 'none'}`];

describe('runBlock', () => {
  it('asks only for inputs that were neither given nor set in the environment', () => {
    assert.deepEqual(inputsToAsk(pods!, {}, { APP: 'orders' }).map((i) => i.name), ['namespace']);
    assert.deepEqual(inputsToAsk(pods!, { namespace: 'pay' }, { APP: 'orders' }).map((i) => i.name), []);
    assert.deepEqual(inputsToAsk(pods!, {}, {}).map((i) => i.name), ['namespace', 'APP']);
  });

  it('runs a check without confirmation, with the asked values, the 120 s default and the record of the run', async () => {
    const runner = new FakeRunner();
    const prompts = new FakePrompts({ namespace: 'pay ments' }, false);
    const record = await runBlock(runner, { doc, block: pods!, env: { APP: 'orders', PATH: '/bin' } }, { prompts, describeContext: context }, { workspaceRoot: '/ws' });
    assert.deepEqual(prompts.askedInputs, [['namespace']]);
    assert.deepEqual(prompts.confirmations, []);
    assert.equal(runner.requests.length, 1);
    const request = runner.requests[0]!;
    assert.equal(request.script, "kubectl -n 'pay ments' get pods -l app=$APP");
    assert.equal(request.cwd, '/ws/runbooks/db');
    assert.deepEqual(request.env, { APP: 'orders', PATH: '/bin' });
    assert.equal(request.timeoutMs, DEFAULT_TIMEOUT_SECONDS * 1000);
    assert.equal(DEFAULT_TIMEOUT_SECONDS, 120);
    assert.ok(!('status' in record));
    assert.deepEqual({ ...record, finishedAt: undefined }, {
      docPath: 'runbooks/db/pool.md',
      blockIndex: 0,
      blockName: 'pods',
      kind: 'check',
      line: 5,
      command: "kubectl -n 'pay ments' get pods -l app=orders",
      cwd: 'runbooks/db',
      result: { exitCode: 0, signal: null, durationMs: 40, timedOut: false, cancelled: false, truncated: false, output: 'ok\n', passed: true },
      finishedAt: undefined,
    });
  });

  it('shows a state-changing block with its resolved command, folder and context, and runs nothing when declined', async () => {
    const runner = new FakeRunner();
    const prompts = new FakePrompts({ namespace: 'orders' }, false);
    const outcome = await runBlock(runner, { doc, block: restart!, env: { APP: 'worker', KUBE_CTX: 'prod' } }, { prompts, describeContext: context }, { workspaceRoot: '/ws' });
    assert.deepEqual(outcome, { status: 'declined' });
    assert.equal(runner.requests.length, 0);
    assert.equal(prompts.confirmations.length, 1);
    const { block, ...shown } = prompts.confirmations[0]!;
    assert.equal(block, restart);
    assert.deepEqual(shown, {
      title: 'Run "restart"? It changes state.',
      command: 'kubectl -n orders rollout restart deploy/worker',
      cwd: 'runbooks',
      context: ['kube context: prod'],
      reason: 'marked `kind=change`',
    });
  });

  it('runs a state-changing block approved up front without asking', async () => {
    const runner = new FakeRunner();
    const prompts = new FakePrompts({}, false);
    const record = await runBlock(runner, { doc, block: restart!, env: { APP: 'worker' }, values: { namespace: 'orders' }, approved: true }, { prompts }, { workspaceRoot: '/ws' });
    assert.ok(!('status' in record));
    assert.equal(record.command, 'kubectl -n orders rollout restart deploy/worker');
    assert.deepEqual(prompts.askedInputs, []);
    assert.deepEqual(prompts.confirmations, []);
  });

  it('asks to confirm a check marked confirm, with the plain title and its own timeout; a default needs no answer', async () => {
    const runner = new FakeRunner();
    const prompts = new FakePrompts({}, true);
    const record = await runBlock(runner, { doc, block: quick!, env: {} }, { prompts }, { workspaceRoot: '/ws' });
    assert.ok(!('status' in record));
    assert.equal(prompts.confirmations[0]!.title, 'Run "quick"?');
    assert.deepEqual(prompts.confirmations[0]!.context, []);
    assert.equal(runner.requests[0]!.timeoutMs, 5000);
  });

  it('stops when the person cancels an input, before planning or confirming', async () => {
    const runner = new FakeRunner();
    const prompts = new FakePrompts(undefined, true);
    assert.deepEqual(await runBlock(runner, { doc, block: restart!, env: {} }, { prompts }, { workspaceRoot: '/ws' }), { status: 'cancelled' });
    assert.deepEqual(prompts.confirmations, []);
    assert.equal(runner.requests.length, 0);
  });

  it('refuses a block whose cwd leaves the workspace, with the reason, and never asks to confirm it', async () => {
    const prompts = new FakePrompts({}, true);
    const prepared = await prepareRun({ doc, block: escape!, env: {} }, { prompts });
    assert.deepEqual(prepared, {
      status: 'invalid',
      message: "The block's `cwd=../../..` leaves the workspace; give a folder inside it, relative to the runbook.",
    });
    assert.deepEqual(prompts.confirmations, []);
  });

  it('uses the configured default timeout when the block has none', async () => {
    const prepared = await prepareRun({ doc, block: pods!, env: { APP: 'a' }, values: { namespace: 'n' }, defaultTimeoutSeconds: 7 }, { prompts: new FakePrompts({}, true) });
    assert.equal(prepared.status === 'ready' && prepared.plan.timeoutMs, 7000);
  });

  it('maps a result to the exit status a shell would give', () => {
    const result = (r: Partial<RunResult>): RunResult => ({ exitCode: 0, signal: null, durationMs: 1, timedOut: false, cancelled: false, truncated: false, output: '', passed: false, ...r });
    assert.equal(exitStatus(result({ passed: true })), 0);
    assert.equal(exitStatus(result({ timedOut: true, exitCode: null })), 124);
    assert.equal(exitStatus(result({ exitCode: 3 })), 3);
    assert.equal(exitStatus(result({ exitCode: 0 })), 1);
    assert.equal(exitStatus(result({ exitCode: null, signal: 'SIGKILL' })), 1);
  });
});
