import { promises as fs } from 'node:fs';
import { decode } from 'ini';
import { parse } from 'yaml';
import type { ConfigFiles, ConfigRead, IniSections } from '../core/context/types';

/** Config files larger than this are refused as invalid: a kubeconfig or AWS config is a few kilobytes. */
const MAX_BYTES = 4 * 1024 * 1024;

interface CachedRead {
  mtimeMs: number;
  size: number;
  read: ConfigRead<unknown>;
}

/**
 * Reads the machine's kubeconfig, AWS, gcloud and Azure files for the context guard. Each parse is
 * cached by path and kept while the file's stamp (mtime, size) is unchanged, so the CodeLens can ask
 * on every render for the price of a `stat`. YAML with the `yaml` library (as front matter is),
 * INI with `ini` (the AWS CLI's and gcloud's format: `#`/`;` comments, `[profile x]` sections).
 */
export class NodeConfigFiles implements ConfigFiles {
  private readonly cache = new Map<string, CachedRead>();

  yaml(path: string): Promise<ConfigRead<unknown>> {
    return this.read(path, 'yaml', (text) => parse(text, { maxAliasCount: 100 }) as unknown);
  }

  ini(path: string): Promise<ConfigRead<IniSections>> {
    return this.read(path, 'ini', parseIni) as Promise<ConfigRead<IniSections>>;
  }

  json(path: string): Promise<ConfigRead<unknown>> {
    return this.read(path, 'json', (text) => JSON.parse(text) as unknown);
  }

  text(path: string): Promise<ConfigRead<string>> {
    return this.read(path, 'text', (text) => text.trim()) as Promise<ConfigRead<string>>;
  }

  private async read(path: string, kind: string, parseText: (text: string) => unknown): Promise<ConfigRead<unknown>> {
    const key = `${kind}:${path}`;
    let stat;
    try {
      stat = await fs.stat(path);
    } catch {
      this.cache.delete(key);
      return { status: 'missing' };
    }
    if (!stat.isFile()) return { status: 'invalid', message: 'not a regular file' };
    const cached = this.cache.get(key);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.read;
    let read: ConfigRead<unknown>;
    if (stat.size > MAX_BYTES) read = { status: 'invalid', message: `larger than ${MAX_BYTES / 1024 / 1024} MB` };
    else {
      try {
        const text = (await fs.readFile(path, 'utf8')).replace(/^\uFEFF/, '');
        read = { status: 'ok', data: parseText(text) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return { status: 'missing' };
        read = { status: 'invalid', message: (error as Error).message.split('\n')[0]! };
      }
    }
    this.cache.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, read });
    return read;
  }
}

/**
 * INI sections with string values. `ini` splits a section name at dots (`[profile a.b]` would nest),
 * so the dots of section headers are escaped first; its booleans are turned back into text.
 */
export function parseIni(text: string): IniSections {
  const escaped = text.replace(/^(\s*\[)([^\]\n]*)(\][^\n]*)$/gm, (_whole, open: string, name: string, close: string) => `${open}${name.replace(/\\?\./g, '\\.')}${close}`);
  const data = decode(escaped) as Record<string, unknown>;
  const sections: IniSections = {};
  for (const [name, value] of Object.entries(data)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const section: Record<string, string> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      if (typeof entry === 'string' || typeof entry === 'boolean' || typeof entry === 'number') section[key] = String(entry);
    }
    sections[name] = section;
  }
  return sections;
}
