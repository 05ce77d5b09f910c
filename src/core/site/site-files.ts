// The one list of the files docs-site detection reads by name: `detectSites` and the generators
// take their names from here, and the staleness re-check test (`stalenessRelevance`) asks
// `isSiteFilePath`, so a file the detection reads is never missing from what re-checks.

/** The generators whose config file makes a site. */
export type SiteConfigKind = 'mkdocs' | 'docusaurus' | 'jekyll' | 'middleman' | 'antora' | 'hugo';

/** Path segments of a config looked for at the root or one folder down (Hugo's are looked for at any depth). */
export const SITE_CONFIG_DEPTH = 2;

/** Config files Hugo reads, in the order it prefers them (also under `config/_default/`), at any depth. */
export const HUGO_CONFIG = /(^|\/)(hugo|config)\.(toml|ya?ml|json)$|(^|\/)config\/_default\/(hugo|config)\.(toml|ya?ml|json)$/;

/**
 * Hugo's names for its config file, in the order it looks for them in a folder: it reads the first
 * that exists and no other (gohugoio/hugo `config.DefaultConfigNames` and
 * `ValidConfigFileExtensions`; https://gohugo.io/getting-started/configuration/ "hugo.toml,
 * hugo.yaml, or hugo.json, with that order of precedence"; `config.*` is the name before v0.110).
 */
export const HUGO_CONFIG_NAMES: readonly string[] = ['hugo', 'config'].flatMap((name) => ['toml', 'yaml', 'yml', 'json'].map((ext) => `${name}.${ext}`));

/**
 * The file Hugo reads instead of the Hugo config `path` (root-relative): the first of
 * `HUGO_CONFIG_NAMES` before `path`'s name, in its folder, for which `exists` is true. Undefined
 * when Hugo reads `path` itself (or `path` is no Hugo config name). In `config/_default/` Hugo
 * reads both `hugo.*` and `config.*`; a site is modelled from one, so the same order picks it.
 */
export function hugoConfigBefore(path: string, exists: (path: string) => boolean): string | undefined {
  const slash = path.lastIndexOf('/');
  const rank = HUGO_CONFIG_NAMES.indexOf(path.slice(slash + 1));
  return HUGO_CONFIG_NAMES.slice(0, Math.max(rank, 0)).map((name) => `${path.slice(0, slash + 1)}${name}`).find(exists);
}

/** Middleman's config, at the root. */
export const MIDDLEMAN_CONFIG_RB = 'config.rb';

/** The GOV.UK tech-docs template's settings (Middleman), at the root. */
export const MIDDLEMAN_TECH_DOCS = 'config/tech-docs.yml';

/** Middleman's config files, at the root only (a site of them needs a `source/` folder). */
export const MIDDLEMAN_CONFIGS: readonly string[] = [MIDDLEMAN_CONFIG_RB, MIDDLEMAN_TECH_DOCS];

/** Docusaurus' list of versions, beside its config. */
export const DOCUSAURUS_VERSIONS = 'versions.json';

/** Hugo's link render hooks, below the site's folder. */
export const HUGO_LINK_HOOKS: readonly string[] = ['layouts/_markup/render-link.html', 'layouts/_default/_markup/render-link.html'];

/** Hugo's folder of one file per setting, below the site's folder. */
export const HUGO_SETTINGS_DIR = 'config/_default/';

/** Hugo's permalinks setting file, in `HUGO_SETTINGS_DIR`. */
export const HUGO_PERMALINKS = /^permalinks\.(toml|ya?ml|json)$/;

/** Hugo layouts that render the home page's `REDIRECTS` output format into Netlify's `_redirects`, below the site's folder. */
export const HUGO_REDIRECT_TEMPLATES: readonly string[] = ['layouts/index.redirects', 'layouts/home.redirects'];

/** Netlify's list of redirects, in any static folder of a site (the folder's name is the site's setting). */
export const NETLIFY_REDIRECTS = '_redirects';

/** Netlify's config, beside the site's config or at the root. */
export const NETLIFY_CONFIG = 'netlify.toml';

/** Ruby files a Middleman `config.rb` loads for its proxy pages. */
export const MIDDLEMAN_PROXY_RUBY = /^(app|lib)\/.*proxy[^/]*\.rb$/i;

/** Middleman data files proxy pages are made from. */
export const MIDDLEMAN_DATA = /^data\/[^/]+\.ya?ml$/;

/**
 * The generator a file configures a docs site of, by its root-relative path: `mkdocs.yml` (or
 * ProperDocs' `properdocs.yml`), `docusaurus.config.*`, Jekyll's `_config.yml` and `antora.yml` at
 * the root or one folder down; Middleman's `config.rb` or `config/tech-docs.yml` at the root; Hugo's
 * `hugo.*`/`config.*` (also in `config/_default/`) at any depth. Undefined for any other path.
 * Whether the file really makes a site is the generator's to say (`config.yaml` may be anything's).
 */
export function siteConfigKind(path: string): SiteConfigKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (path.split('/').length <= SITE_CONFIG_DEPTH) {
    if (/^(mkdocs|properdocs)\.ya?ml$/.test(name)) return 'mkdocs';
    if (/^docusaurus\.config\.(js|cjs|mjs|ts)$/.test(name)) return 'docusaurus';
    if (name === '_config.yml') return 'jekyll';
    if (MIDDLEMAN_CONFIGS.includes(path)) return 'middleman';
    if (name === 'antora.yml') return 'antora';
  }
  return HUGO_CONFIG.test(path) ? 'hugo' : undefined;
}

/** True when `path` (root-relative) is `name` (a path below a folder) in some folder, or at the root. */
function endsWithPath(path: string, name: string): boolean {
  return path === name || path.endsWith(`/${name}`);
}

/** Hugo's generic config name outside `config/_default/`: services and tools use it too. */
const GENERIC_CONFIG = /(^|\/)config\.(toml|ya?ml|json)$/;
const SETTINGS_DIR_FILE = /(^|\/)config\/_default\/[^/]+$/;

/**
 * True for a root-relative path that docs-site detection may read: a site config
 * (`siteConfigKind`; but a `config.*` outside `config/_default/` only at the root or one folder
 * down: deeper, that common name is far more often a service's than a Hugo site's, and saving one
 * must not start a re-check), or a file a site reads beside it, wherever a site may lie (Docusaurus'
 * `versions.json` at the root or one folder down; Hugo's link render hooks, permalinks file and
 * redirects templates below any folder; a `_redirects` or `netlify.toml` anywhere; Middleman's
 * proxy Ruby files and data files). Site `.gitignore` files are read too; they are not listed here.
 */
export function isSiteFilePath(path: string): boolean {
  const kind = siteConfigKind(path);
  if (kind === 'hugo' && GENERIC_CONFIG.test(path) && !SETTINGS_DIR_FILE.test(path)) return path.split('/').length <= SITE_CONFIG_DEPTH;
  if (kind !== undefined) return true;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === NETLIFY_REDIRECTS || name === NETLIFY_CONFIG) return true;
  if (name === DOCUSAURUS_VERSIONS) return path.split('/').length <= SITE_CONFIG_DEPTH;
  if ([...HUGO_LINK_HOOKS, ...HUGO_REDIRECT_TEMPLATES].some((p) => endsWithPath(path, p))) return true;
  if (HUGO_PERMALINKS.test(name) && endsWithPath(path, `${HUGO_SETTINGS_DIR}${name}`)) return true;
  return MIDDLEMAN_PROXY_RUBY.test(path) || MIDDLEMAN_DATA.test(path);
}
