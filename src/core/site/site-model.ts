/** The static-site generators whose configuration is read. `configured`: only `.runbooks.yml` `site:` says how. */
export type SiteGenerator = 'mkdocs' | 'hugo' | 'docusaurus' | 'jekyll' | 'middleman' | 'antora' | 'configured';

/** A folder of the repository served under a URL prefix. */
export interface SiteMount {
  /** URL path prefix, `/` or `/docs` (no trailing slash except for the root). */
  url: string;
  /** Root-relative folder, '' for the repository root. */
  dir: string;
  /** `pages`: markdown sources become pages; `static`: files are served as they are. */
  kind: 'pages' | 'static';
  /** None of its files are in this checkout (a git submodule, content a build step fetches): what is under its URL is not known here. */
  absent?: boolean;
  /** Jekyll collections: the URL pattern of each page (`/news/:year/:month/:day/:title/`). */
  permalink?: string;
  /** Source extensions besides markdown that become pages here (Docusaurus `src/pages/x.tsx`). */
  codePages?: string[];
  /** `docusaurus-docs`: a page's URL comes from its `slug`/`id` front matter and number-prefix-free names, not from its path; `docusaurus-blog`: from its `slug` or dated file name. */
  routes?: 'docusaurus-docs' | 'docusaurus-blog';
}

/** A redirect the site serves: an old URL that leads somewhere else. */
export interface SiteRedirect {
  to: string;
  /** Root-relative file that declares it (`config/tech-docs.yml`, a doc's front matter). */
  source: string;
}

/** Pages a generator makes from a data file: `/<prefix>/<entry>…` for each entry of `dataFile`. */
export interface GeneratedPages {
  /** URL key prefix (see `urlKey`), e.g. `repos`. */
  prefix: string;
  dataFile: string;
  /** String values found in the data file: an entry's name is among them. */
  names: ReadonlySet<string>;
  /** The prefix itself is a page too (a Hugo taxonomy's list of terms). */
  listPage?: boolean;
}

/**
 * How a docs site turns the repository into URLs, learnt from its own config files (or set in
 * `.runbooks.yml` `site:`). Links are resolved against it the way the published site resolves them.
 */
export interface SiteModel {
  generator: SiteGenerator;
  /** Root-relative config file it was learnt from. */
  configFile: string;
  /** Page and static folders, most specific URL first. */
  mounts: SiteMount[];
  /** URL prefix the whole site lives under (`/project` for a GitHub Pages project site); '' for none. */
  baseUrl: string;
  /** URL key (see `urlKey`) → where it leads. */
  redirects: Map<string, SiteRedirect>;
  /** Pages made from data files. */
  generated: GeneratedPages[];
  /** URL key prefixes under which the config makes pages from code or data that cannot be listed here (`document-types`). */
  generatedPrefixes?: string[];
  /** Asset folders (below a pages mount) that a relative asset link falls back to, wherever the page is (Middleman's `images`). */
  assetDirs?: string[];
  /** Link destinations a render hook of the site handles itself (Hugo's `render-link.html` comparing the destination to `"g"`). */
  hookDestinations?: string[];
  /** A render hook looks link destinations up as pages (Hugo `GetPage`): a relative link is also tried from the site root. */
  hookFindsPages?: boolean;
  /** Why other pages may be generated (e.g. "`config.rb` makes proxy pages"); undefined when nothing says so. */
  mayGenerate?: string;
  /** Root-relative folders under a pages mount that are not served (Jekyll `_layouts`, Hugo `archetypes`). */
  unserved: string[];
  /** Tracked `.gitignore` files in or above the site's folders (`file`: its path), whose rules keep what the build imports out of git. */
  ignoreFiles?: Array<{ file: string; content: string }>;
  /** Hugo: a page's logical name (file name without extension; a bundle's folder), lower-cased → its source files, for refs and `GetPage` by name. */
  pagesByName?: Map<string, string[]>;
  /** Root-relative folders of fragments the generator inserts into pages (MkDocs `pymdownx.snippets` `base_path`): their links resolve from the including page. */
  fragments?: string[];
  /** Redirect rules a `_redirects` template computes (the old URL holds template code): the literal start of their old URLs, and the template. */
  templatedRedirects?: Array<{ prefix: string; source: string }>;
  /** Hugo taxonomies (plural names: `tags`, `categories` by default), whose term pages Hugo makes. */
  taxonomies?: string[];
  /** Hugo `permalinks`: section → URL pattern of its pages (see `hugoPermalink`). */
  pagePermalinks?: Record<string, string>;
  /** Content that a site outside the repository builds (see `hugoContentTrees`): it serves it under a prefix the repository does not name. */
  servedElsewhere?: boolean;
}

