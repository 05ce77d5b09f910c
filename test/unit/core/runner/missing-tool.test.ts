import assert from 'node:assert/strict';
import { describeMissingTool, findMissingTool } from '../../../../src/core/runner/run-failure';
import { failureReason } from '../../../../src/core/runner/run-failure';
import { describeResult } from '../../../../src/core/runner/run-plan';
import type { RunResult } from '../../../../src/core/runner/types';

const result = (over: Partial<RunResult>): RunResult => ({
  exitCode: 1,
  signal: null,
  durationMs: 120,
  timedOut: false,
  cancelled: false,
  truncated: false,
  output: '',
  passed: false,
  ...over,
});

describe('a tool that is not installed', () => {
  it('names the missing tool from bash and dash messages', () => {
    assert.deepEqual(findMissingTool('bash: line 1: oc: command not found\n', 127), { tool: 'oc', notExecutable: false });
    assert.deepEqual(findMissingTool('/bin/sh: 1: kubectl: not found\n', 127), { tool: 'kubectl', notExecutable: false });
    assert.deepEqual(findMissingTool('bash: line 2: ./scripts/check.sh: Permission denied\n', 126), { tool: './scripts/check.sh', notExecutable: true });
  });

  it('falls back to the first word of the failed command, after variable assignments', () => {
    assert.deepEqual(findMissingTool('', 127, { text: 'KUBECONFIG=x oc get nodes', exitCode: 127, line: 1 }), { tool: 'oc', notExecutable: false });
  });

  it('says nothing for a check that ran and failed', () => {
    assert.equal(findMissingTool('error: the server does not have resource type "nodez"\n', 1), undefined);
    assert.equal(findMissingTool('oc: command not found', 0), undefined);
  });

  it('shows "tool missing" instead of a failed check, in the result line and the failure reason', () => {
    const missing = result({ exitCode: 127, output: 'bash: line 1: oc: command not found\n', failedCommand: { text: 'oc get nodes', exitCode: 127, line: 1 } });
    assert.equal(describeResult(missing), '✗ tool missing: `oc` is not on PATH (exit 127, 0.1 s)');
    assert.equal(failureReason(missing), 'tool missing: `oc` is not on PATH');
    assert.equal(describeMissingTool({ tool: 'x.sh', notExecutable: true }), 'tool not executable: `x.sh` cannot be run (permission denied)');
  });

  it('names the pipeline member that was missing', () => {
    const piped = result({
      exitCode: 127,
      output: 'bash: line 1: yq: command not found\n',
      failedCommand: { text: 'yq .spec', exitCode: 127, line: 1, pipeline: { index: 2, of: 2 } },
    });
    assert.equal(describeResult(piped), '✗ tool missing: `yq` is not on PATH (exit 127, 0.1 s)');
  });
});
