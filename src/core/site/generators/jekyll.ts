import { asRecord, asString, asStrings, dirOf, joinDir, readYaml, type SiteFiles } from '../config-text';
import { cleanDir, cleanUrlPrefix, isUnder, pagesMountOf, urlKey, type SiteModel, type SiteMount } from '../site-model';

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
    mounts.push({ url: cleanUrlPrefix(prefix.includes(':') ? `/${name}` : prefix) || '/', dir: joinDir(joinDir(source, collectionsDir), `_${name}`), kind: 'pages', permalink: permalink.replace(/:collection/g, name) });
  }
  // Posts are a collection whether configured or not.
  if (!('posts' in collections)) mounts.push({ url: '/', dir: joinDir(joinDir(source, collectionsDir), '_posts'), kind: 'pages', permalink: postPattern(asString(config.permalink)) });
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

/** The URL pattern of posts for a site-wide `permalink:` setting (Jekyll's built-in styles). */
function postPattern(setting: string | undefined): string {
  const styles: Record<string, string> = {
    date: '/:categories/:year/:month/:day/:title:output_ext',
    pretty: '/:categories/:year/:month/:day/:title/',
    ordinal: '/:categories/:year/:y_day/:title:output_ext',
    none: '/:categories/:title:output_ext',
  };
  return styles[setting ?? 'date'] ?? setting ?? styles.date!;
}

/**
 * The URL of a collection page from its pattern and its path below the collection folder:
 * `:path`, `:name`, `:title`, the `:year`/`:month`/`:day` of a dated file name, `:output_ext`;
 * `:categories` and other placeholders left empty. Undefined when a date is needed and the name has none.
 */
export function collectionUrl(pattern: string, rel: string): string | undefined {
  const stem = rel.replace(/\.[^./]+$/, '');
  const base = stem.slice(stem.lastIndexOf('/') + 1);
  const dated = /^(\d{4})-(\d{2})-(\d{2})-(.+)$/.exec(base);
  if (/:(year|month|day)/.test(pattern) && !dated) return undefined;
  const values: Record<string, string> = { path: stem, name: base, title: dated ? dated[4]! : base, year: dated?.[1] ?? '', month: dated?.[2] ?? '', day: dated?.[3] ?? '', output_ext: '.html' };
  return pattern.replace(/:([a-z_]+)/g, (_, key: string) => values[key] ?? '').replace(/\/{2,}/g, '/');
}

/** How many `.html` pages of a Jekyll site are read for their front matter. */
const HTML_PAGES_READ = 2000;

/**
 * Pages Jekyll serves from `.html` files with front matter at their `permalink` (rubygems guides'
 * `command-reference/gemfile.html` at `/gemfile/`): `[URL key, path]` for each, skipping
 * unserved and `_` folders (layouts, includes). Markdown docs' permalinks are read from the docs.
 */
export async function jekyllHtmlPermalinks(site: SiteModel, files: SiteFiles): Promise<Array<[string, string]>> {
  const pages = files.list.filter((f) => /\.html?$/i.test(f) && pagesMountOf(site, f) && !site.unserved.some((d) => isUnder(f, d)) && !/(^|\/)_[^/]*\//.test(f.slice((pagesMountOf(site, f)?.dir.length ?? 0))));
  const out: Array<[string, string]> = [];
  for (const path of pages.slice(0, HTML_PAGES_READ)) {
    const text = (await files.read(path).catch(() => undefined)) ?? '';
    const block = /^---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(text)?.[1];
    const permalink = block !== undefined ? asString(asRecord(readYaml(block))?.permalink) : undefined;
    if (permalink && !permalink.includes(':')) out.push([urlKey(permalink), path]);
  }
  return out;
}
