import assert from 'node:assert/strict';
import type { TargetRefusal } from '../../../../src/core/runner/run-guard';
import { parseDoc } from '../../../../src/core/parse-doc';
import { prepareRun, type ConfirmRequest, type RunPrompts } from '../../../../src/core/runner/run-block';
import { runnableBlocks } from '../../../../src/core/runner/runnable-blocks';
import { kubeconfig, MemoryConfigFiles } from '../../fakes/memory-config-files';

const HOME = '/home/ops';

/** Prompts that approve buttons, type what they are told and record what they were asked. */
class Prompts implements RunPrompts {
  confirmed: ConfirmRequest[] = [];
  typedFor: string[] = [];
  refusals: TargetRefusal[] = [];
  constructor(private readonly typing?: string) {}
  async inputs() {
    return { namespace: 'payments' };
  }
  async confirm(request: ConfirmRequest) {
    this.confirmed.push(request);
    return true;
  }
  async confirmByTyping(request: ConfirmRequest & { typeToConfirm: string }) {
    this.typedFor.push(request.typeToConfirm);
    return this.typing;
  }
  async runAnyway(refusal: TargetRefusal) {
    this.refusals.push(refusal);
    return this.typing;
  }
}

const doc = parseDoc(
  'runbooks/pay.md',
  ['---', 'kube-context: prod-eu-*', 'environment: production', '---', '# Pay', '', '```sh {name=pods}', 'kubectl -n <namespace> get pods', '```', '', '```sh {name=restart}', 'kubectl rollout restart deploy/api', '```', '', '```sh {name=local}', 'echo hi', '```', ''].join('\n'),
);
const [pods, restart, local] = runnableBlocks(doc);

function machine(current: string): MemoryConfigFiles {
  const files = new MemoryConfigFiles();
  files.yamlFiles.set('/home/ops/.kube/config', kubeconfig(current, { 'staging-us': undefined, 'prod-eu-1': 'payments' }));
  return files;
}

describe('prepareRun with the context guard', () => {
  it('refuses a check whose kube context does not match the runbook\'s, naming both', async () => {
    const prepared = await prepareRun({ doc, block: pods!, env: { HOME } }, { prompts: { inputs: async () => ({ namespace: 'payments' }), confirm: async () => true }, configFiles: machine('staging-us') });
    assert.equal(prepared.status, 'refused');
    assert.equal(
      prepared.status === 'refused' && prepared.message,
      'Not run: this runbook targets kube context `prod-eu-*`, `kubectl get pods` would run in `staging-us` (current-context of /home/ops/.kube/config). To run it anyway, give the name `staging-us` (CLI: --context-override staging-us; editor: "Run anyway").',
    );
  });

  it('runs a matching check without asking, and says where it ran', async () => {
    const prompts = new Prompts();
    const prepared = await prepareRun({ doc, block: pods!, env: { HOME } }, { prompts, configFiles: machine('prod-eu-1') });
    assert.equal(prepared.status, 'ready');
    assert.equal(prepared.status === 'ready' && prepared.guard.where, 'prod-eu-1/payments');
    assert.equal(prepared.status === 'ready' && prepared.confirmation, 'none');
    assert.deepEqual(prompts.refusals, []);
  });

  it('lets a mismatch through only when the override names where it would really run', async () => {
    const wrong = await prepareRun({ doc, block: pods!, env: { HOME }, contextOverride: 'prod-eu-1' }, { prompts: new Prompts(), configFiles: machine('staging-us') });
    assert.equal(wrong.status, 'refused');
    const typedWrong = new Prompts('yes');
    assert.equal((await prepareRun({ doc, block: pods!, env: { HOME } }, { prompts: typedWrong, configFiles: machine('staging-us') })).status, 'refused');
    assert.equal(typedWrong.refusals.length, 1);
    const right = await prepareRun({ doc, block: pods!, env: { HOME }, contextOverride: 'staging-us' }, { prompts: new Prompts(), configFiles: machine('staging-us') });
    assert.equal(right.status === 'ready' && right.confirmation, 'override');
    const typed = await prepareRun({ doc, block: pods!, env: { HOME } }, { prompts: new Prompts('staging-us'), configFiles: machine('staging-us') });
    assert.equal(typed.status === 'ready' && typed.confirmation, 'override');
  });

  it('refuses when where it would run is unknown (no kubeconfig, or no way to read one)', async () => {
    const none = await prepareRun({ doc, block: pods!, env: { HOME: '/nobody' } }, { prompts: new Prompts(), configFiles: machine('prod-eu-1') });
    assert.equal(none.status, 'refused');
    const noPort = await prepareRun({ doc, block: pods!, env: { HOME } }, { prompts: new Prompts() });
    assert.equal(noPort.status === 'refused' && noPort.message.startsWith('Not run: this runbook declares a target, but the tools\' configuration cannot be read here.'), true);
  });

  it('needs the context name typed for a production change block; a button or --yes is not enough', async () => {
    const prompts = new Prompts('prod-eu-1');
    const typed = await prepareRun({ doc, block: restart!, env: { HOME } }, { prompts, configFiles: machine('prod-eu-1') });
    assert.equal(typed.status === 'ready' && typed.confirmation, 'typed');
    assert.deepEqual(prompts.typedFor, ['prod-eu-1']);
    assert.deepEqual(prompts.confirmed, []);
    const mistyped = await prepareRun({ doc, block: restart!, env: { HOME }, approved: true }, { prompts: new Prompts('prod'), configFiles: machine('prod-eu-1') });
    assert.equal(mistyped.status, 'declined');
    const upFront = await prepareRun({ doc, block: restart!, env: { HOME }, approved: true, contextOverride: 'prod-eu-1' }, { prompts: new Prompts(), configFiles: machine('prod-eu-1') });
    assert.equal(upFront.status === 'ready' && upFront.confirmation, 'typed');
  });

  it('declines a production change when the face cannot ask for typing', async () => {
    const prepared = await prepareRun({ doc, block: restart!, env: { HOME }, approved: true }, { prompts: { inputs: async () => ({}), confirm: async () => true }, configFiles: machine('prod-eu-1') });
    assert.equal(prepared.status, 'declined');
  });

  it('types the environment label for a production change that acts in no known context', async () => {
    const prompts = new Prompts('production');
    const prepared = await prepareRun({ doc, block: { ...local!, kind: 'change' }, env: { HOME } }, { prompts, configFiles: machine('prod-eu-1') });
    assert.equal(prepared.status === 'ready' && prepared.confirmation, 'typed');
    assert.deepEqual(prompts.typedFor, ['production']);
  });
});
