import { asRecord, asString } from '../config-text';

/**
 * Hugo's `permalinks` setting: section → URL pattern for the pages of that section. Both forms:
 * `permalinks: { blog: … }` and, since Hugo 0.120, `permalinks: { page: { blog: … } }` (the
 * `section`, `taxonomy` and `term` kinds are list pages, which keep their path's URL).
 */
export function hugoPermalinkPatterns(config: unknown): Record<string, string> | undefined {
  const setting = asRecord(asRecord(config)?.permalinks);
  if (!setting) return undefined;
  const out: Record<string, string> = {};
  const pages = asRecord(setting.page);
  for (const [section, pattern] of Object.entries(pages ?? setting)) {
    const text = asString(pattern);
    if (text && !['section', 'taxonomy', 'term'].includes(section)) out[section] = text;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The URL Hugo gives the page at `rel` (below its content folder) by its section's permalink
 * pattern, from its front matter; undefined when its section has none, it is a list page
 * (`_index.md`), or the pattern needs what the page does not say (`:year` without a `date`) or
 * what is not modelled here (`:weekday`, a date format in brackets, …).
 */
export function hugoPermalink(patterns: Record<string, string>, rel: string, frontMatter: Record<string, unknown>): string | undefined {
  const parts = rel.split('/');
  const section = parts.length > 1 ? parts[0]! : undefined;
  const pattern = section !== undefined ? patterns[section] : undefined;
  const file = parts.at(-1)!;
  if (!pattern || /^_index\.(md|markdown|mdx|html)$/i.test(file)) return undefined;
  // A page bundle (`post/index.md`) is named by its folder.
  const name = /^index\.(md|markdown|mdx|html)$/i.test(file) ? parts.at(-2)! : file.replace(/\.(md|markdown|mdx|html)$/i, '');
  const title = asString(frontMatter.title);
  const slug = asString(frontMatter.slug);
  const date = dateOf(frontMatter.date ?? frontMatter.publishDate);
  const values: Record<string, string | undefined> = {
    year: date?.slice(0, 4),
    month: date?.slice(5, 7),
    day: date?.slice(8, 10),
    slug: slug !== undefined ? urlize(slug) : title !== undefined ? urlize(title) : urlize(name),
    slugorfilename: slug !== undefined ? urlize(slug) : urlize(name),
    slugorcontentbasename: slug !== undefined ? urlize(slug) : urlize(name),
    title: title !== undefined ? urlize(title) : undefined,
    filename: urlize(name),
    contentbasename: urlize(name),
    section,
    sections: parts.slice(0, -1 - (name === parts.at(-2) ? 1 : 0)).join('/'),
  };
  let unknown = false;
  const url = pattern.replace(/:(\w+)/g, (_, token: string) => {
    const value = values[token];
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown || /[[\]]/.test(url) ? undefined : url.startsWith('/') ? url : `/${url}`;
}

/** `YYYY-MM-DD` of a front matter date (a string or a YAML date), or undefined. */
function dateOf(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  const text = asString(value);
  return text && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : undefined;
}

/**
 * A text made a URL path segment as Hugo does by default: spaces become `-`, characters other than
 * letters, digits and `._-~+#` are dropped, and the result is lower-cased.
 */
export function urlize(text: string): string {
  let out = '';
  for (const ch of text.trim().normalize('NFC')) {
    if (/[\p{L}\p{N}\p{M}._\-~+#]/u.test(ch)) out += ch;
    else if (/\s/.test(ch)) out += '-';
  }
  return out.toLowerCase();
}
