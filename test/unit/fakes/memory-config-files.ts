import type { ConfigFiles, ConfigRead, IniSections } from '../../../src/core/context/types';

/** Config files held in memory by absolute path; a path not set is missing. Counts reads per path. */
export class MemoryConfigFiles implements ConfigFiles {
  readonly yamlFiles = new Map<string, unknown>();
  readonly iniFiles = new Map<string, IniSections>();
  readonly jsonFiles = new Map<string, unknown>();
  readonly textFiles = new Map<string, string>();
  /** Paths that exist but do not parse, with the message. */
  readonly invalid = new Map<string, string>();
  readonly reads: string[] = [];

  async yaml(path: string): Promise<ConfigRead<unknown>> {
    return this.read(path, this.yamlFiles);
  }
  async ini(path: string): Promise<ConfigRead<IniSections>> {
    return this.read(path, this.iniFiles);
  }
  async json(path: string): Promise<ConfigRead<unknown>> {
    return this.read(path, this.jsonFiles);
  }
  async text(path: string): Promise<ConfigRead<string>> {
    return this.read(path, this.textFiles);
  }
  private read<T>(path: string, files: Map<string, T>): ConfigRead<T> {
    this.reads.push(path);
    const message = this.invalid.get(path);
    if (message !== undefined) return { status: 'invalid', message };
    return files.has(path) ? { status: 'ok', data: files.get(path)! } : { status: 'missing' };
  }
}

/** A kubeconfig's data: the current context and each context's namespace. */
export function kubeconfig(current: string | undefined, contexts: Record<string, string | undefined>): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    ...(current ? { 'current-context': current } : {}),
    contexts: Object.entries(contexts).map(([name, namespace]) => ({ name, context: { cluster: name, user: name, ...(namespace ? { namespace } : {}) } })),
  };
}
