import { resolveAwsTarget } from './aws-target';
import { resolveAzureSubscription, resolveGcpProject } from './cloud-target';
import { toolCalls } from './command-calls';
import { resolveKubeTarget } from './kube-target';
import type { CommandTarget, ConfigFiles } from './types';

/**
 * Where each kubectl, oc, helm, aws, gcloud and az command of a script would act, in script order,
 * resolved the way each tool resolves it (see `resolveKubeTarget`, `resolveAwsTarget`,
 * `resolveGcpProject`, `resolveAzureSubscription`) from `env` (the run's environment, inputs
 * included; never read from the process) and the files `files` reads. Empty when the script calls
 * none of them.
 */
export async function commandTargets(script: string, env: Readonly<Record<string, string>>, files: ConfigFiles): Promise<CommandTarget[]> {
  const targets: CommandTarget[] = [];
  for (const call of toolCalls(script, env)) {
    const command = [call.tool, ...subcommandWords(call.args).slice(0, 2)].join(' ');
    const target: CommandTarget = { command, tool: call.tool, values: {} };
    if (call.tool === 'kubectl' || call.tool === 'oc' || call.tool === 'helm') {
      const kube = await resolveKubeTarget(call, files);
      target.values['kube-context'] = kube.context;
      target.values.namespace = kube.namespace;
    } else if (call.tool === 'aws') {
      const aws = await resolveAwsTarget(call, files);
      target.values['aws-profile'] = aws.profile;
      target.values['aws-account'] = aws.account;
    } else if (call.tool === 'gcloud') {
      target.values['gcp-project'] = await resolveGcpProject(call, files);
    } else if (call.tool === 'az') {
      target.values['azure-subscription'] = await resolveAzureSubscription(call, files);
    }
    targets.push(target);
  }
  return targets;
}

/** Options that take the next word as their value, across the tools, so that `kubectl -n x get pods` reads `get pods`. */
const VALUE_OPTIONS = new Set(['-n', '--namespace', '--context', '--kube-context', '--kubeconfig', '--profile', '--region', '--project', '--configuration', '--subscription', '-o', '--output', '-l', '--selector', '-c', '--container', '-f', '--filename']);

/** The words of a command line that are not options or option values. */
function subcommandWords(args: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (VALUE_OPTIONS.has(arg)) i++;
      continue;
    }
    words.push(arg);
  }
  return words;
}
