import { posix } from 'node:path';
import { joinDir } from './config-text';
import { below, pagesMountOf, type SiteModel, type SiteMount } from './site-model';

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
  // `repos.json` may be made from `repos.json.erb` (Middleman templates).
  if (/\.[a-z0-9]{1,8}$/i.test(clean) && !/\.(md|mdx|markdown)$/i.test(clean)) return [base, `${base}.erb`];
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
