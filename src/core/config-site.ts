import { isAlias, isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import { describe, listWords, unknownKey } from './config-words';
import type { SiteSettings } from './site/site-settings';
import type { SiteGenerator } from './site/site-model';

type Problem = (message: string, at: { line: number; column: number }) => void;
type Locate = (node: Node | null | undefined) => { line: number; column: number };

const GENERATORS: readonly SiteGenerator[] = ['mkdocs', 'hugo', 'docusaurus', 'jekyll', 'middleman', 'antora', 'configured'];
const KEYS: readonly string[] = ['generator', 'source', 'baseUrl', 'static', 'redirects', 'enabled'];

/**
 * The `site:` section of a config file (see `SiteSettings`): `generator` (one of the generators
 * read, or `configured`), `source` and `baseUrl` (strings), `static` (a folder or a list of them),
 * `redirects` (a mapping of old URL to new URL), `enabled` (true or false). An unknown key or a
 * value of the wrong shape is a problem on its line, and that setting is left out.
 */
export function parseSiteSection(doc: Document, section: YAMLMap, problem: Problem, locate: Locate): SiteSettings {
  const out: SiteSettings = {};
  for (const item of section.items) {
    const key = isScalar(item.key) && typeof item.key.value === 'string' ? item.key.value : undefined;
    if (key === undefined || !KEYS.includes(key)) {
      problem(unknownKey(`site.${key ?? String(item.key)}`, key ?? '', KEYS, 'setting'), locate(item.key as Node));
      continue;
    }
    const node = isAlias(item.value) ? (item.value.resolve(doc) as Node | undefined) : (item.value as Node | null);
    const value: unknown = node && 'toJSON' in node ? node.toJSON() : null;
    const wrong = (what: string) => problem(`\`site.${key}\` must be ${what}, not ${describe(value)}.`, locate(node ?? (item.key as Node)));
    if (key === 'generator') {
      if (typeof value === 'string' && (GENERATORS as readonly string[]).includes(value)) out.generator = value as SiteGenerator;
      else wrong(listWords(GENERATORS.map((g) => `\`${g}\``), 'or'));
    } else if (key === 'source' || key === 'baseUrl') {
      if (typeof value === 'string') out[key] = value;
      else wrong('a string');
    } else if (key === 'static') {
      if (typeof value === 'string') out.static = [value];
      else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out.static = value as string[];
      else wrong('a folder or a list of folders');
    } else if (key === 'redirects') {
      if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')) out.redirects = value as Record<string, string>;
      else wrong('a mapping of old URL to new URL');
    } else if (typeof value === 'boolean') out.enabled = value;
    else wrong('true or false');
  }
  return out;
}
