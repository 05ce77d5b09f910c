import { asRecord, asString, dirOf, joinDir, readYaml } from '../config-text';
import { cleanDir, urlKey, type SiteModel, type SiteRedirect } from '../site-model';

/**
 * MkDocs (`mkdocs.yml`, also TechDocs, Material, and the ProperDocs fork's `properdocs.yml`): pages from `docs_dir` (default `docs`, next
 * to the config), served at the root; redirects from the `redirects` plugin's `redirect_maps`
 * (old page → new page or URL, both relative to `docs_dir`). Undefined when the file is not a mapping.
 */
export function mkdocsSite(configFile: string, text: string): SiteModel | undefined {
  const config = asRecord(readYaml(text));
  if (!config) return undefined;
  const base = dirOf(configFile);
  const docsDir = joinDir(base, cleanDir(asString(config.docs_dir) ?? 'docs'));
  const redirects = new Map<string, SiteRedirect>();
  const plugins = Array.isArray(config.plugins) ? config.plugins : [asRecord(config.plugins)].filter(Boolean);
  for (const plugin of plugins) {
    const settings = asRecord(asRecord(plugin)?.redirects);
    const maps = asRecord(settings?.redirect_maps) ?? {};
    for (const [from, to] of Object.entries(maps)) if (typeof to === 'string') redirects.set(urlKey(from), { to, source: configFile });
  }
  const fragments = snippetDirs(config.markdown_extensions).map((d) => joinDir(base, cleanDir(d)));
  return {
    generator: 'mkdocs',
    configFile,
    ...(fragments.length > 0 ? { fragments } : {}),
    mounts: [{ url: '/', dir: docsDir, kind: 'pages' }],
    baseUrl: '',
    redirects,
    generated: [],
    unserved: [],
  };
}

/** The `base_path` folders of the `pymdownx.snippets` extension (a string or a list; none when it is not used). */
function snippetDirs(extensions: unknown): string[] {
  for (const entry of Array.isArray(extensions) ? extensions : [extensions]) {
    const settings = asRecord(asRecord(entry)?.['pymdownx.snippets']);
    if (!settings) continue;
    const base = settings.base_path;
    return (Array.isArray(base) ? base : [base]).filter((d): d is string => typeof d === 'string' && d !== '.' && d !== '');
  }
  return [];
}
