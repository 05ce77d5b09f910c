import { posix } from 'node:path';
import type { DocModel } from '../doc-model';
import { asString, asStrings, dirOf, joinDir, type SiteFiles } from './config-text';
import { antoraSite } from './generators/antora';
import { docusaurusBlogPath, docusaurusDocPath, docusaurusSite } from './generators/docusaurus';
import { hugoHookDestinations, hugoPermalinksFile, hugoSite } from './generators/hugo';
import { hugoPermalink, urlize } from './generators/hugo-permalinks';
import { hugoContentTrees } from './generators/hugo-content-tree';
import { collectionUrl, jekyllHtmlPermalinks, jekyllSite } from './generators/jekyll';
import { middlemanSite } from './generators/middleman';
import { mkdocsSite } from './generators/mkdocs';
import { addNetlifyRedirects } from './generators/netlify';
import { applySiteSettings, type SiteSettings } from './site-settings';
import { DOCUSAURUS_VERSIONS, hugoConfigBefore, siteConfigKind } from './site-files';
import { below, pagesMountOf, siteOfPath, stripBase, urlKey, type SiteContext, type SiteModel } from './site-model';

export type { SiteFiles } from './config-text';
export type { SiteContext } from './site-model';
export { siteOfPath, stripBase } from './site-model';

/**
 * Detects the docs sites of a workspace from its own files, with no configuration: `mkdocs.yml` (or ProperDocs' `properdocs.yml`),
 * Hugo's `hugo.*`/`config.*` (the first of them Hugo reads in a folder, see `hugoConfigBefore`), `docusaurus.config.*`, Jekyll's `_config.yml`, Middleman's `config.rb`
 * or `config/tech-docs.yml` with `source/`, and `antora.yml`, at the root or one folder down (the
 * names and depths are `siteConfigKind`'s, which the staleness re-check test shares); and
 * Hugo content trees with no config, which a site elsewhere builds (see `hugoContentTrees`).
 * `settings` (`.runbooks.yml` `site:`) override what was detected, or describe a site when none
 * is. Front matter of the docs adds redirects (Hugo `aliases`, Jekyll `redirect_from`) and pages
 * placed at another URL (`permalink`, `url`, `slug`). Reads config files through `files`; never throws.
 */
export async function detectSites(files: SiteFiles, docs: readonly DocModel[], settings?: SiteSettings): Promise<SiteContext> {
  const sites: SiteModel[] = [];
  const read = async (path: string): Promise<string> => (await files.read(path).catch(() => undefined)) ?? '';
  const candidates = files.list.filter((f) => siteConfigKind(f) !== undefined).sort((a, b) => a.split('/').length - b.split('/').length);
  const listed = new Set(candidates);
  const taken = new Set<string>();
  const htmlPages: Array<[string, string]> = [];
  for (const path of candidates) {
    let site: SiteModel | undefined;
    if (taken.has(siteDir(path))) continue;
    switch (siteConfigKind(path)) {
      case 'mkdocs': site = mkdocsSite(path, await read(path)); break;
      case 'docusaurus': site = docusaurusSite(path, await read(path), await read(joinDir(dirOf(path), DOCUSAURUS_VERSIONS))); break;
      case 'jekyll': site = jekyllSite(path, await read(path)); break;
      case 'middleman': if (files.list.some((f) => f.startsWith('source/'))) site = await middlemanSite(path, files); break;
      case 'antora': site = antoraSite(path, await read(path), files.list); break;
      // Hugo reads the first of its config names in a folder: a test-only `config.yaml` beside `hugo.toml` is never read.
      case 'hugo': if (!hugoConfigBefore(path, (p) => listed.has(p))) site = hugoSite(path, await read(path), files.list); break;
    }
    if (!site) continue;
    if (site.generator === 'hugo') {
      const hook = await hugoHookDestinations(site, files);
      if (hook.destinations.length) site.hookDestinations = hook.destinations;
      if (hook.getPage) site.hookFindsPages = true;
      site.pagePermalinks ??= await hugoPermalinksFile(site, files);
      if (!site.pagePermalinks) delete site.pagePermalinks;
    }
    if (site.generator === 'jekyll') htmlPages.push(...(await jekyllHtmlPermalinks(site, files)));
    await addNetlifyRedirects(site, siteDir(path), files);
    taken.add(siteDir(path));
    sites.push(site);
  }
  sites.push(...hugoContentTrees(files.list, sites));
  for (const site of sites) await addIgnoreFiles(site, files);
  for (const site of sites) if (site.generator === 'hugo') site.pagesByName = hugoPageNames(site, files.list);
  // A mount below the site root with no file here is content from elsewhere (dapr/docs mounts SDK docs from submodules).
  for (const site of sites) for (const m of site.mounts) if (m.kind === 'pages' && m.url !== '/' && !files.list.some((f) => f.startsWith(`${m.dir}/`))) m.absent = true;
  const withSettings = settings ? applySiteSettings(sites, settings) : sites;
  const routes = addFrontMatterRoutes(withSettings, docs);
  for (const [key, path] of htmlPages) if (!routes.permalinks.has(key)) routes.permalinks.set(key, path);
  return { sites: withSettings, ...routes };
}

