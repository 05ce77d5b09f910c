import { posix } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { joinDir } from './config-text';
import { below, isUnder, pageByName, pagesMountOf, siteOfPath, splatRedirectKey, stripBase, urlKey, type SiteContext, type SiteModel, type SiteMount } from './site-model';

/** What a link leads to on the published site. */
export type SiteLinkResult =
  | { kind: 'page'; path: string; isDir?: boolean }
  | { kind: 'redirect'; to: string; source: string }
  | { kind: 'generated'; dataFile: string }
  | { kind: 'maybe-generated'; why: string; tried: string[] }
  | { kind: 'missing'; site: SiteModel; tried: string[] }
  | { kind: 'served-elsewhere'; dir: string };

/** Existence checks on the working tree. */
export interface ExistingFiles {
  hasFile(path: string): boolean;
  hasDir(path: string): boolean;
  /** The file that equals `path` but for case; undefined when none (or when the set cannot tell). */
  fileIgnoringCase?(path: string): string | undefined;
}

/**
 * Resolves a link of a doc the way its docs site does: a site-root link (`/manual/x.html`,
 * `/docs/x/`) through the site's mounts, a relative one against the page's URL (pretty or `.html`);
 * each URL to its source page (`.md`, `.mdx`, `.html.md`, `.html.md.erb`, `index` pages, front
 * matter permalinks), a configured redirect, or a page made from data. Undefined when the doc is
 * in no detected site, or the link is not a path.
 */
