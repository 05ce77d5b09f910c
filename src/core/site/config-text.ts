import { posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parseDocument } from 'yaml';

/** Reads a site config or data file: the repository's file access, through the core's files port. */
export interface SiteFiles {
  /** Every file below the root, sorted. */
  list: readonly string[];
  /** A file's text; undefined when it cannot be read. */
  read(path: string): Promise<string | undefined>;
}

/**
 * A YAML file's value, read leniently: unknown tags (MkDocs' `!!python/name:`, `!ENV`) become
 * plain values instead of failing the file. Undefined when it does not parse at all.
 */
export function readYaml(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'silent' });
  if (doc.errors.some((e) => e.code !== 'TAG_RESOLVE_FAILED' && e.code !== 'DUPLICATE_KEY')) return undefined;
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** A TOML file's value (Hugo's `hugo.toml`); undefined when it does not parse. */
export function readToml(text: string): unknown {
  try {
    return parseToml(text);
  } catch {
    return undefined;
  }
}

/** A config file's value by its extension: `.toml`, `.yaml`/`.yml` or `.json`; undefined when it does not parse. */
export function readConfig(path: string, text: string): unknown {
  if (/\.toml$/i.test(path)) return readToml(text);
  if (/\.json$/i.test(path)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
  return readYaml(text);
}

/** The value as a plain object; undefined for anything else. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The value as a string; undefined for anything else. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A string or list of strings as a list; other values give []. */
export function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Every string value in a parsed data file, at any depth (the names of its entries among them). */
export function stringValues(value: unknown, into = new Set<string>(), depth = 0): Set<string> {
  if (depth > 20) return into;
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) stringValues(v, into, depth + 1);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringValues(v, into, depth + 1);
  return into;
}

/** The folder of a root-relative path, '' at the root. */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** `dir` joined with `name`, without a leading slash when `dir` is the root; `..` steps taken (`website/../docs` → `docs`). */
export function joinDir(dir: string, name: string): string {
  if (!name) return dir;
  const joined = dir ? `${dir}/${name}` : name;
  if (!/(^|\/)\.\.(\/|$)/.test(joined)) return joined;
  const normal = posix.normalize(joined).replace(/\/+$/, '');
  return normal === '.' ? '' : normal;
}
