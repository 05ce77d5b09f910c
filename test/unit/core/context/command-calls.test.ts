import assert from 'node:assert/strict';
import { expandWord, toolCalls } from '../../../../src/core/context/command-calls';

describe('toolCalls', () => {
  it('lists kubectl, helm, aws, gcloud and az calls in order and skips other commands', () => {
    const calls = toolCalls('echo hi\nkubectl get pods | grep web\nhelm list\naws s3 ls\ngcloud compute instances list && az vm list', {});
    assert.deepEqual(calls.map((c) => [c.tool, c.args.join(' ')]), [
      ['kubectl', 'get pods'],
      ['helm', 'list'],
      ['aws', 's3 ls'],
      ['gcloud', 'compute instances list'],
      ['az', 'vm list'],
    ]);
  });

  it('gives each call the environment of the run, the exports before it and its own assignments', () => {
    const calls = toolCalls('export KUBECONFIG=/k/b\nAWS_PROFILE=ops aws sts get-caller-identity\nkubectl get ns', { KUBECONFIG: '/k/a', HOME: '/h' });
    assert.equal(calls[0]!.env.AWS_PROFILE, 'ops');
    assert.equal(calls[0]!.env.KUBECONFIG, '/k/b');
    assert.equal(calls[1]!.env.AWS_PROFILE, undefined);
    assert.equal(calls[1]!.env.KUBECONFIG, '/k/b');
  });

  it('sees through env, sudo, timeout and if, and marks sudo calls as having an unknown environment', () => {
    const calls = toolCalls('if env KUBECONFIG=/x kubectl get ns; then timeout 5 helm list; fi\nsudo -E kubectl get nodes', {});
    assert.deepEqual(calls.map((c) => c.tool), ['kubectl', 'helm', 'kubectl']);
    assert.equal(calls[0]!.env.KUBECONFIG, '/x');
    assert.equal(calls[2]!.envUnknown, '`sudo` runs it with another user\'s environment');
  });

  it('carries a context switched earlier in the block to the calls after it', () => {
    const calls = toolCalls('kubectl get ns\nkubectl config use-context prod-eu-1\nkubens payments\nkubectl get pods', {});
    assert.equal(calls.length, 2);
    assert.equal(calls[0]!.useContext, undefined);
    assert.equal(calls[1]!.useContext, 'prod-eu-1');
    assert.equal(calls[1]!.useNamespace, 'payments');
  });

  it('expands plain variables in arguments from the environment', () => {
    const [call] = toolCalls('kubectl --context "$CTX" -n ${NS:-web} get pods', { CTX: 'prod-eu-1' });
    assert.deepEqual(call!.args, ['--context', 'prod-eu-1', '-n', 'web', 'get', 'pods']);
  });
});

describe('expandWord', () => {
  it('is undefined for a variable the environment lacks and for a command substitution', () => {
    assert.equal(expandWord('$CTX', {}), undefined);
    assert.equal(expandWord('RUNBOOKS_SUBSTITUTION', {}), undefined);
    assert.equal(expandWord('a-${X}-b', { X: 'x' }), 'a-x-b');
  });
});
