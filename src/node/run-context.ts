import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

/**
 * Lines that tell a person where a command would act: the kube context (from the kubeconfig,
 * read as a file, never by running kubectl), and cloud profile variables when set. `env` is the
 * child's environment, passed explicitly.
 */
export async function describeRunContext(env: Record<string, string | undefined>): Promise<string[]> {
  const lines: string[] = [];
  const kubeconfigs = (env.KUBECONFIG ?? path.join(env.HOME ?? os.homedir(), '.kube', 'config')).split(path.delimiter).filter(Boolean);
  for (const file of kubeconfigs) {
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    try {
      const config = parse(text) as { 'current-context'?: string } | null;
      if (config?.['current-context']) {
        lines.push(`kube context: ${config['current-context']} (${file})`);
        break;
      }
    } catch {
      lines.push(`kubeconfig ${file} could not be read as YAML`);
    }
  }
  if (env.KUBECONFIG) lines.push(`KUBECONFIG=${env.KUBECONFIG}`);
  for (const name of ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'CLOUDSDK_CORE_PROJECT', 'GOOGLE_CLOUD_PROJECT', 'AZURE_SUBSCRIPTION_ID', 'VAULT_ADDR', 'NOMAD_ADDR', 'PGHOST', 'PGDATABASE']) {
    if (env[name]) lines.push(`${name}=${env[name]}`);
  }
  return lines;
}
