import * as path from 'node:path';
import { flagValue, isUnresolved } from './flags';
import type { ConfigFiles, Resolved, ToolCall } from './types';

/**
 * The project a `gcloud` call would act in, as gcloud decides: `--project`, else
 * `CLOUDSDK_CORE_PROJECT`, else `[core] project` of the active configuration's properties file
 * (`<config dir>/configurations/config_<NAME>`). The configuration is `--configuration`, else
 * `CLOUDSDK_ACTIVE_CONFIG_NAME`, else the name in `<config dir>/active_config`, else `default`; the
 * config dir is `CLOUDSDK_CONFIG`, else `~/.config/gcloud`. Unknown when none sets a project.
 */
export async function resolveGcpProject(call: ToolCall, files: ConfigFiles): Promise<Resolved> {
  if (call.envUnknown) return { unknown: call.envUnknown };
  const flag = flagValue(call.args, ['project']);
  if (flag !== undefined) return isUnresolved(flag) ? { unknown: `\`--project ${flag}\` cannot be resolved` } : { value: flag, from: '--project' };
  if (call.env.CLOUDSDK_CORE_PROJECT) return { value: call.env.CLOUDSDK_CORE_PROJECT, from: 'CLOUDSDK_CORE_PROJECT' };
  const home = call.env.HOME ?? call.env.USERPROFILE;
  const dir = call.env.CLOUDSDK_CONFIG || (home ? path.join(home, '.config', 'gcloud') : undefined);
  if (!dir) return { unknown: 'neither CLOUDSDK_CONFIG nor HOME is set' };
  let name = flagValue(call.args, ['configuration']) ?? call.env.CLOUDSDK_ACTIVE_CONFIG_NAME;
  if (name === undefined) {
    const active = await files.text(path.join(dir, 'active_config'));
    name = active.status === 'ok' && active.data ? active.data : 'default';
  }
  if (isUnresolved(name)) return { unknown: `the gcloud configuration \`${name}\` cannot be resolved` };
  const file = path.join(dir, 'configurations', `config_${name}`);
  const read = await files.ini(file);
  if (read.status === 'invalid') return { unknown: `${file} cannot be read (${read.message})` };
  const project = read.status === 'ok' ? read.data.core?.project?.trim() : undefined;
  if (project) return { value: project, from: `[core] project of gcloud configuration ${name}` };
  return { unknown: `gcloud configuration \`${name}\` sets no project` };
}

interface AzureSubscription {
  id: string;
  name: string;
  isDefault: boolean;
}

/**
 * The subscription an `az` call would act in, as az decides: `--subscription` (a name or an id),
 * else the subscription marked `isDefault` in `<AZURE_CONFIG_DIR or ~/.azure>/azureProfile.json`.
 * The value is the name, with the id in `also` (and the other way round), when the profile lists it.
 */
export async function resolveAzureSubscription(call: ToolCall, files: ConfigFiles): Promise<Resolved> {
  if (call.envUnknown) return { unknown: call.envUnknown };
  const home = call.env.HOME ?? call.env.USERPROFILE;
  const dir = call.env.AZURE_CONFIG_DIR || (home ? path.join(home, '.azure') : undefined);
  const file = dir ? path.join(dir, 'azureProfile.json') : undefined;
  const read = file ? await files.json(file) : undefined;
  const subscriptions = read?.status === 'ok' ? subscriptionsOf(read.data) : [];
  const flag = flagValue(call.args, ['subscription']);
  if (flag !== undefined) {
    if (isUnresolved(flag)) return { unknown: `\`--subscription ${flag}\` cannot be resolved` };
    const known = subscriptions.find((s) => s.id.toLowerCase() === flag.toLowerCase() || s.name === flag);
    return { value: flag, from: '--subscription', ...(known ? { also: [known.id, known.name].filter((v) => v !== flag) } : {}) };
  }
  if (!file) return { unknown: 'neither AZURE_CONFIG_DIR nor HOME is set' };
  if (read?.status === 'invalid') return { unknown: `${file} cannot be read (${read.message})` };
  const chosen = subscriptions.find((s) => s.isDefault);
  if (!chosen) return { unknown: `${file} marks no default subscription (or does not exist)` };
  return { value: chosen.name, from: `the default subscription in ${file}`, also: [chosen.id] };
}

function subscriptionsOf(data: unknown): AzureSubscription[] {
  const list = (data as { subscriptions?: unknown } | null)?.subscriptions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: { id?: unknown; name?: unknown; isDefault?: unknown } | null) =>
    entry && typeof entry.id === 'string' && typeof entry.name === 'string' ? [{ id: entry.id, name: entry.name, isDefault: entry.isDefault === true }] : [],
  );
}
