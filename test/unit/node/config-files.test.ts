import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commandTargets } from '../../../src/core/context/command-targets';
import { NodeConfigFiles, parseIni } from '../../../src/node/config-files';

describe('NodeConfigFiles', () => {
  let home: string;
  beforeEach(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'runbooks-config-'));
    await fs.mkdir(path.join(home, '.kube'));
    await fs.mkdir(path.join(home, '.aws'));
    await fs.writeFile(
      path.join(home, '.kube', 'config'),
      ['apiVersion: v1', 'kind: Config', 'current-context: staging-us', 'contexts:', '- name: staging-us', '  context: {cluster: s, user: s, namespace: web}', '- name: prod-eu-1', '  context: {cluster: p, user: p}', ''].join('\n'),
    );
    await fs.writeFile(
      path.join(home, '.aws', 'config'),
      ['[default]', 'region = eu-west-1', '', '# the prod account', '[profile prod.admin]', 'role_arn = arn:aws:iam::333333333333:role/admin ; assumed', 'source_profile = default', '[sso-session corp]', 'sso_start_url = https://x', ''].join('\n'),
    );
  });
  afterEach(() => fs.rm(home, { recursive: true, force: true }));

  it('resolves kube and aws targets from files built in a temp HOME', async () => {
    const targets = await commandTargets('kubectl get pods\naws --profile prod.admin s3 ls', { HOME: home }, new NodeConfigFiles());
    assert.deepEqual(targets, [
      {
        command: 'kubectl get pods',
        tool: 'kubectl',
        values: {
          'kube-context': { value: 'staging-us', from: `current-context of ${path.join(home, '.kube', 'config')}` },
          namespace: { value: 'web', from: 'the namespace of context staging-us' },
        },
      },
      {
        command: 'aws s3 ls',
        tool: 'aws',
        values: {
          'aws-profile': { value: 'prod.admin', from: '--profile' },
          'aws-account': { value: '333333333333', from: `role_arn of profile prod.admin in ${path.join(home, '.aws', 'config')}` },
        },
      },
    ]);
  });

  it('says missing for an absent file and invalid for a kubeconfig that is not YAML', async () => {
    const files = new NodeConfigFiles();
    assert.deepEqual(await files.yaml(path.join(home, 'nope')), { status: 'missing' });
    await fs.writeFile(path.join(home, 'bad'), 'contexts: [\n');
    const read = await files.yaml(path.join(home, 'bad'));
    assert.equal(read.status, 'invalid');
  });

  it('rereads a file when it changes, and serves the cached parse while it does not', async () => {
    const files = new NodeConfigFiles();
    const file = path.join(home, '.kube', 'config');
    const first = await files.yaml(file);
    assert.equal(await files.yaml(file), first);
    await fs.writeFile(file, 'current-context: prod-eu-1\n');
    await fs.utimes(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
    assert.deepEqual(await files.yaml(file), { status: 'ok', data: { 'current-context': 'prod-eu-1' } });
  });

  it('reads an azureProfile.json that starts with a byte-order mark', async () => {
    await fs.writeFile(path.join(home, 'azureProfile.json'), '\uFEFF{"subscriptions":[]}');
    assert.deepEqual(await new NodeConfigFiles().json(path.join(home, 'azureProfile.json')), { status: 'ok', data: { subscriptions: [] } });
  });
});

describe('parseIni', () => {
  it('keeps dotted section names whole and values as text', () => {
    assert.deepEqual(parseIni('[profile a.b.c]\nsso_account_id = 012345678901\ncli_pager = true\n'), { 'profile a.b.c': { sso_account_id: '012345678901', cli_pager: 'true' } });
  });
});
