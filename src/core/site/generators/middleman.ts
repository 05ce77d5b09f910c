import { asRecord, readYaml, stringValues, type SiteFiles } from '../config-text';
import { MIDDLEMAN_CONFIG_RB, MIDDLEMAN_DATA, MIDDLEMAN_PROXY_RUBY, MIDDLEMAN_TECH_DOCS } from '../site-files';
import { urlKey, type GeneratedPages, type SiteModel, type SiteRedirect } from '../site-model';

/**
 * Middleman and the GOV.UK tech-docs template (`config.rb`, `config/tech-docs.yml`): pages from
 * `source/`, `x.html.md`, `x.html.md.erb`, `x.html.erb` served as `/x.html` (and a folder's
 * `index.html.*` at `/folder/`). Redirects from tech-docs `redirects:` and from `redirect "old",
 * to: "new"` lines of `config.rb`. A `config.rb` that makes `proxy` pages generates pages from data:
 * `/<name>/<entry>.html` counts as made when `data/<name>.yml` names the entry; other missing
 * pages there may be generated, as may pages under the folder of a `proxy "folder/…#{…}"` path of
 * `config.rb` or of a `path: "/folder/#{…}"` in its proxy Ruby files (`app/*proxy*.rb`). Images
 * linked relative to a page are found in `source/images/` as Middleman's asset helpers find them.
 */
export async function middlemanSite(configFile: string, files: SiteFiles): Promise<SiteModel> {
  const redirects = new Map<string, SiteRedirect>();
  const techDocs = files.list.includes(MIDDLEMAN_TECH_DOCS) ? await files.read(MIDDLEMAN_TECH_DOCS) : undefined;
  const settings = techDocs !== undefined ? asRecord(readYaml(techDocs)) : undefined;
  for (const [from, to] of Object.entries(asRecord(settings?.redirects) ?? {})) {
    if (typeof to === 'string') redirects.set(urlKey(from), { to, source: MIDDLEMAN_TECH_DOCS });
  }
  const configRb = files.list.includes(MIDDLEMAN_CONFIG_RB) ? ((await files.read(MIDDLEMAN_CONFIG_RB)) ?? '') : '';
  for (const m of configRb.matchAll(/^\s*redirect\s+["']([^"']+)["']\s*,\s*to:\s*["']([^"']+)["']/gm)) redirects.set(urlKey(m[1]!), { to: m[2]!, source: MIDDLEMAN_CONFIG_RB });
  const proxies = /^\s*proxy\b|\.proxy\b|\bproxy\s+resource/m.test(configRb) || /ProxyPages/.test(configRb);
  const generated: GeneratedPages[] = [];
  const generatedPrefixes = new Set<string>();
  if (proxies) {
    // `proxy "analytics/event_#{name}.html"` in config.rb, `path: "/repos/#{repo}.html"` in the Ruby it loads for proxies.
    const rubyFiles = files.list.filter((f) => MIDDLEMAN_PROXY_RUBY.test(f));
    const sources = [configRb, ...(await Promise.all(rubyFiles.map(async (f) => (await files.read(f)) ?? '')))];
    for (const text of sources) {
      for (const m of text.matchAll(/(?:\bproxy\s*\(?\s*|\bpath:\s*)["']\/?([^"'#]*?)#\{/g)) {
        const prefix = m[1]!.includes('/') ? m[1]!.slice(0, m[1]!.lastIndexOf('/')) : '';
        if (prefix) generatedPrefixes.add(prefix);
      }
    }
    for (const dataFile of files.list.filter((f) => MIDDLEMAN_DATA.test(f))) {
      const text = await files.read(dataFile);
      const value = text !== undefined ? readYaml(text) : undefined;
      if (value === undefined) continue;
      generated.push({ prefix: dataFile.replace(/^data\//, '').replace(/\.ya?ml$/, ''), dataFile, names: stringValues(value) });
    }
  }
  return {
    generator: 'middleman',
    configFile,
    mounts: [{ url: '/', dir: 'source', kind: 'pages' }],
    baseUrl: '',
    redirects,
    generated,
    generatedPrefixes: [...generatedPrefixes],
    assetDirs: ['images'],
    ...(proxies ? { mayGenerate: '`config.rb` makes proxy pages from data' } : {}),
    unserved: ['source/layouts'],
  };
}
