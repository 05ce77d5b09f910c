import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

const RUNBOOK = [
  '---',
  'kube-context: prod-eu-*',
  'environment: production',
  '---',
  '# Payments',
  '',
  '```sh {name=pods}',
  'kubectl get pods',
  '```',
  '',
  '```sh {name=restart}',
  'kubectl rollout restart deploy/api',
  '```',
  '',
].join('\n');

const KUBECONFIG = (current: string) =>
  ['apiVersion: v1', 'kind: Config', `current-context: ${current}`, 'contexts:', '- name: staging-us', '  context: {namespace: web}', '- name: prod-eu-1', '  context: {namespace: payments}', ''].join('\n');

describe('runbooks run with the context guard', () => {
  let base: string;
  let root: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    base = await makeTempDir('cli-guard');
    root = path.join(base, 'ws');
    await writeTree(root, { 'runbooks/pay.md': RUNBOOK });
    await writeTree(base, { 'kube/config': KUBECONFIG('staging-us'), 'bin/kubectl': '#!/bin/sh\necho "kubectl $*"\n' });
    await fs.chmod(path.join(base, 'bin', 'kubectl'), 0o755);
    // A kubectl that only echoes comes first on PATH (a check runs in the sandbox, which may still find the real one).
    env = { PATH: `${path.join(base, 'bin')}${path.delimiter}${process.env.PATH}`, KUBECONFIG: path.join(base, 'kube', 'config'), XDG_STATE_HOME: path.join(base, 'state') };
  });
  afterEach(() => removeTempDir(base));

  async function run(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: root, env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('refuses a block whose kube context is not the runbook\'s, naming both, and runs nothing', async () => {
    const result = await run(['run', 'runbooks/pay.md', '--block', 'pods']);
    assert.equal(result.code, 1);
    assert.equal(
      result.err,
      `block "pods": Not run: this runbook targets kube context \`prod-eu-*\`, \`kubectl get pods\` would run in \`staging-us\` (current-context of ${env.KUBECONFIG}). To run it anyway, give the name \`staging-us\` (CLI: --context-override staging-us; editor: "Run anyway").`,
    );
    assert.equal(result.out, '');
  });

  it('runs it with --context-override naming where it really runs, and refuses a wrong name', async () => {
    assert.equal((await run(['run', 'runbooks/pay.md', '--block', 'pods', '--context-override', 'prod-eu-1'])).code, 1);
    const result = await run(['run', 'runbooks/pay.md', '--block', 'pods', '--context-override', 'staging-us', '--format', 'json']);
    // It ran (whatever kubectl made of the fake kubeconfig): one row, the command as planned.
    assert.deepEqual((JSON.parse(result.out) as Array<{ name: string; command: string }>).map((row) => [row.name, row.command]), [['pods', 'kubectl get pods']]);
  });

  it('needs the typed context name for a production change, even with --yes', async () => {
    await writeTree(base, { 'kube/config': KUBECONFIG('prod-eu-1') });
    const refused = await run(['run', 'runbooks/pay.md', '--block', 'restart', '--yes']);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /It needs the typed confirmation: pass --yes --context-override prod-eu-1\./);
    const typed = await run(['run', 'runbooks/pay.md', '--block', 'restart', '--yes', '--context-override', 'prod-eu-1']);
    assert.equal(typed.code, 0, typed.err);
    assert.match(typed.out, /^\$ kubectl rollout restart deploy\/api\n/m);
  });
});