/** What `.runbooks.yml` `site:` says about the docs site; every field optional (applied by `applySiteSettings`). */
export interface SiteSettings {
  /** The generator, when detection should not guess (`configured` when none fits). */
  generator?: SiteGenerator;
  /** Folder the pages come from (e.g. `docs`). */
  source?: string;
  /** URL prefix of the whole site (e.g. `/handbook`). */
  baseUrl?: string;
  /** Folders served as they are, at the root (e.g. `[static]`). */
  static?: string[];
  /** Old URL → new URL, beside those the generator's config declares. */
  redirects?: Record<string, string>;
  /** Turns site-aware resolution off even when a site is detected. */
  enabled?: boolean;
}

/** The docs sites of a workspace, and the pages their docs' front matter places elsewhere. */
export interface SiteContext {
  /** Every site detected, shallowest config first. Empty when none is. */
  sites: SiteModel[];
  /** URL key (see `urlKey`) → root-relative doc path, from front matter `permalink:`, `url:` or `slug:`. */
  permalinks: Map<string, string>;
  /** Root-relative doc paths that front matter or the generator's naming rules serve at another URL than their path: not a page at their path's URL. */
  moved: Set<string>;
}

const PAGE_EXTENSION = /(\.html)?(\.(md|markdown|mdx|erb|adoc|html))+$/i;

/**
 * The key a URL or source path is compared by: no leading or trailing slash, no `.html`/markdown
 * extension, no trailing `index`/`_index`/`README`, lower case kept. `/manual/x.html`,
 * `manual/x/` and `manual/x.md` all give `manual/x`; `/` gives ''.
 */
export function urlKey(path: string): string {
  let key = path.replace(/[?#].*$/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  key = key.replace(PAGE_EXTENSION, '');
  key = key.replace(/(^|\/)(index|_index|README|readme)$/, '');
  return key.replace(/\/+$/, '');
}

/** True when `path` (root-relative) lies in `dir` ('' holds everything). */
export function isUnder(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

/** The part of `path` below `dir` (`isUnder` must hold). */
export function below(path: string, dir: string): string {
  return dir === '' ? path : path === dir ? '' : path.slice(dir.length + 1);
}

/** The mount whose pages folder holds `path`, the most specific first; undefined when none does. */
export function pagesMountOf(site: SiteModel, path: string): SiteMount | undefined {
  let best: SiteMount | undefined;
  for (const m of site.mounts) if (m.kind === 'pages' && isUnder(path, m.dir) && (!best || m.dir.length > best.dir.length)) best = m;
  return best;
}

/** Whether the site serves the file at `path`: it lies in a mount and in no unserved folder. */
export function isServed(site: SiteModel, path: string): boolean {
  if (site.unserved.some((d) => isUnder(path, d))) return false;
  return site.mounts.some((m) => isUnder(path, m.dir));
}

/** Cleans a folder name from a config file: no `./`, no leading or trailing slash. */
export function cleanDir(dir: string): string {
  return dir.trim().replace(/^\.\/+/, '').replace(/^\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}

/** Cleans a URL prefix: leading slash, no trailing slash; '' for the root. */
export function cleanUrlPrefix(url: string): string {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed ? `/${trimmed}` : '';
}

/** The site whose pages folder holds `path` (the most specific); undefined when none does. */
export function siteOfPath(sites: readonly SiteModel[], path: string): SiteModel | undefined {
  let best: { site: SiteModel; depth: number } | undefined;
  for (const site of sites) {
    const mount = pagesMountOf(site, path);
    if (mount && (!best || mount.dir.length > best.depth)) best = { site, depth: mount.dir.length };
  }
  return best?.site;
}

/** A URL path without the site's `baseUrl` prefix. */
export function stripBase(site: SiteModel, url: string): string {
  const base = cleanUrlPrefix(site.baseUrl);
  if (base && (url === base || url.startsWith(`${base}/`))) return url.slice(base.length) || '/';
  return url;
}

/** The splat redirect (`docs/latest/*`) whose prefix holds URL key `key`; undefined when none does. */
export function splatRedirectKey(redirects: ReadonlyMap<string, unknown>, key: string): string | undefined {
  for (const from of redirects.keys()) {
    if (!from.endsWith('*')) continue;
    const prefix = from.slice(0, -1).replace(/\/$/, '');
    if (prefix === '' || key === prefix || key.startsWith(`${prefix}/`)) return from;
  }
  return undefined;
}

/**
 * The one page of a Hugo site named `ref` (a single segment, a leading `/` allowed: see
 * `SiteModel.pagesByName`); undefined when none or several are, or `ref` is a path.
 */
export function pageByName(site: SiteModel, ref: string): string | undefined {
  const segment = ref.replace(/[?#].*$/, '').replace(/^\/|\/$/g, '');
  if (segment.includes('/')) return undefined;
  const name = segment.replace(/\.(md|markdown|mdx|html)$/i, '').toLowerCase();
  const found = name ? site.pagesByName?.get(name) : undefined;
  return found?.length === 1 ? found[0] : undefined;
}

/** A pages mount of the site at a URL below the root whose files this checkout does not hold (see `SiteMount.absent`). */
export function absentMounts(site: SiteModel): SiteMount[] {
  return site.mounts.filter((m) => m.kind === 'pages' && m.absent);
}
