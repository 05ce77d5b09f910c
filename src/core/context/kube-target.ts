import * as path from 'node:path';
import { flagValue, hasFlag, isUnresolved } from './flags';
import type { ConfigFiles, Resolved, ToolCall } from './types';

/** What the kubeconfig files of a call say, merged the way kubectl merges `KUBECONFIG`. */
export interface KubeconfigView {
  /** `current-context` of the first file that sets one. */
  currentContext?: string;
  /** Each context's namespace (undefined: none set), from the first file that defines the context. */
  contexts: Map<string, string | undefined>;
  /** The files read, in order, for messages (`~/.kube/config`). */
  files: string[];
  /** Files that exist but could not be read, with why. */
  problems: string[];
}

/**
 * The kubeconfig files a call uses: `--kubeconfig` (one file), else `KUBECONFIG` (a list, in
 * order, empty entries skipped), else `~/.kube/config`. Undefined when none can be named (no HOME).
 */
export function kubeconfigPaths(call: ToolCall): string[] | { unknown: string } {
  const flag = flagValue(call.args, ['kubeconfig']);
  if (flag !== undefined) return isUnresolved(flag) ? { unknown: `\`--kubeconfig ${flag}\` cannot be resolved` } : [flag];
  const variable = call.env.KUBECONFIG;
  if (variable) return variable.split(path.delimiter).filter(Boolean);
  const home = call.env.HOME ?? call.env.USERPROFILE;
  if (!home) return { unknown: 'neither KUBECONFIG nor HOME is set' };
  return [path.join(home, '.kube', 'config')];
}

/** Reads and merges kubeconfig files: the first file to set `current-context` wins, and the first to define a context. */
export async function readKubeconfigs(files: ConfigFiles, paths: readonly string[]): Promise<KubeconfigView> {
  const view: KubeconfigView = { contexts: new Map(), files: [...paths], problems: [] };
  for (const file of paths) {
    const read = await files.yaml(file);
    if (read.status === 'missing') continue;
    if (read.status === 'invalid') {
      view.problems.push(`${file}: ${read.message}`);
      continue;
    }
    const data = read.data as { 'current-context'?: unknown; contexts?: unknown } | null;
    if (!data || typeof data !== 'object') continue;
    const current = data['current-context'];
    if (view.currentContext === undefined && typeof current === 'string' && current) view.currentContext = current;
    if (!Array.isArray(data.contexts)) continue;
    for (const entry of data.contexts as Array<{ name?: unknown; context?: { namespace?: unknown } } | null>) {
      if (!entry || typeof entry.name !== 'string' || view.contexts.has(entry.name)) continue;
      const namespace = entry.context?.namespace;
      view.contexts.set(entry.name, typeof namespace === 'string' && namespace ? namespace : undefined);
    }
  }
  return view;
}

/**
 * Where a kubectl, oc or helm call would act: its kube context and namespace, as the tool decides.
 * Context: `--context` (helm: `--kube-context`, then `HELM_KUBECONTEXT`), else a context switched to
 * earlier in the script, else the kubeconfig's `current-context`. Namespace: `-n`/`--namespace`
 * (helm: then `HELM_NAMESPACE`), `-A`/`--all-namespaces` for all, else the one switched to earlier,
 * else the context's namespace in the kubeconfig, else `default`. Unknown when a value cannot be
 * resolved, no kubeconfig is there, or it sets no current context.
 */
export async function resolveKubeTarget(call: ToolCall, files: ConfigFiles): Promise<{ context: Resolved; namespace: Resolved }> {
  if (call.envUnknown) return { context: { unknown: call.envUnknown }, namespace: { unknown: call.envUnknown } };
  const helm = call.tool === 'helm';
  const paths = kubeconfigPaths(call);
  const view = Array.isArray(paths) ? await readKubeconfigs(files, paths) : undefined;
  const context = contextOf(call, helm, paths, view);
  return { context, namespace: namespaceOf(call, helm, context, view) };
}

function contextOf(call: ToolCall, helm: boolean, paths: string[] | { unknown: string }, view: KubeconfigView | undefined): Resolved {
  const flagName = helm ? 'kube-context' : 'context';
  const flag = flagValue(call.args, [flagName]);
  if (flag !== undefined) return isUnresolved(flag) ? { unknown: `\`--${flagName} ${flag}\` cannot be resolved` } : { value: flag, from: `--${flagName}` };
  if (helm && call.env.HELM_KUBECONTEXT) return { value: call.env.HELM_KUBECONTEXT, from: 'HELM_KUBECONTEXT' };
  if (call.useContext !== undefined) {
    return isUnresolved(call.useContext) ? { unknown: `the context switched to earlier (\`${call.useContext}\`) cannot be resolved` } : { value: call.useContext, from: 'the context switched to earlier in the block' };
  }
  if (!Array.isArray(paths)) return paths;
  if (!view) return { unknown: 'no kubeconfig' };
  if (view.currentContext) return { value: view.currentContext, from: `current-context of ${view.files.join(path.delimiter)}` };
  if (view.problems.length) return { unknown: `the kubeconfig cannot be read (${view.problems[0]})` };
  return { unknown: `${view.files.join(path.delimiter)} sets no current-context (or does not exist)` };
}

function namespaceOf(call: ToolCall, helm: boolean, context: Resolved, view: KubeconfigView | undefined): Resolved {
  if (hasFlag(call.args, ['-A', '--all-namespaces'])) return { value: '*', from: '--all-namespaces' };
  const flag = flagValue(call.args, ['namespace'], ['n']);
  if (flag !== undefined) return isUnresolved(flag) ? { unknown: `\`--namespace ${flag}\` cannot be resolved` } : { value: flag, from: '--namespace' };
  if (helm && call.env.HELM_NAMESPACE) return { value: call.env.HELM_NAMESPACE, from: 'HELM_NAMESPACE' };
  if (call.useNamespace !== undefined) {
    return isUnresolved(call.useNamespace) ? { unknown: `the namespace switched to earlier (\`${call.useNamespace}\`) cannot be resolved` } : { value: call.useNamespace, from: 'the namespace switched to earlier in the block' };
  }
  if (!('value' in context)) return { unknown: 'the kube context is unknown' };
  // A namespace switched earlier with kubens applies to the context it was switched in; a later context switch resets it (command-calls).
  if (!view || !view.contexts.has(context.value)) return { unknown: `context \`${context.value}\` is not in the kubeconfig` };
  const namespace = view.contexts.get(context.value);
  return namespace ? { value: namespace, from: `the namespace of context ${context.value}` } : { value: 'default', from: 'no namespace set in the context' };
}