/** The folder a site config speaks for: its own, or the one above `config/` (`config/tech-docs.yml`, Hugo's `config/_default/`). */
function siteDir(configFile: string): string {
  return dirOf(configFile).replace(/(^|\/)config(\/_default)?$/, '');
}

/** Adds each doc's front matter redirects to its site; returns the pages placed at other URLs than their path's. */
function addFrontMatterRoutes(sites: SiteModel[], docs: readonly DocModel[]): Pick<SiteContext, 'permalinks' | 'moved'> {
  const permalinks = new Map<string, string>();
  const moved = new Set<string>();
  const terms = new Map<SiteModel, Map<string, Set<string>>>();
  for (const doc of docs) {
    const site = siteOfPath(sites, doc.path);
    if (!site) continue;
    const fm = doc.frontMatter ?? {};
    for (const taxonomy of site.taxonomies ?? []) {
      const used = asStrings(fm[taxonomy]);
      if (used.length === 0) continue;
      const bySite = terms.get(site) ?? new Map<string, Set<string>>();
      terms.set(site, bySite);
      const names = bySite.get(taxonomy) ?? new Set<string>();
      bySite.set(taxonomy, names);
      for (const term of used) names.add(urlize(term));
    }
    for (const field of ['aliases', 'redirect_from']) {
      for (const alias of asStrings(fm[field])) for (const url of aliasUrls(site, doc.path, alias)) site.redirects.set(urlKey(stripBase(site, url)), { to: `/${doc.path}`, source: doc.path });
    }
    const mount = pagesMountOf(site, doc.path);
    const patterned = mount?.permalink ? collectionUrl(mount.permalink, below(doc.path, mount.dir)) : undefined;
    if (patterned) permalinks.set(urlKey(patterned), doc.path);
    const permalink = asString(fm.permalink) ?? asString(fm.url);
    // A Hugo section's permalink pattern serves its pages there, not at their path's URL.
    const sectioned = mount && site.pagePermalinks && !permalink ? hugoPermalink(site.pagePermalinks, below(doc.path, mount.dir), fm) : undefined;
    if (sectioned !== undefined) {
      permalinks.set(urlKey(`${mount!.url === '/' ? '' : mount!.url}${sectioned}`), doc.path);
      moved.add(doc.path);
    }
    const routed = mount?.routes === 'docusaurus-docs' ? docusaurusDocPath(below(doc.path, mount.dir), fm) : mount?.routes === 'docusaurus-blog' ? docusaurusBlogPath(below(doc.path, mount.dir), fm) : undefined;
    const route = permalink && !permalink.includes(':') ? stripBase(site, permalink) : routed !== undefined ? `${mount!.url === '/' ? '' : mount!.url}${routed}` : undefined;
    if (route === undefined || !mount) continue;
    permalinks.set(urlKey(route), doc.path);
    const atPath = urlKey(`${mount.url === '/' ? '' : mount.url}/${below(doc.path, mount.dir)}`);
    if (urlKey(route) !== atPath) moved.add(doc.path);
  }
  // Hugo makes a page for each taxonomy (`/tags/`) and for each term a page uses (`/tags/ecosystem/`).
  for (const [site, byTaxonomy] of terms) {
    const url = site.mounts.find((m) => m.kind === 'pages')?.url ?? '/';
    for (const [taxonomy, names] of byTaxonomy) site.generated.push({ prefix: urlKey(`${url === '/' ? '' : url}/${taxonomy}`), dataFile: `the \`${taxonomy}\` of the pages' front matter`, names, listPage: true });
  }
  return { permalinks, moved };
}