export function resolveSiteLink(written: string, linkKind: 'absolute-path' | 'relative', docPath: string, ctx: SiteContext, files: ExistingFiles): SiteLinkResult | undefined {
  const site = siteOfPath(ctx.sites, docPath);
  if (!site || !written) return undefined;
  // A site-root link of content served under a prefix this repository does not name.
  if (site.servedElsewhere && linkKind === 'absolute-path') return { kind: 'served-elsewhere', dir: site.mounts[0]?.dir ?? '' };
  // Docusaurus resolves a markdown file link from the page's folder, then from the docs (version) folder.
  const docsMount = pagesMountOf(site, docPath);
  const file = written.replace(/[?#].*$/, '');
  if (linkKind === 'relative' && docsMount?.routes === 'docusaurus-docs' && /\.mdx?$/i.test(file)) {
    const fromRoot = posix.normalize(joinDir(docsMount.dir, file));
    if (isUnder(fromRoot, docsMount.dir) && files.hasFile(fromRoot)) return { kind: 'page', path: fromRoot };
  }
  // A render hook that looks links up with Hugo's GetPage finds a relative one by content path first.
  const byContentPath = linkKind === 'relative' && site.hookFindsPages && docsMount ? (getPageRelative(docsMount, docPath, file, files) ?? pageByName(site, file)) : undefined;
  if (byContentPath) return { kind: 'page', path: byContentPath };
  const urls = linkKind === 'absolute-path' ? [written] : pageUrlBases(site, docPath).map((base) => posix.normalize(posix.join(base, written)));
  if (linkKind === 'relative' && site.hookFindsPages) urls.push(posix.normalize(`/${written}`));
  const tried: string[] = [];
  let maybe: SiteLinkResult | undefined;
  for (const raw of urls) {
    if (raw.startsWith('/..') || raw === '/..') continue;
    const url = stripBase(site, raw);
    const key = urlKey(url);
    const permalink = ctx.permalinks.get(key);
    if (permalink) return { kind: 'page', path: permalink };
    for (const mount of site.mounts) {
      const prefix = mount.url === '/' ? '/' : `${mount.url}/`;
      // Hugo lower-cases URLs, a language's prefix too (`zh-CN` serves `/zh-cn/`); pages below are found whatever the case (see below).
      const at = site.generator === 'hugo' ? url.slice(0, prefix.length).toLowerCase() + url.slice(prefix.length) : url;
      if (!(at === mount.url || at.startsWith(prefix) || (mount.url === '/' && url.startsWith('/')))) continue;
      if (mount.absent) return { kind: 'maybe-generated', why: notHeld(mount), tried };
      const rest = at === mount.url ? '' : url.slice(prefix.length);
      // The blog plugin makes the post list and its tag, archive, author and later pages.
      if (mount.routes === 'docusaurus-blog' && /^(|(tags|archive|authors|page)(\/.*)?)$/.test(urlKey(rest))) return { kind: 'generated', dataFile: mount.dir };
      for (const candidate of pageCandidates(mount, rest, url.endsWith('/'))) {
        // Hugo lower-cases URLs: `/methods/page/isancestor/` is `methods/page/IsAncestor.md`.
        const found = files.hasFile(candidate) ? candidate : site.generator === 'hugo' ? files.fileIgnoringCase?.(candidate) : undefined;
        // A page whose front matter (`slug`, `permalink`, `url`) or name rules put it elsewhere is not served at its path.
        if (found && !site.unserved.some((d) => isUnder(found, d)) && !ctx.moved.has(found)) return { kind: 'page', path: found };
        if (!tried.includes(candidate)) tried.push(candidate);
      }
      // Hugo makes a list page for every section folder of its content, with or without `_index.md`.
      const dir = joinDir(mount.dir, urlKey(rest));
      if (site.generator === 'hugo' && mount.kind === 'pages' && files.hasDir(dir)) return { kind: 'page', path: dir, isDir: true };
    }
    const splat = splatRedirectKey(site.redirects, key);
    const redirect = site.redirects.get(key) ?? (splat !== undefined ? site.redirects.get(splat) : undefined);
    if (redirect) return { kind: 'redirect', ...redirect };
    const templated = site.templatedRedirects?.find((t) => url.startsWith(t.prefix));
    if (templated) maybe ??= { kind: 'maybe-generated', why: `\`${templated.source}\` makes redirect rules with template code not run here${templated.prefix ? ` (from URLs under \`${templated.prefix}\`)` : ''}`, tried };
    for (const g of site.generated) {
      if (key === g.prefix && g.listPage) return { kind: 'generated', dataFile: g.dataFile };
      if (!isUnder(key, g.prefix) || key === g.prefix) continue;
      const [entry, ...deeper] = below(key, g.prefix).split('/');
      if (entry && g.names.has(entry) && deeper.length === 0) return { kind: 'generated', dataFile: g.dataFile };
      if (entry && g.names.has(entry)) maybe ??= { kind: 'maybe-generated', why: `\`${g.dataFile}\` lists \`${entry}\` and ${site.mayGenerate ?? 'the site makes pages from it'}`, tried };
    }
    // A folder with a data file of its name (`data/repos.yml` for `/repos/`) has pages for the entries it lists, and no others.
    const prefix = site.generatedPrefixes?.find((p) => isUnder(key, p) && key !== p && !site.generated.some((g) => g.prefix === p));
    if (prefix) maybe ??= { kind: 'maybe-generated', why: `\`${site.configFile}\` makes pages under \`/${prefix}/\``, tried };
    const asset = assetFallback(site, url, files);
    if (asset) return { kind: 'page', path: asset };
  }
  const ignoredBy = maybe ? undefined : keptOutOfGit(site, tried);
  if (ignoredBy) return { kind: 'maybe-generated', why: `\`${ignoredBy.file}\` keeps \`${ignoredBy.path}\` out of git, so the build makes or imports it`, tried };
  return maybe ?? { kind: 'missing', site, tried };
}

/** The first source a link was tried at that a `.gitignore` of the site keeps out of git (the build imports or makes it), and that file. */
function keptOutOfGit(site: SiteModel, tried: string[]): { file: string; path: string } | undefined {
  if (!site.ignoreFiles) return undefined;
  for (const path of tried) {
    for (const { file, content } of site.ignoreFiles) {
      const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
      if (dir && !path.startsWith(`${dir}/`)) continue;
      // `ignore` takes only clean relative paths (it throws on `/x` or `../x`).
      const relative = posix.normalize(dir ? path.slice(dir.length + 1) : path);
      if (!relative || relative === '.' || relative.startsWith('/') || relative.startsWith('../')) continue;
      if (ignoreRules(file, content).ignores(relative)) return { file, path };
    }
  }
  return undefined;
}

const ruleSets = new Map<string, Ignore>();

/** The rules of one `.gitignore` (kept per file and text). */
function ignoreRules(file: string, content: string): Ignore {
  const key = `${file}\u0000${content}`;
  let rules = ruleSets.get(key);
  if (!rules) {
    rules = ignore().add(content);
    if (ruleSets.size > 200) ruleSets.clear();
    ruleSets.set(key, rules);
  }
  return rules;
}

/**
 * The page Hugo's `GetPage` finds for a relative path from a page, whatever URL either has: from a
 * section's own folder (`_index.md`), else from the folder holding the page (a leaf bundle's
 * parent: `blog/2019/0820-x/index.md` finds `0416-y` at `blog/2019/0416-y/index.md`).
 */
function getPageRelative(mount: SiteMount, docPath: string, ref: string, files: ExistingFiles): string | undefined {
  const parts = below(docPath, mount.dir).split('/');
  const name = parts.at(-1)!;
  const container = parts.slice(0, /^index\.(md|markdown|mdx|html)$/i.test(name) ? -2 : -1).join('/');
  const target = posix.normalize(joinDir(mount.dir, joinDir(container, ref.replace(/^\.\//, ''))));
  if (!ref || !isUnder(target, mount.dir)) return undefined;
  const candidates = /\.(md|markdown|mdx)$/i.test(target) ? [target] : [`${target}.md`, joinDir(target, 'index.md'), joinDir(target, '_index.md')];
  return candidates.find((c) => files.hasFile(c));
}

/** An asset (`…/images/x.png`) found in one of the site's asset folders, wherever the linking page is; undefined when none has it. */
function assetFallback(site: SiteModel, url: string, files: ExistingFiles): string | undefined {
  for (const dir of site.assetDirs ?? []) {
    const at = url.indexOf(`/${dir}/`);
    if (at < 0) continue;
    for (const mount of site.mounts) {
      const path = joinDir(mount.dir, url.slice(at + 1));
      if (mount.kind === 'pages' && files.hasFile(path)) return path;
    }
  }
  return undefined;
}

/** Source extensions a page URL without one may come from, in the order generators prefer them. */
const PAGE_SOURCES = ['.md', '.mdx', '.markdown', '.adoc', '.html', '.html.md', '.html.md.erb', '.html.erb', '.html.markdown'];
/** Index pages of a folder, for every generator. */
const INDEX_NAMES = ['index.md', '_index.md', 'index.mdx', 'README.md', 'readme.md', 'index.markdown', 'index.adoc', 'index.html', 'index.html.md', 'index.html.md.erb', 'index.html.erb'];
const PAGE_SOURCE_EXTENSION = /(\.html)?\.(md|markdown|mdx|adoc|erb)(\.erb)?$/i;

/**
 * The files a URL path below a mount may be served from, most likely first: `rest` is the URL
 * below the mount's prefix, without a leading slash. A static mount serves the file itself; a
 * pages mount also `x.md`, `x.html.md`, `x.html.md.erb`… for `x.html`, `x` and `x/`, and the index
 * pages of folder `x`.
 */
export function pageCandidates(mount: SiteMount, rest: string, trailingSlash: boolean): string[] {
  const clean = rest.replace(/^\/+/, '').replace(/\/+$/, '');
  const base = joinDir(mount.dir, clean);
  if (mount.kind === 'static') return clean ? [base] : [];
  const indexes = INDEX_NAMES.map((n) => joinDir(base, n));
  if (!clean) return indexes;
  // `x/` is folder `x`'s index page, or page `x` with a pretty URL (MkDocs, Hugo, Docusaurus).
  if (trailingSlash) return [...indexes, ...PAGE_SOURCES.map((e) => `${base}${e}`)];
  const html = /^(.*)\.html?$/i.exec(base);
  if (html) {
    const stem = html[1]!;
    const out = [base, `${base}.md`, `${base}.md.erb`, `${base}.erb`, `${base}.markdown`, ...PAGE_SOURCES.slice(0, 4).map((e) => `${stem}${e}`)];
    return /(^|\/)index$/.test(stem) ? [...out, ...INDEX_NAMES.map((n) => joinDir(posix.dirname(stem) === '.' ? '' : posix.dirname(stem), n))] : out;
  }
  // `repos.json` may be made from `repos.json.erb` (Middleman templates). A suffix of digits only is
  // a version (`v0.19.0`), no file type: the page sources are tried as for any page URL.
  if (/\.(?=[a-z0-9]{1,8}$)[0-9]*[a-z]/i.test(clean) && !/\.(md|mdx|markdown)$/i.test(clean)) return [base, `${base}.erb`];
  if (/\.(md|mdx|markdown)$/i.test(clean)) return [base];
  const code = (mount.codePages ?? []).flatMap((e) => [`${base}${e}`, joinDir(base, `index${e}`)]);
  return [base, ...PAGE_SOURCES.map((e) => `${base}${e}`), ...indexes, ...code];
}

/**
 * The folder URLs a relative link of a page may be resolved against: the page's URL as the
 * generator forms it, both as `.../x.html` (folder `.../`) and pretty `.../x/` (folder `.../x/`),
 * since generators and their settings differ; one folder for an index page. Empty when the doc
 * is in no pages mount.
 */
export function pageUrlBases(site: SiteModel, docPath: string): string[] {
  const mount = pagesMountOf(site, docPath);
  if (!mount) return [];
  const rel = below(docPath, mount.dir);
  const prefix = mount.url === '/' ? '' : mount.url;
  const stem = rel.replace(PAGE_SOURCE_EXTENSION, '').replace(/\.html?$/i, '');
  const dir = posix.dirname(stem) === '.' ? '' : posix.dirname(stem);
  const inDir = `${prefix}/${dir ? `${dir}/` : ''}`;
  if (/(^|\/)(index|_index|README|readme)$/.test(stem)) return [inDir];
  return [inDir, `${prefix}/${stem}/`];
}

/** Why a link into a mount this checkout does not hold may still lead to a page. */
export function notHeld(mount: SiteMount): string {
  return `the site mounts \`${mount.dir}\` at \`${mount.url}\`, which this checkout does not hold (a git submodule or content fetched at build time)`;
}
