import { asRecord, asString, asStrings, dirOf, joinDir, readYaml } from '../config-text';
import { cleanDir, cleanUrlPrefix, type SiteModel, type SiteMount } from '../site-model';

/**
 * Jekyll and GitHub Pages (`_config.yml`): pages from the config's folder (or `source:`), under
 * `baseurl`; collections with `output: true` served from `_<name>` at `/<name>` (or their
 * `permalink` prefix); folders starting with `_` and `exclude:` entries are not served. Front
 * matter `permalink:` and `redirect_from:` are read from the docs themselves. Undefined when the
 * file is not a mapping.
 */
export function jekyllSite(configFile: string, text: string): SiteModel | undefined {
  const parsed = readYaml(text);
  const config = asRecord(parsed) ?? (parsed === null || parsed === undefined ? {} : undefined);
  if (!config) return undefined;
  const source = joinDir(dirOf(configFile), cleanDir(asString(config.source) ?? ''));
  const mounts: SiteMount[] = [];
  const unserved: string[] = [];
  const collections = asRecord(config.collections) ?? {};
  const collectionsDir = cleanDir(asString(config.collections_dir) ?? '');
  for (const [name, value] of Object.entries(collections)) {
    const settings = asRecord(value) ?? {};
    if (settings.output !== true) continue;
    const permalink = asString(settings.permalink) ?? `/:collection/:path`;
    const prefix = permalink.replace(/:collection/g, name).split('/:')[0]!;
    mounts.push({ url: cleanUrlPrefix(prefix.includes(':') ? `/${name}` : prefix) || '/', dir: joinDir(joinDir(source, collectionsDir), `_${name}`), kind: 'pages' });
  }
  mounts.push({ url: '/', dir: source, kind: 'pages' });
  for (const name of asStrings(config.exclude)) unserved.push(joinDir(source, cleanDir(name)));
  const servedCollections = new Set(mounts.map((m) => m.dir));
  return {
    generator: 'jekyll',
    configFile,
    mounts,
    baseUrl: cleanUrlPrefix(asString(config.baseurl) ?? ''),
    redirects: new Map(),
    generated: [],
    // Folders starting with `_` (layouts, includes, data, drafts) are not served, collections aside.
    unserved: [...unserved, ...['_layouts', '_includes', '_data', '_sass', '_drafts', '_site', '_plugins'].map((d) => joinDir(source, d)).filter((d) => !servedCollections.has(d))],
  };
}
