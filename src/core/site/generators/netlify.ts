import { asRecord, asString, joinDir, readToml, type SiteFiles } from '../config-text';
import { HUGO_REDIRECT_TEMPLATES, NETLIFY_CONFIG, NETLIFY_REDIRECTS } from '../site-files';
import { urlKey, type SiteModel } from '../site-model';

/**
 * Adds the Netlify redirects a site is deployed with to `site.redirects`, whatever the generator:
 * `_redirects` in a static folder (served as it is), Hugo's `layouts/index.redirects` template
 * (its lines with a template expression in the old URL are skipped), and `[[redirects]]` of
 * `netlify.toml` beside the site's config or at the root. A splat (`/docs/latest/*`) is kept as
 * the key `docs/latest/*`, matched by prefix. Never throws.
 */
export async function addNetlifyRedirects(site: SiteModel, siteDir: string, files: SiteFiles): Promise<void> {
  const has = new Set(files.list);
  const read = async (path: string): Promise<string> => (await files.read(path).catch(() => undefined)) ?? '';
  const templates = site.generator === 'hugo' ? HUGO_REDIRECT_TEMPLATES.map((t) => joinDir(siteDir, t)) : [];
  const lists = [...templates, ...site.mounts.filter((m) => m.kind === 'static').map((m) => joinDir(m.dir, NETLIFY_REDIRECTS))];
  for (const path of lists.filter((p) => has.has(p))) {
    const text = await read(path);
    for (const [from, to] of redirectLines(text)) if (!site.redirects.has(urlKey(from))) site.redirects.set(urlKey(from), { to, source: path });
    for (const prefix of templatedFroms(text)) (site.templatedRedirects ??= []).push({ prefix, source: path });
  }
  for (const path of [...new Set([joinDir(siteDir, NETLIFY_CONFIG), NETLIFY_CONFIG])].filter((p) => has.has(p))) {
    const rules = asRecord(readToml(await read(path)))?.redirects;
    for (const rule of Array.isArray(rules) ? rules : []) {
      const from = asString(asRecord(rule)?.from);
      const to = asString(asRecord(rule)?.to);
      if (from && to && !from.includes('{{') && !site.redirects.has(urlKey(from))) site.redirects.set(urlKey(from), { to, source: path });
    }
  }
}

/** `[from, to]` of each rule of a `_redirects` file: `from to [status]`, `#` comments, template lines skipped. */
function redirectLines(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of text.split('\n')) {
    // `to` may hold a template expression with spaces (`/docs/{{ $latest }}/`); a status code (and options) may follow it.
    const [, from, rest] = /^(\S+)\s+(.+)$/.exec(line.trim()) ?? [];
    const to = rest?.replace(/\s+\d{3}!?(\s.*)?$/, '').trim();
    if (!from || !to || from.startsWith('#') || from.includes('{{') || /^[a-z]+:\/\//i.test(from)) continue;
    out.push([from, to]);
  }
  return out;
}

/**
 * The literal start of each rule's old URL that template code computes (`/docs/scalers/{{ $p }}`:
 * `/docs/scalers/`; `{{ $name | printf "/%s" }}`: '' — any URL). A line is a rule when, with its
 * template actions taken out, a target is left after the old URL; `{{ range … }}`, `{{ end }}` and
 * assignments alone are not.
 */
function templatedFroms(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.includes('{{')) continue;
    const marked = line.trim().replace(/\{\{.*?\}\}/g, '\u0000');
    const [from, to] = marked.split(/\s+/);
    if (!from || !to || from.startsWith('#') || !from.includes('\u0000') || to.replace(/\u0000/g, '') === '') continue;
    out.add(from.slice(0, from.indexOf('\u0000')));
  }
  return [...out];
}
