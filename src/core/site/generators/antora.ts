import { asRecord, asString, dirOf, joinDir, readYaml } from '../config-text';
import type { SiteModel, SiteMount } from '../site-model';

/**
 * Antora (`antora.yml`): each `modules/<module>/pages` folder served at `/<component>/<version>/`
 * (the `ROOT` module) or `/<component>/<version>/<module>/`, images from `modules/<module>/images`.
 * Undefined when the file names no component.
 */
export function antoraSite(configFile: string, text: string, files: readonly string[]): SiteModel | undefined {
  const config = asRecord(readYaml(text));
  const name = asString(config?.name);
  if (!config || !name) return undefined;
  const version = config.version === null || config.version === false || config.version === '~' ? '' : String(config.version ?? '');
  const base = dirOf(configFile);
  const modulesDir = joinDir(base, 'modules');
  const modules = new Set<string>();
  for (const f of files) {
    if (!f.startsWith(`${modulesDir}/`)) continue;
    const module = f.slice(modulesDir.length + 1).split('/')[0];
    if (module) modules.add(module);
  }
  const mounts: SiteMount[] = [];
  for (const module of modules) {
    const prefix = ['', name, version, module === 'ROOT' ? '' : module].filter((p, i) => i === 0 || p).join('/');
    mounts.push({ url: prefix || '/', dir: joinDir(modulesDir, `${module}/pages`), kind: 'pages' });
    mounts.push({ url: `${prefix}/_images`, dir: joinDir(modulesDir, `${module}/images`), kind: 'static' });
  }
  return { generator: 'antora', configFile, mounts, baseUrl: '', redirects: new Map(), generated: [], unserved: [] };
}
