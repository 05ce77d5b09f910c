import { posix } from 'node:path';

/**
 * The repository's files as a command would find them, at one point in time (the working tree, or
 * a commit for the change-set check). Paths are root-relative and posix; '' is the root.
 */
export interface RepoTree {
  hasFile(path: string): boolean;
  /** True for '' and every folder that holds a file. */
  hasDir(path: string): boolean;
  /** The names of the files directly in folder `dir`, sorted; empty for an unknown folder. */
  filesIn(dir: string): readonly string[];
  /** Every folder that holds a file, at any depth ('' left out), sorted. */
  folders(): readonly string[];
  /** A file's text, or undefined when it cannot be read (too large, binary, gone). */
  read(path: string): Promise<string | undefined>;
}

/** A `RepoTree` over a list of files and a reader; reads are remembered. */
export class ListedTree implements RepoTree {
  private readonly files: Set<string>;
  private readonly dirs = new Map<string, string[]>([['', []]]);
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private folderList: string[] | undefined;

  constructor(
    list: Iterable<string>,
    private readonly reader: (path: string) => Promise<string | undefined>,
  ) {
    this.files = new Set(list);
    for (const file of this.files) {
      const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
      const names = this.dirs.get(dir);
      if (names) names.push(posix.basename(file));
      else this.dirs.set(dir, [posix.basename(file)]);
      for (let d = dir; d !== ''; ) {
        const parent = posix.dirname(d) === '.' ? '' : posix.dirname(d);
        if (!this.dirs.has(parent)) this.dirs.set(parent, []);
        d = parent;
      }
    }
    for (const names of this.dirs.values()) names.sort();
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  hasDir(path: string): boolean {
    return this.dirs.has(path);
  }

  filesIn(dir: string): readonly string[] {
    return this.dirs.get(dir) ?? [];
  }

  folders(): readonly string[] {
    this.folderList ??= [...this.dirs.keys()].filter((d) => d !== '').sort();
    return this.folderList;
  }

  read(path: string): Promise<string | undefined> {
    let text = this.texts.get(path);
    if (!text) {
      text = this.files.has(path) ? this.reader(path).catch(() => undefined) : Promise.resolve(undefined);
      this.texts.set(path, text);
    }
    return text;
  }
}

/**
 * `written` resolved against folder `base` (root-relative): a normalised root-relative path, or
 * undefined when it leaves the repository.
 */
export function resolveIn(base: string, written: string): string | undefined {
  const joined = posix.normalize(posix.join(base || '.', written)).replace(/\/+$/, '');
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined === '.' ? '' : joined;
}

/** The folder holding `path` ('' for the root). */
export function parentOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}
