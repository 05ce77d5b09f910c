import assert from 'node:assert/strict';
import { resolveAwsTarget } from '../../../../src/core/context/aws-target';
import { toolCalls } from '../../../../src/core/context/command-calls';
import { MemoryConfigFiles } from '../../fakes/memory-config-files';

const HOME = '/home/ops';
const CONFIG = '/home/ops/.aws/config';
const CREDENTIALS = '/home/ops/.aws/credentials';

function files(): MemoryConfigFiles {
  const f = new MemoryConfigFiles();
  f.iniFiles.set(CONFIG, {
    default: { region: 'eu-west-1', sso_account_id: '111111111111' },
    'profile prod': { sso_account_id: '222222222222', sso_role_name: 'Admin' },
    'profile prod-admin': { role_arn: 'arn:aws:iam::333333333333:role/admin', source_profile: 'prod' },
    'profile gov': { role_arn: 'arn:aws-us-gov:iam::444444444444:role/ops' },
    'profile keys-only': { region: 'us-east-1' },
  });
  f.iniFiles.set(CREDENTIALS, { 'keys-only': { aws_access_key_id: 'AKIA…', aws_secret_access_key: 'x' }, tagged: { aws_account_id: '555555555555' } });
  f.iniFiles.set('/other/config', { 'profile prod': { sso_account_id: '666666666666' } });
  return f;
}

async function resolve(script: string, env: Record<string, string> = { HOME }, f = files()) {
  const [call] = toolCalls(script, env);
  return resolveAwsTarget(call!, f);
}

describe('resolveAwsTarget', () => {
  it('uses the default profile and its account when nothing is said', async () => {
    assert.deepEqual(await resolve('aws s3 ls'), {
      profile: { value: 'default', from: 'no --profile or AWS_PROFILE' },
      account: { value: '111111111111', from: `sso_account_id of profile default in ${CONFIG}` },
    });
  });

  it('lets --profile beat AWS_PROFILE, and AWS_PROFILE beat AWS_DEFAULT_PROFILE', async () => {
    assert.deepEqual((await resolve('aws --profile prod s3 ls', { HOME, AWS_PROFILE: 'gov' })).profile, { value: 'prod', from: '--profile' });
    assert.deepEqual((await resolve('aws s3 ls --profile=prod', { HOME, AWS_PROFILE: 'gov' })).profile, { value: 'prod', from: '--profile' });
    assert.deepEqual((await resolve('aws s3 ls', { HOME, AWS_PROFILE: 'gov', AWS_DEFAULT_PROFILE: 'prod' })).profile, { value: 'gov', from: 'AWS_PROFILE' });
    assert.deepEqual((await resolve('aws s3 ls', { HOME, AWS_DEFAULT_PROFILE: 'prod' })).profile, { value: 'prod', from: 'AWS_DEFAULT_PROFILE' });
  });

  it('takes the account from role_arn before sso_account_id, in any partition', async () => {
    assert.deepEqual((await resolve('aws --profile prod-admin s3 ls')).account, { value: '333333333333', from: `role_arn of profile prod-admin in ${CONFIG}` });
    assert.deepEqual((await resolve('aws --profile gov s3 ls')).account, { value: '444444444444', from: `role_arn of profile gov in ${CONFIG}` });
  });

  it('reads aws_account_id from the credentials file', async () => {
    assert.deepEqual((await resolve('aws --profile tagged s3 ls')).account, { value: '555555555555', from: `aws_account_id of profile tagged in ${CREDENTIALS}` });
  });

  it('reads AWS_CONFIG_FILE instead of ~/.aws/config', async () => {
    assert.deepEqual((await resolve('aws --profile prod s3 ls', { HOME, AWS_CONFIG_FILE: '/other/config' })).account, { value: '666666666666', from: 'sso_account_id of profile prod in /other/config' });
  });

  it('says the account is unknown for a profile with keys only, a profile that is not there, or an unreadable file', async () => {
    assert.deepEqual((await resolve('aws --profile keys-only s3 ls')).account, { unknown: 'profile `keys-only` names no account (no role_arn, sso_account_id or aws_account_id)' });
    assert.deepEqual((await resolve('aws --profile nope s3 ls')).account, { unknown: `profile \`nope\` is not in ${CONFIG} or ${CREDENTIALS}` });
    const f = files();
    f.invalid.set(CONFIG, 'bad line 3');
    assert.deepEqual((await resolve('aws --profile prod s3 ls', { HOME }, f)).account, { unknown: `the AWS config cannot be read (${CONFIG}: bad line 3)` });
  });

  it('says both are unknown when keys in the environment beat the profile, unless --profile is given', async () => {
    const env = { HOME, AWS_PROFILE: 'prod', AWS_ACCESS_KEY_ID: 'AKIA' };
    const reason = 'the credentials come from AWS_ACCESS_KEY_ID in the environment, which names no profile';
    assert.deepEqual(await resolve('aws s3 ls', env), { profile: { unknown: reason }, account: { unknown: reason } });
    assert.deepEqual((await resolve('aws --profile prod s3 ls', env)).profile, { value: 'prod', from: '--profile' });
  });
});
