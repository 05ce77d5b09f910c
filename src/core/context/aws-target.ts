import * as path from 'node:path';
import { flagValue, isUnresolved } from './flags';
import type { ConfigFiles, IniSections, Resolved, ToolCall } from './types';

const ROLE_ARN_ACCOUNT = /^arn:aws[\w-]*:iam::(\d{12}):/;

/**
 * Where an `aws` call would act: its profile and account, as the AWS CLI decides.
 * Profile: `--profile`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else `default`; but without
 * `--profile`, keys in the environment (`AWS_ACCESS_KEY_ID`) beat any profile, and then both are
 * unknown. Account: from the profile's section in `AWS_CONFIG_FILE` (default `~/.aws/config`,
 * `[profile NAME]` or `[default]`), then `AWS_SHARED_CREDENTIALS_FILE` (`~/.aws/credentials`,
 * `[NAME]`): the account of `role_arn` (the role it assumes is where it acts), else
 * `sso_account_id`, else `aws_account_id`; unknown when none says (static keys name no account).
 */
export async function resolveAwsTarget(call: ToolCall, files: ConfigFiles): Promise<{ profile: Resolved; account: Resolved }> {
  if (call.envUnknown) return { profile: { unknown: call.envUnknown }, account: { unknown: call.envUnknown } };
  const profile = profileOf(call);
  if (!('value' in profile)) return { profile, account: { unknown: profile.unknown } };
  return { profile, account: await accountOf(call, profile.value, files) };
}

function profileOf(call: ToolCall): Resolved {
  const flag = flagValue(call.args, ['profile']);
  if (flag !== undefined) return isUnresolved(flag) ? { unknown: `\`--profile ${flag}\` cannot be resolved` } : { value: flag, from: '--profile' };
  if (call.env.AWS_ACCESS_KEY_ID) return { unknown: 'the credentials come from AWS_ACCESS_KEY_ID in the environment, which names no profile' };
  if (call.env.AWS_PROFILE) return { value: call.env.AWS_PROFILE, from: 'AWS_PROFILE' };
  if (call.env.AWS_DEFAULT_PROFILE) return { value: call.env.AWS_DEFAULT_PROFILE, from: 'AWS_DEFAULT_PROFILE' };
  return { value: 'default', from: 'no --profile or AWS_PROFILE' };
}

/** The AWS config and credentials files a call reads; undefined entries when they cannot be named (no HOME). */
export function awsFilePaths(env: Readonly<Record<string, string>>): { config?: string; credentials?: string } {
  const home = env.HOME ?? env.USERPROFILE;
  const config = env.AWS_CONFIG_FILE || (home ? path.join(home, '.aws', 'config') : undefined);
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE || (home ? path.join(home, '.aws', 'credentials') : undefined);
  return { ...(config ? { config } : {}), ...(credentials ? { credentials } : {}) };
}

async function accountOf(call: ToolCall, profile: string, files: ConfigFiles): Promise<Resolved> {
  const paths = awsFilePaths(call.env);
  if (!paths.config && !paths.credentials) return { unknown: 'neither AWS_CONFIG_FILE nor HOME is set' };
  const sections: Array<{ file: string; section: Record<string, string> }> = [];
  const problems: string[] = [];
  for (const [file, name] of [
    [paths.config, profile === 'default' ? 'default' : `profile ${profile}`],
    [paths.credentials, profile],
  ] as const) {
    if (!file) continue;
    const read = await files.ini(file);
    if (read.status === 'invalid') problems.push(`${file}: ${read.message}`);
    if (read.status !== 'ok') continue;
    const section = sectionOf(read.data, name, profile);
    if (section) sections.push({ file, section });
  }
  for (const key of ['role_arn', 'sso_account_id', 'aws_account_id'] as const) {
    for (const { file, section } of sections) {
      const raw = section[key]?.trim();
      if (!raw) continue;
      const account = key === 'role_arn' ? ROLE_ARN_ACCOUNT.exec(raw)?.[1] : /^\d{12}$/.test(raw) ? raw : undefined;
      if (account) return { value: account, from: `${key} of profile ${profile} in ${file}` };
    }
  }
  if (problems.length) return { unknown: `the AWS config cannot be read (${problems[0]})` };
  if (sections.length === 0) return { unknown: `profile \`${profile}\` is not in ${[paths.config, paths.credentials].filter(Boolean).join(' or ')}` };
  return { unknown: `profile \`${profile}\` names no account (no role_arn, sso_account_id or aws_account_id)` };
}

/** A profile's section: `[profile NAME]`; the config file's `[NAME]` is accepted for `default` only, as the CLI does. */
function sectionOf(data: IniSections, name: string, profile: string): Record<string, string> | undefined {
  return data[name] ?? (name !== profile && profile === 'default' ? data.default : undefined);
}
