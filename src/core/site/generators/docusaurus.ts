import { posix } from 'node:path';
import { asString, dirOf, joinDir } from '../config-text';
import { cleanDir, cleanUrlPrefix, urlKey, type SiteModel, type SiteMount, type SiteRedirect } from '../site-model';

const QUOTED = `['"\`]([^'"\`]*)['"\`]`;

/**
 * Docusaurus (`docusaurus.config.js|ts|mjs`). The config is code, so it is read for the few plain
 * settings that decide URLs, not run: `baseUrl`, the docs plugin's `path` (default `docs`, may lie
 * beside the website: `../docs`) and `routeBasePath` (default `/docs`), `blog`, `src/pages` and
 * `static/`, and the client-redirects plugin's `{ from, to }` entries written as string literals.
 * With `versions.json` (text `versionsJson`), the first version's `versioned_docs/version-X` is
 * served at the docs route, the others at `<route>/X`, and the docs folder at `<route>/next`
 * (unless `lastVersion: 'current'`).
 */
export function docusaurusSite(configFile: string, text: string, versionsJson = ''): SiteModel {
  const base = dirOf(configFile);
  const setting = (name: string): string | undefined => new RegExp(`\\b${name}\\s*:\\s*${QUOTED}`).exec(text)?.[1];
  const docsDir = joinDir(base, cleanDir(setting('path') ?? 'docs'));
  const route = cleanUrlPrefix(setting('routeBasePath') ?? '/docs') || '/';
  const versions = readVersions(versionsJson);
  const lastVersion = setting('lastVersion') ?? versions[0];
  const under = (v: string): string => `${route === '/' ? '' : route}/${v}`;
  const docs: SiteMount[] = [
    { url: versions.length && lastVersion !== 'current' ? under('next') : route, dir: docsDir, kind: 'pages', routes: 'docusaurus-docs' },
    ...versions.map((v): SiteMount => ({ url: v === lastVersion ? route : under(v), dir: joinDir(base, `versioned_docs/version-${v}`), kind: 'pages', routes: 'docusaurus-docs' })),
  ];
  const mounts: SiteMount[] = [
    ...docs,
    { url: '/blog', dir: joinDir(base, 'blog'), kind: 'pages', routes: 'docusaurus-blog' },
    { url: '/', dir: joinDir(base, 'src/pages'), kind: 'pages', codePages: ['.js', '.jsx', '.ts', '.tsx'] },
    { url: '/', dir: joinDir(base, 'static'), kind: 'static' },
  ];
  const redirects = new Map<string, SiteRedirect>();
  const entry = new RegExp(`\\{\\s*(?:from\\s*:\\s*(${QUOTED}|\\[[^\\]]*\\])\\s*,\\s*to\\s*:\\s*${QUOTED}|to\\s*:\\s*${QUOTED}\\s*,\\s*from\\s*:\\s*(${QUOTED}|\\[[^\\]]*\\]))`, 'g');
  for (const m of text.matchAll(entry)) {
    const fromText = m[1] ?? m[5] ?? '';
    const to = m[3] ?? m[4] ?? '';
    for (const from of fromText.matchAll(new RegExp(QUOTED, 'g'))) redirects.set(urlKey(from[1]!), { to, source: configFile });
  }
  return { generator: 'docusaurus', configFile, mounts, baseUrl: cleanUrlPrefix(setting('baseUrl') ?? ''), redirects, generated: [], unserved: [] };
}

/** The version names of `versions.json` (newest first); [] when it is absent or not a list of strings. */
function readVersions(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && /^[\w.-]+$/.test(v)) : [];
  } catch {
    return [];
  }
}

/**
 * The URL path (below the blog route, leading slash) of the blog post at `rel`: its `slug`, else
 * `/YYYY/MM/DD/name` when the file or folder name starts with a date (`2021-05-25-jest-27.md`,
 * `2021-05-25-jest-27/index.md`), else its path without extension.
 */
export function docusaurusBlogPath(rel: string, fm: Record<string, unknown>): string {
  const slug = asString(fm.slug)?.trim();
  if (slug) return slug.startsWith('/') ? slug : `/${slug}`;
  const stem = rel.replace(/\.(md|mdx|markdown)$/i, '').replace(/\/(index|README)$/i, '');
  const dated = /^(\d{4})[-/](\d{2})[-/](\d{2})[-/](.+)$/.exec(stem);
  return dated ? `/${dated[1]}/${dated[2]}/${dated[3]}/${dated[4]}` : `/${stem}`;
}

/** `01-intro` → `intro`, `2-guides` → `guides`; dates and versions (`2021-01-31-notes`, `1.2-x`) are kept, as the docs plugin keeps them. */
export function stripNumberPrefix(name: string): string {
  if (/^\d+[-_.]\d+/.test(name)) return name;
  return /^\d+\s*[-_.]+\s*([^-_.\s].*)$/.exec(name)?.[1] ?? name;
}

/**
 * The URL path (below the docs route, leading slash) the Docusaurus docs plugin gives the doc at
 * `rel` (path below the docs folder) with front matter `fm`: an absolute `slug` as it is; else the
 * folder (number prefixes stripped) joined with a relative `slug`, or with the `id` (default: the
 * file name without number prefix); a category index (`index`, `README`, or named like its folder)
 * is the folder's URL.
 */
export function docusaurusDocPath(rel: string, fm: Record<string, unknown>): string {
  const slug = asString(fm.slug)?.trim();
  if (slug?.startsWith('/')) return slug;
  const dir = dirOf(rel).split('/').filter(Boolean).map(stripNumberPrefix).join('/');
  const dirUrl = dir ? `/${dir}/` : '/';
  const file = rel.slice(rel.lastIndexOf('/') + 1).replace(/\.(md|mdx|markdown)$/i, '');
  const parent = dirOf(rel).split('/').pop() ?? '';
  if (!slug && ['index', 'readme', parent.toLowerCase()].includes(file.toLowerCase())) return dirUrl;
  const base = slug || asString(fm.id) || stripNumberPrefix(file);
  return posix.resolve(dirUrl, base);
}
