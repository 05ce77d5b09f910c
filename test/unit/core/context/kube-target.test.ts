import assert from 'node:assert/strict';
import { toolCalls } from '../../../../src/core/context/command-calls';
import { resolveKubeTarget } from '../../../../src/core/context/kube-target';
import { kubeconfig, MemoryConfigFiles } from '../../fakes/memory-config-files';

const HOME = '/home/ops';
const DEFAULT = '/home/ops/.kube/config';

function files(): MemoryConfigFiles {
  const f = new MemoryConfigFiles();
  f.yamlFiles.set(DEFAULT, kubeconfig('staging-us', { 'staging-us': 'web', 'prod-eu-1': 'payments', 'prod-eu-2': undefined }));
  f.yamlFiles.set('/k/prod', kubeconfig('prod-eu-1', { 'prod-eu-1': 'checkout' }));
  f.yamlFiles.set('/k/empty', kubeconfig(undefined, { other: undefined }));
  return f;
}

async function resolve(script: string, env: Record<string, string> = { HOME }, f = files()) {
  const [call] = toolCalls(script, env);
  return resolveKubeTarget(call!, f);
}

describe('resolveKubeTarget', () => {
  it('uses the current-context of ~/.kube/config and its namespace when nothing else is said', async () => {
    assert.deepEqual(await resolve('kubectl get pods'), {
      context: { value: 'staging-us', from: 'current-context of /home/ops/.kube/config' },
      namespace: { value: 'web', from: 'the namespace of context staging-us' },
    });
  });

  it('lets --context beat the current context, and takes that context\'s namespace', async () => {
    assert.deepEqual(await resolve('kubectl --context=prod-eu-1 get pods'), {
      context: { value: 'prod-eu-1', from: '--context' },
      namespace: { value: 'payments', from: 'the namespace of context prod-eu-1' },
    });
  });

  it('lets -n and --namespace beat the context\'s namespace, in all their spellings', async () => {
    for (const script of ['kubectl get pods -n api', 'kubectl -napi get pods', 'kubectl --namespace api get pods', 'kubectl get pods --namespace=api']) {
      assert.deepEqual((await resolve(script)).namespace, { value: 'api', from: '--namespace' }, script);
    }
  });

  it('says `default` for a context without a namespace and `*` for --all-namespaces', async () => {
    assert.deepEqual((await resolve('kubectl --context prod-eu-2 get pods')).namespace, { value: 'default', from: 'no namespace set in the context' });
    assert.deepEqual((await resolve('kubectl get pods -A')).namespace, { value: '*', from: '--all-namespaces' });
  });

  it('lets --kubeconfig beat KUBECONFIG, and KUBECONFIG beat ~/.kube/config', async () => {
    assert.deepEqual((await resolve('kubectl --kubeconfig /k/prod get pods', { HOME, KUBECONFIG: DEFAULT })).context, { value: 'prod-eu-1', from: 'current-context of /k/prod' });
    assert.deepEqual((await resolve('kubectl get pods', { HOME, KUBECONFIG: '/k/prod' })).context, { value: 'prod-eu-1', from: 'current-context of /k/prod' });
  });

  it('merges a KUBECONFIG list: the first file that sets a current-context wins', async () => {
    const target = await resolve('kubectl get pods', { HOME, KUBECONFIG: `/k/missing:/k/empty:/k/prod:${DEFAULT}` });
    assert.deepEqual(target.context, { value: 'prod-eu-1', from: `current-context of /k/missing:/k/empty:/k/prod:${DEFAULT}` });
    assert.deepEqual(target.namespace, { value: 'checkout', from: 'the namespace of context prod-eu-1' });
  });

  it('reads helm\'s --kube-context, HELM_KUBECONTEXT and HELM_NAMESPACE', async () => {
    assert.deepEqual((await resolve('helm --kube-context prod-eu-1 list')).context, { value: 'prod-eu-1', from: '--kube-context' });
    const target = await resolve('helm list', { HOME, HELM_KUBECONTEXT: 'prod-eu-2', HELM_NAMESPACE: 'jobs' });
    assert.deepEqual(target, { context: { value: 'prod-eu-2', from: 'HELM_KUBECONTEXT' }, namespace: { value: 'jobs', from: 'HELM_NAMESPACE' } });
  });

  it('follows a use-context earlier in the block', async () => {
    const target = await resolve('kubectl config use-context prod-eu-1 && kubectl get pods');
    assert.deepEqual(target, {
      context: { value: 'prod-eu-1', from: 'the context switched to earlier in the block' },
      namespace: { value: 'payments', from: 'the namespace of context prod-eu-1' },
    });
  });

  it('is unknown when there is no kubeconfig, no current context, an unresolved flag, or sudo', async () => {
    assert.deepEqual((await resolve('kubectl get pods', { HOME: '/nobody' })).context, { unknown: '/nobody/.kube/config sets no current-context (or does not exist)' });
    assert.deepEqual((await resolve('kubectl get pods', { HOME, KUBECONFIG: '/k/empty' })).context, { unknown: '/k/empty sets no current-context (or does not exist)' });
    assert.deepEqual((await resolve('kubectl --context $CTX get pods')).context, { unknown: '`--context $CTX` cannot be resolved' });
    assert.deepEqual((await resolve('kubectl get pods', {})).context, { unknown: 'neither KUBECONFIG nor HOME is set' });
    assert.deepEqual((await resolve('sudo kubectl get pods')).context, { unknown: '`sudo` runs it with another user\'s environment' });
  });

  it('is unknown when the kubeconfig does not parse, and names the file', async () => {
    const f = files();
    f.invalid.set(DEFAULT, 'not YAML');
    assert.deepEqual((await resolve('kubectl get pods', { HOME }, f)).context, { unknown: 'the kubeconfig cannot be read (/home/ops/.kube/config: not YAML)' });
  });

  it('ignores flags after `--` (they belong to the command run in the pod)', async () => {
    assert.deepEqual((await resolve('kubectl exec web-0 -- kubectl --context prod-eu-1 get pods')).context, { value: 'staging-us', from: 'current-context of /home/ops/.kube/config' });
  });
});