/** A version segment of a URL a site serves a tree under: `latest`, `next`, `v2.4.x`, `1.2`, `<TEMPO_VERSION>`. */
const VERSION_SEGMENT = /^(?:latest|next|main|master|v?\d+(?:\.(?:\d+|x))*|<[^>]+>)$/i;

/**
 * The site URLs an alias of the page at `docPath` redirects from. A relative alias is resolved from
 * the parent of the page's URL, as Hugo does (`../metrics-generator/` of the section page
 * `/metrics-from-traces/metrics-generator/` is `/metrics-generator/`). For content served elsewhere
 * (see `SiteModel.servedElsewhere`), an absolute alias is also taken below its version segment
 * (`/docs/tempo/latest/introduction/x/` is `/introduction/x/` of the tree).
 */
function aliasUrls(site: SiteModel, docPath: string, alias: string): string[] {
  const mount = pagesMountOf(site, docPath);
  if (!alias.startsWith('/')) {
    if (!mount || /^[a-z][a-z0-9+.-]*:/i.test(alias)) return [alias];
    const page = below(docPath, mount.dir).replace(/\.(md|markdown|mdx)$/i, '').replace(/(^|\/)_?index$/, '');
    const pageUrl = `${mount.url === '/' ? '' : mount.url}/${page}`.replace(/\/+$/, '') || '/';
    return [posix.normalize(posix.join(posix.dirname(pageUrl), alias))];
  }
  if (!site.servedElsewhere) return [alias];
  const segments = alias.split('/');
  const version = segments.findIndex((s) => VERSION_SEGMENT.test(s));
  return version < 0 ? [alias] : [alias, `/${segments.slice(version + 1).join('/')}`];
}

/** Most `.gitignore` files read for one site (a monorepo may hold thousands; the nearest are kept). */
const MAX_IGNORE_FILES = 50;

/** Reads the tracked `.gitignore` files in the site's folders and the folders above them (see `SiteModel.ignoreFiles`). */
async function addIgnoreFiles(site: SiteModel, files: SiteFiles): Promise<void> {
  const dirs = site.mounts.map((m) => m.dir);
  const relevant = files.list.filter((f) => {
    if (!/(^|\/)\.gitignore$/.test(f)) return false;
    const dir = dirOf(f);
    return dirs.some((d) => dir === '' || d === dir || d.startsWith(`${dir}/`) || dir.startsWith(`${d}/`));
  });
  const kept = relevant.sort((a, b) => a.split('/').length - b.split('/').length).slice(0, MAX_IGNORE_FILES);
  const read: Array<{ file: string; content: string }> = [];
  for (const file of kept) {
    const content = (await files.read(file).catch(() => undefined)) ?? '';
    if (content.trim()) read.push({ file, content: content.slice(0, 64 * 1024) });
  }
  if (read.length > 0) site.ignoreFiles = read;
}

/** A Hugo site's pages by logical name (see `SiteModel.pagesByName`). */
function hugoPageNames(site: SiteModel, list: readonly string[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  const dirs = site.mounts.filter((m) => m.kind === 'pages').map((m) => m.dir);
  for (const path of list) {
    if (!/\.(md|markdown|mdx|html)$/i.test(path) || !dirs.some((d) => d === '' || path.startsWith(`${d}/`))) continue;
    const parts = path.split('/');
    const file = parts.at(-1)!.replace(/\.(md|markdown|mdx|html)$/i, '');
    const name = (/^_?index$/.test(file) ? parts.at(-2) ?? '' : file).toLowerCase();
    if (name) byName.set(name, [...(byName.get(name) ?? []), path]);
  }
  return byName;
}
