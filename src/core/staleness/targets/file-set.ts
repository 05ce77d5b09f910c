/** The files of the working tree, with their folders, for existence checks. */
export class FileSet {
  private readonly files: Set<string>;
  private readonly dirs = new Set<string>(['']);

  constructor(files: Iterable<string>) {
    this.files = new Set(files);
    for (const file of this.files) {
      for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
        const dir = file.slice(0, slash);
        if (this.dirs.has(dir)) break;
        this.dirs.add(dir);
      }
    }
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  /** True for '' (the root) and every folder that holds a file. */
  hasDir(path: string): boolean {
    return this.dirs.has(path);
  }

  private lower: Map<string, string> | undefined;

  /** The file whose path equals `path` but for case (the first in sort order), for generators that lower-case URLs; undefined when none. */
  fileIgnoringCase(path: string): string | undefined {
    if (!this.lower) {
      this.lower = new Map();
      for (const file of [...this.files].sort()) if (!this.lower.has(file.toLowerCase())) this.lower.set(file.toLowerCase(), file);
    }
    return this.lower.get(path.toLowerCase());
  }

  /** Every file, in no particular order. */
  all(): IterableIterator<string> {
    return this.files.values();
  }
}
