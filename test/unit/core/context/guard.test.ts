import assert from 'node:assert/strict';
import { declaredTarget, isProduction } from '../../../../src/core/context/declared-target';
import { checkTargets, confirmationName, describeWhere, matchesDeclared, overrideName } from '../../../../src/core/context/guard';
import type { CommandTarget } from '../../../../src/core/context/types';

const kube = (context: string, namespace = 'default'): CommandTarget => ({
  command: 'kubectl get pods',
  tool: 'kubectl',
  values: { 'kube-context': { value: context, from: 'current-context of /k' }, namespace: { value: namespace, from: '--namespace' } },
});

describe('declaredTarget', () => {
  it('reads the runbook\'s front matter and lets a block attribute beat it key by key', () => {
    const target = declaredTarget({ 'kube-context': 'prod-eu-*', namespace: 'payments', environment: 'Production' }, { 'kube-context': 'prod-eu-1' });
    assert.deepEqual(target, {
      values: { 'kube-context': { pattern: 'prod-eu-1', from: 'block' }, namespace: { pattern: 'payments', from: 'runbook' } },
      environment: 'production',
      problems: [],
    });
    assert.equal(isProduction(target), true);
  });

  it('keeps the leading zero of an AWS account YAML read as a number, and reports a value of the wrong shape', () => {
    const target = declaredTarget({ 'aws-account': 12345678901, 'aws-profile': ['a', 'b'] }, {});
    assert.deepEqual(target.values, { 'aws-account': { pattern: '012345678901', from: 'runbook' } });
    assert.deepEqual(target.problems, ['front matter `aws-profile` should be a name or a glob; it was ignored']);
  });
});

describe('checkTargets', () => {
  it('refuses a command whose context does not match the glob, naming both', () => {
    const issues = checkTargets(declaredTarget({ 'kube-context': 'prod-eu-*' }, {}), [kube('staging-us')]);
    assert.deepEqual(issues.map((i) => i.message), ['this runbook targets kube context `prod-eu-*`, `kubectl get pods` would run in `staging-us` (current-context of /k).']);
    assert.equal(overrideName(issues), 'staging-us');
  });

  it('passes matching commands and ignores dimensions no command acts in', () => {
    const declared = declaredTarget({ 'kube-context': 'prod-eu-*', 'aws-profile': 'prod' }, { namespace: 'pay*' });
    assert.deepEqual(checkTargets(declared, [kube('prod-eu-1', 'payments')]), []);
  });

  it('counts an unknown value as a mismatch, and asks for the declared name to override it', () => {
    const unknown: CommandTarget = { command: 'kubectl get pods', tool: 'kubectl', values: { 'kube-context': { unknown: 'no kubeconfig' } } };
    const issues = checkTargets(declaredTarget({}, { 'kube-context': 'prod-eu-1' }), [unknown]);
    assert.deepEqual(issues.map((i) => i.message), ['this block targets kube context `prod-eu-1`, but the kube context `kubectl get pods` would use is unknown: no kubeconfig. Unknown counts as a mismatch.']);
    assert.equal(overrideName(issues), 'prod-eu-1');
  });

  it('lets `*` in a context glob match `/` and `:` (EKS ARNs), and only a declared `*` allow all namespaces', () => {
    assert.equal(matchesDeclared('kube-context', 'arn:aws:eks:*:cluster/prod-*', { value: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod-eu' }), true);
    assert.equal(matchesDeclared('namespace', 'pay*', { value: '*' }), false);
    assert.equal(matchesDeclared('namespace', '*', { value: '*' }), true);
  });

  it('matches an Azure subscription by name or id, the id without case', () => {
    assert.equal(matchesDeclared('azure-subscription', '1111-bbbb', { value: 'Production', also: ['1111-BBBB'] }), true);
    assert.equal(matchesDeclared('azure-subscription', 'Staging', { value: 'Production', also: ['1111-BBBB'] }), false);
  });
});

describe('describeWhere and confirmationName', () => {
  it('says context/namespace for kube and profile (account) for aws, once per place', () => {
    const aws: CommandTarget = { command: 'aws s3 ls', tool: 'aws', values: { 'aws-profile': { value: 'ops', from: 'AWS_PROFILE' }, 'aws-account': { value: '123456789012', from: 'x' } } };
    assert.equal(describeWhere([kube('prod-eu-1', 'payments'), kube('prod-eu-1', 'payments'), aws]), 'prod-eu-1/payments, aws:ops (123456789012)');
    assert.equal(describeWhere([]), undefined);
  });

  it('asks to type the first known context, else the environment label', () => {
    assert.equal(confirmationName(declaredTarget({ environment: 'production' }, {}), [kube('prod-eu-1')]), 'prod-eu-1');
    assert.equal(confirmationName(declaredTarget({ environment: 'production' }, {}), []), 'production');
  });
});
