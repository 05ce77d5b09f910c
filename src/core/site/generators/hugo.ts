import { asRecord, asString, dirOf, joinDir, readConfig, type SiteFiles } from '../config-text';
import { cleanDir, cleanUrlPrefix, type SiteModel, type SiteMount } from '../site-model';
import { HUGO_LINK_HOOKS, HUGO_PERMALINKS, HUGO_SETTINGS_DIR } from '../site-files';
import { hugoPermalinkPatterns } from './hugo-permalinks';

/**
 * Hugo (`hugo.toml|yaml|json`, `config.*`, `config/_default/`): pages from `contentDir` (default
 * `content`) or the module mounts whose target is `content`, static files from `staticDir`
 * (default `static`) and mounts whose target is `static`, under the path of `baseURL`. Aliases
 * (front matter `aliases:`) are read from the docs themselves. `archetypes/` and `layouts/` are
 * templates, not pages. Undefined when the file does not parse or does not look like Hugo's.
 */
export function hugoSite(configFile: string, text: string, files: readonly string[]): SiteModel | undefined {
  const config = asRecord(readConfig(configFile, text));
  if (!config) return undefined;
  const base = dirOf(configFile).replace(/\/?config\/_default$/, '').replace(/^config\/_default$/, '');
  // `config.yaml` is a common name: only take it for Hugo when it says Hugo things, or sits beside
  // a content folder and Hugo's layouts, themes or archetypes. `hugo.*` is Hugo's own name, but a
  // workflow deploying the site may bear it too: it must set a Hugo setting or sit beside `content/`.
  const generic = /(^|\/)config\./.test(configFile.replace(/config\/_default\//, ''));
  if (generic ? !isHugoConfig(config, base, files) : !setsHugoSetting(config) && !hasDir(files, base, 'content')) return undefined;
  const mounts: SiteMount[] = [];
  const moduleMounts = Array.isArray(asRecord(config.module)?.mounts) ? (asRecord(config.module)!.mounts as unknown[]) : [];
  for (const m of moduleMounts) {
    const mount = asRecord(m);
    const source = asString(mount?.source);
    const target = asString(mount?.target);
    if (!source || !target) continue;
    const kind = /^content(\/|$)/.test(target) ? 'pages' : /^static(\/|$)/.test(target) ? 'static' : undefined;
    if (kind) mounts.push({ url: `/${target.replace(/^(content|static)\/?/, '')}`.replace(/\/$/, '') || '/', dir: joinDir(base, cleanDir(source)), kind });
  }
  if (!mounts.some((m) => m.kind === 'pages')) mounts.push(...languageContentMounts(config, base));
  if (!mounts.some((m) => m.kind === 'static')) {
    const dirs = Array.isArray(config.staticDir) ? config.staticDir.filter((d): d is string => typeof d === 'string') : [asString(config.staticDir) ?? 'static'];
    for (const d of dirs) mounts.push({ url: '/', dir: joinDir(base, cleanDir(d)), kind: 'static' });
  }
  const pagePermalinks = hugoPermalinkPatterns(config);
  // `taxonomies: { tag: tags, … }` replaces the defaults; an empty map turns them off.
  const configured = asRecord(config.taxonomies);
  const taxonomies = configured ? Object.values(configured).filter((v): v is string => typeof v === 'string') : ['tags', 'categories'];
  return {
    generator: 'hugo',
    configFile,
    ...(taxonomies.length > 0 ? { taxonomies } : {}),
    ...(pagePermalinks ? { pagePermalinks } : {}),
    mounts,
    baseUrl: cleanUrlPrefix(asString(config.baseURL) ?? asString(config.baseurl) ?? ''),
    redirects: new Map(),
    generated: [],
    unserved: [joinDir(base, 'archetypes'), joinDir(base, 'layouts')],
  };
}

/**
 * The pages mounts of a site without content mounts: each language's own `contentDir`
 * (`languages.<key>.contentDir`, gohugo.io/content-management/multilingual/) below `/<key>`
 * lower-cased, the default language's (`defaultContentLanguage`, `en`) at `/` unless
 * `defaultContentLanguageInSubdir`; a default language with no folder of its own, or a site whose
 * languages set none, reads the top-level `contentDir` (`content`) at `/`. Disabled languages are left out.
 */
function languageContentMounts(config: Record<string, unknown>, base: string): SiteMount[] {
  const top = asString(config.contentDir) ?? asString(config.contentdir) ?? 'content';
  const fallback: SiteMount = { url: '/', dir: joinDir(base, cleanDir(top)), kind: 'pages' };
  const languages = Object.entries(asRecord(config.languages) ?? {}).flatMap(([key, value]) => {
    const lang = asRecord(value);
    const dir = asString(lang?.contentDir) ?? asString(lang?.contentdir);
    return lang && lang.disabled !== true && dir ? [{ key: key.toLowerCase(), dir }] : [];
  });
  if (languages.length === 0) return [fallback];
  const defaultKey = (asString(config.defaultContentLanguage) ?? asString(config.defaultcontentlanguage) ?? 'en').toLowerCase();
  const inSubdir = (config.defaultContentLanguageInSubdir ?? config.defaultcontentlanguageinsubdir) === true;
  const urlOf = (key: string): string => (key === defaultKey && !inSubdir ? '/' : `/${key}`);
  const mounts: SiteMount[] = languages.map(({ key, dir }) => ({ url: urlOf(key), dir: joinDir(base, cleanDir(dir)), kind: 'pages' }));
  if (!languages.some((l) => l.key === defaultKey)) mounts.unshift({ ...fallback, url: urlOf(defaultKey) });
  return mounts.sort((a, b) => Number(b.url === urlOf(defaultKey)) - Number(a.url === urlOf(defaultKey)));
}

function isHugoConfig(config: Record<string, unknown>, base: string, files: readonly string[]): boolean {
  if (['baseURL', 'baseurl', 'contentDir', 'theme', 'module'].some((k) => k in config)) return true;
  const has = (dir: string): boolean => hasDir(files, base, dir);
  return has('content') && (has('layouts') || has('themes') || has('archetypes'));
}

function hasDir(files: readonly string[], base: string, dir: string): boolean {
  // Worked out once, not per file: a repository lists tens of thousands.
  const prefix = `${joinDir(base, dir)}/`;
  return files.some((f) => f.startsWith(prefix));
}

/**
 * Hugo's settings, lower-cased as Hugo reads them: its root configuration keys (Hugo's
 * `ConfigRootKeysSet`, https://gohugo.io/configuration/) and the common root settings of
 * https://gohugo.io/configuration/all/ ("A new site requires only these settings: baseURL,
 * languageCode, title"). A GitHub Actions workflow (`name`, `on`, `jobs`, …) sets none.
 */
const HUGO_SETTINGS = new Set([
  'build', 'caches', 'cascade', 'deployment', 'frontmatter', 'httpcache', 'imaging', 'languages', 'markup', 'mediatypes', 'menu', 'menus', 'minify',
  'module', 'outputformats', 'outputs', 'page', 'pagination', 'params', 'permalinks', 'privacy', 'related', 'security', 'segments', 'server',
  'services', 'sitemap', 'taxonomies', 'baseurl', 'title', 'languagecode', 'contentdir', 'theme', 'themesdir', 'staticdir', 'publishdir',
  'layoutdir', 'datadir', 'i18ndir', 'archetypedir', 'assetdir', 'copyright', 'defaultcontentlanguage', 'defaultcontentlanguageinsubdir',
  'disablekinds', 'disablealiases', 'disablepathtolower', 'enablegitinfo', 'enablerobotstxt', 'enableemoji', 'enableinlineshortcodes',
  'enablemissingtranslationplaceholders', 'hascjklanguage', 'ignorefiles', 'ignorelogs', 'mainsections', 'paginate', 'relativeurls',
  'canonifyurls', 'uglyurls', 'summarylength', 'timezone', 'titlecasestyle', 'pluralizelisttitles', 'capitalizelisttitles', 'removepathaccents',
  'reflinkserrorlevel', 'contenttypes', 'pygmentscodefences', 'pygmentsstyle', 'pygmentsuseclasses',
]);

/** True when one of the config's top-level keys is a Hugo setting (Hugo reads keys case-insensitively). */
function setsHugoSetting(config: Record<string, unknown>): boolean {
  return Object.keys(config).some((k) => HUGO_SETTINGS.has(k.toLowerCase()));
}

/**
 * Destinations Hugo's link render hooks (`layouts/_markup/render-link.html`,
 * `layouts/_default/_markup/render-link.html`) compare a link to and handle themselves:
 * `{{ if eq $u.String "g" }}` makes `[term](g)` a glossary link. `getPage`: the hook looks
 * destinations up with `GetPage`, which also finds a relative one from the content root.
 */
export async function hugoHookDestinations(site: SiteModel, files: SiteFiles): Promise<{ destinations: string[]; getPage: boolean }> {
  const base = dirOf(site.configFile).replace(/\/?config\/_default$/, '');
  const hookPaths = HUGO_LINK_HOOKS.map((h) => joinDir(base, h));
  const hooks = files.list.filter((f) => hookPaths.includes(f));
  const out = new Set<string>();
  let getPage = false;
  for (const hook of hooks) {
    const text = (await files.read(hook)) ?? '';
    // `.Page.GetPage .Destination` finds a relative destination from the page's section, then from the content root.
    if (/\.GetPage\b/.test(text)) getPage = true;
    for (const m of text.matchAll(/\beq\s+\$?[\w.]+(?:\.String|\.Destination)\s+"([^"]+)"/g)) out.add(m[1]!);
  }
  return { destinations: [...out], getPage };
}

/** `config/_default/permalinks.*` beside a Hugo site's config (Hugo reads one file per setting there). */
export async function hugoPermalinksFile(site: SiteModel, files: SiteFiles): Promise<Record<string, string> | undefined> {
  const base = dirOf(site.configFile).replace(/\/?config\/_default$/, '').replace(/^config\/_default$/, '');
  const dir = joinDir(base, HUGO_SETTINGS_DIR);
  const file = files.list.find((f) => f.startsWith(dir) && HUGO_PERMALINKS.test(f.slice(dir.length)));
  if (!file) return undefined;
  return hugoPermalinkPatterns({ permalinks: readConfig(file, (await files.read(file)) ?? '') });
}
