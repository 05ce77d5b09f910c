import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import type { ShellOutcome, ShellRequest, ShellRunner } from '../../../../src/core/ports';
import { runnableBlocks } from '../../../../src/core/runner/runnable-blocks';
import { describeResult, executePlan, planRun } from '../../../../src/core/runner/run-plan';

/** A ShellRunner that records requests and answers with canned output, streamed in given chunks. */
class FakeRunner implements ShellRunner {
  requests: ShellRequest[] = [];
  constructor(private readonly answer: Partial<ShellOutcome> & { chunks?: string[] }) {}
  async run(request: ShellRequest): Promise<ShellOutcome> {
    this.requests.push(request);
    const chunks = this.answer.chunks ?? [];
    for (const chunk of chunks) request.onOutput?.(chunk);
    return {
      exitCode: 0, signal: null, durationMs: 1200, timedOut: false, cancelled: false, truncated: false,
      output: chunks.join(''),
      ...this.answer,
    };
  }
}

const doc = parseDoc(
  'runbooks/db/pool.md',
  [
    '# Pool',
    '',
    '## Diagnosis',
    '',
    '```sh {name=pods cwd=../.. timeout=5}',
    'kubectl -n <namespace> get pods -l app=$APP',
    '```',
    '',
    '```sh {name=escape cwd=../../..}',
    'ls',
    '```',
    '',
    '```sh {name=ready expect="/ready/"}',
    'echo ready',
    '```',
    '',
  ].join('\n'),
);
const blocks = runnableBlocks(doc);

describe('planRun', () => {
  it('resolves the cwd against the doc, quotes placeholders and takes $VARs from values or the environment', () => {
    const plan = planRun(doc, blocks[0]!, { namespace: 'pay ments' }, { APP: 'orders', HOME: '/root' }, { defaultTimeoutSeconds: 120 });
    assert.ok(!('error' in plan));
    assert.equal(plan.cwd, '.');
    assert.equal(plan.script, "kubectl -n 'pay ments' get pods -l app=$APP");
    assert.deepEqual(plan.inputEnv, { APP: 'orders' });
    assert.equal(plan.timeoutMs, 5000);
    assert.match(plan.display, /kubectl -n 'pay ments' get pods -l app=/);
    assert.match(plan.display, /orders/);
  });

  it('refuses a cwd that leaves the workspace', () => {
    const plan = planRun(doc, blocks[1]!, {}, {}, { defaultTimeoutSeconds: 120 });
    assert.ok('error' in plan);
    assert.equal(plan.error, "The block's `cwd=../../..` leaves the workspace; give a folder inside it, relative to the runbook.");
  });

  it('names an input that has no value', () => {
    const plan = planRun(doc, blocks[0]!, {}, {}, { defaultTimeoutSeconds: 120 });
    assert.ok('error' in plan);
    assert.match(plan.error, /namespace/);
  });

  it('uses the default timeout when the block has none', () => {
    const plan = planRun(doc, blocks[2]!, {}, {}, { defaultTimeoutSeconds: 7 });
    assert.ok(!('error' in plan));
    assert.equal(plan.timeoutMs, 7000);
  });
});

describe('executePlan', () => {
  const plan = planRun(doc, blocks[0]!, { namespace: 'payments' }, { APP: 'orders' }, { defaultTimeoutSeconds: 120 });
  if ('error' in plan) throw new Error(plan.error);

  it('passes an explicit environment and the absolute cwd, and redacts the live stream line by line and the result', async () => {
    const runner = new FakeRunner({ chunks: ['token=abc', 'def123\nok\n', 'Authorization: Bearer eyJhbGciOiJI.eyJzdWIiOiIx.c2lnbmF0dXJl\n'] });
    const live: string[] = [];
    const result = await executePlan(runner, plan, { workspaceRoot: '/ws', baseEnv: { PATH: '/usr/bin' }, onOutput: (t) => live.push(t) });
    assert.deepEqual(runner.requests[0]!.env, { PATH: '/usr/bin', APP: 'orders' });
    assert.equal(runner.requests[0]!.cwd, '/ws');
    assert.match(live.join(''), /^token=\[REDACTED:[a-z-]+\]\nok\nAuthorization: Bearer \[REDACTED:[a-z-]+\]\n$/);
    assert.ok(!live.join('').includes('abcdef123'));
    assert.ok(!result.output.includes('abcdef123'));
    assert.ok(!result.output.includes('eyJhbGciOiJI'));
    assert.equal(result.passed, true);
  });

  it('fails on a non-zero exit, a timeout and a cancel, whatever the output', async () => {
    for (const [answer, text] of [
      [{ exitCode: 3 }, '✗ failed (exit 3, 1.2 s)'],
      [{ exitCode: null, signal: 'SIGTERM', timedOut: true }, '✗ timed out after 1.2 s'],
      [{ exitCode: null, signal: 'SIGTERM', cancelled: true }, '■ cancelled after 1.2 s'],
    ] as const) {
      const result = await executePlan(new FakeRunner(answer), plan, { workspaceRoot: '/ws', baseEnv: {} });
      assert.equal(result.passed, false);
      assert.equal(describeResult(result), text);
    }
  });

  it('judges by the expect attribute: output must match', async () => {
    const ready = planRun(doc, blocks[2]!, {}, {}, { defaultTimeoutSeconds: 120 });
    if ('error' in ready) throw new Error(ready.error);
    assert.equal((await executePlan(new FakeRunner({ chunks: ['all ready\n'] }), ready, { workspaceRoot: '/ws', baseEnv: {} })).passed, true);
    assert.equal((await executePlan(new FakeRunner({ chunks: ['starting\n'] }), ready, { workspaceRoot: '/ws', baseEnv: {} })).passed, false);
  });
});
