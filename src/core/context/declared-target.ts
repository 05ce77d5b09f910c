import type { AttributeValue } from '../doc-model';
import { TARGET_KEYS, type DeclaredTarget, type TargetKey } from './types';

/** Other spellings accepted for each key (`kube_context`, `kubeContext`); the kebab-case one is documented. */
const SPELLINGS: Record<TargetKey, string[]> = {
  'kube-context': ['kube-context', 'kube_context', 'kubeContext', 'kubecontext'],
  namespace: ['namespace', 'kube-namespace', 'kube_namespace'],
  'aws-profile': ['aws-profile', 'aws_profile', 'awsProfile'],
  'aws-account': ['aws-account', 'aws_account', 'awsAccount', 'aws-account-id', 'aws_account_id'],
  'gcp-project': ['gcp-project', 'gcp_project', 'gcpProject', 'gcloud-project'],
  'azure-subscription': ['azure-subscription', 'azure_subscription', 'azureSubscription'],
};
const ENVIRONMENT_SPELLINGS = ['environment', 'env'];

/**
 * The target a block declares: its own attributes (ours or Runme's JSON form) beat the runbook's
 * front matter, key by key. Values must be strings (a number is taken as written, as AWS account
 * ids are); anything else is a problem and the key counts as not declared. The front matter's `env`
 * key counts as `environment` only when it is a string.
 */
export function declaredTarget(frontMatter: Record<string, unknown> | undefined, attributes: Record<string, AttributeValue>): DeclaredTarget {
  const target: DeclaredTarget = { values: {}, problems: [] };
  for (const key of TARGET_KEYS) {
    const block = pick(attributes, SPELLINGS[key], target.problems, 'block attribute', key);
    const runbook = block === undefined && frontMatter ? pick(frontMatter, SPELLINGS[key], target.problems, 'front matter', key) : undefined;
    if (block !== undefined) target.values[key] = { pattern: block, from: 'block' };
    else if (runbook !== undefined) target.values[key] = { pattern: runbook, from: 'runbook' };
  }
  const environment = pick(attributes, ENVIRONMENT_SPELLINGS, [], 'block attribute') ?? (frontMatter ? pick(frontMatter, ENVIRONMENT_SPELLINGS, [], 'front matter') : undefined);
  if (environment !== undefined) target.environment = environment.toLowerCase();
  return target;
}

/** True when the target declares at least one dimension (the environment label alone is not a target). */
export function declaresTarget(target: DeclaredTarget): boolean {
  return Object.keys(target.values).length > 0;
}

/** True when the environment label says production (`production`, `prod`, `prd`, `live`). */
export function isProduction(target: DeclaredTarget): boolean {
  return target.environment !== undefined && ['production', 'prod', 'prd', 'live'].includes(target.environment);
}

function pick(source: Record<string, unknown>, spellings: string[], problems: string[], where: string, key?: TargetKey): string | undefined {
  for (const name of spellings) {
    const value = source[name];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && value.trim()) return value.trim();
    // YAML reads an unquoted `012345678901` as a number: an AWS account id has 12 digits.
    if (typeof value === 'number') return key === 'aws-account' && Number.isInteger(value) ? String(value).padStart(12, '0') : String(value);
    problems.push(`${where} \`${name}\` should be a name or a glob; it was ignored`);
  }
  return undefined;
}
