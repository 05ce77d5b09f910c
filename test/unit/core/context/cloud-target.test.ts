import assert from 'node:assert/strict';
import { resolveAzureSubscription, resolveGcpProject } from '../../../../src/core/context/cloud-target';
import { toolCalls } from '../../../../src/core/context/command-calls';
import { MemoryConfigFiles } from '../../fakes/memory-config-files';

const HOME = '/home/ops';
const GCLOUD = '/home/ops/.config/gcloud';
const AZURE = '/home/ops/.azure/azureProfile.json';

function files(): MemoryConfigFiles {
  const f = new MemoryConfigFiles();
  f.textFiles.set(`${GCLOUD}/active_config`, 'prod');
  f.iniFiles.set(`${GCLOUD}/configurations/config_prod`, { core: { project: 'shop-prod', account: 'me@example.com' } });
  f.iniFiles.set(`${GCLOUD}/configurations/config_dev`, { core: { project: 'shop-dev' } });
  f.iniFiles.set(`${GCLOUD}/configurations/config_default`, { compute: { region: 'x' } });
  f.jsonFiles.set(AZURE, {
    subscriptions: [
      { id: '0000-aaaa', name: 'Staging', isDefault: false },
      { id: '1111-BBBB', name: 'Production', isDefault: true },
    ],
  });
  return f;
}

async function gcp(script: string, env: Record<string, string> = { HOME }, f = files()) {
  return resolveGcpProject(toolCalls(script, env)[0]!, f);
}
async function az(script: string, env: Record<string, string> = { HOME }, f = files()) {
  return resolveAzureSubscription(toolCalls(script, env)[0]!, f);
}

describe('resolveGcpProject', () => {
  it('reads the project of the active configuration named in active_config', async () => {
    assert.deepEqual(await gcp('gcloud compute instances list'), { value: 'shop-prod', from: '[core] project of gcloud configuration prod' });
  });

  it('lets --project beat CLOUDSDK_CORE_PROJECT, and that beat the configuration', async () => {
    assert.deepEqual(await gcp('gcloud --project=x compute instances list', { HOME, CLOUDSDK_CORE_PROJECT: 'y' }), { value: 'x', from: '--project' });
    assert.deepEqual(await gcp('gcloud compute instances list', { HOME, CLOUDSDK_CORE_PROJECT: 'y' }), { value: 'y', from: 'CLOUDSDK_CORE_PROJECT' });
  });

  it('lets --configuration and CLOUDSDK_ACTIVE_CONFIG_NAME choose the configuration', async () => {
    assert.deepEqual(await gcp('gcloud --configuration dev compute instances list'), { value: 'shop-dev', from: '[core] project of gcloud configuration dev' });
    assert.deepEqual(await gcp('gcloud compute instances list', { HOME, CLOUDSDK_ACTIVE_CONFIG_NAME: 'dev' }), { value: 'shop-dev', from: '[core] project of gcloud configuration dev' });
  });

  it('reads CLOUDSDK_CONFIG instead of ~/.config/gcloud, and is unknown when no project is set', async () => {
    assert.deepEqual(await gcp('gcloud compute instances list', { HOME, CLOUDSDK_CONFIG: '/elsewhere' }), { unknown: 'gcloud configuration `default` sets no project' });
    assert.deepEqual(await gcp('gcloud compute instances list', { HOME, CLOUDSDK_ACTIVE_CONFIG_NAME: 'default' }), { unknown: 'gcloud configuration `default` sets no project' });
  });
});

describe('resolveAzureSubscription', () => {
  it('reads the default subscription of azureProfile.json, with its id as another name', async () => {
    assert.deepEqual(await az('az vm list'), { value: 'Production', from: `the default subscription in ${AZURE}`, also: ['1111-BBBB'] });
  });

  it('lets --subscription beat the default, naming the subscription by id or name', async () => {
    assert.deepEqual(await az('az vm list --subscription Staging'), { value: 'Staging', from: '--subscription', also: ['0000-aaaa'] });
    assert.deepEqual(await az('az vm list --subscription 0000-AAAA'), { value: '0000-AAAA', from: '--subscription', also: ['0000-aaaa', 'Staging'] });
  });

  it('reads AZURE_CONFIG_DIR, and is unknown without a default subscription', async () => {
    assert.deepEqual(await az('az vm list', { HOME, AZURE_CONFIG_DIR: '/az' }), { unknown: '/az/azureProfile.json marks no default subscription (or does not exist)' });
  });
});
