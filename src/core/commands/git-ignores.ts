import ignore from 'ignore';
import type { RepoTree } from './repo-tree';

/** The `.gitignore` files of the root and of a path's folders, read once each. */
export class GitIgnores {
  private readonly cache = new Map<string, Promise<ReturnType<typeof ignore> | undefined>>();

  constructor(private readonly tree: RepoTree) {}

  /** True when a `.gitignore` of the root or of a folder above `path` ignores it. */
  async ignores(path: string): Promise<boolean> {
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const rules = await this.rulesOf(dir);
      if (rules?.ignores(parts.slice(i).join('/'))) return true;
    }
    return false;
  }

  private rulesOf(dir: string): Promise<ReturnType<typeof ignore> | undefined> {
    let rules = this.cache.get(dir);
    if (!rules) {
      const file = dir ? `${dir}/.gitignore` : '.gitignore';
      rules = this.tree.hasFile(file) ? this.tree.read(file).then((text) => (text === undefined ? undefined : ignore().add(text))) : Promise.resolve(undefined);
      this.cache.set(dir, rules);
    }
    return rules;
  }
}
