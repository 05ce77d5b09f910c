// What the staleness engine and alert coverage both ask of the repository: its remotes, its refs
// and its files as they are now (implemented in src/node).

/** A git remote as configured (`git remote -v`, fetch URL). */
export interface GitRemote {
  name: string;
  url: string;
}

/** Short names of the refs of the repository, for splitting `blob/<ref>/<path>` URLs. */
export interface GitRefs {
  /** Local branches and remote-tracking branches without the remote name (`main`, `release/1.2`). */
  branches: string[];
  tags: string[];
}

/** The files of the workspace as they are now. Implemented in `src/node/git-workspace-files.ts`. */
export interface WorkspaceFiles {
  /** Every file below the root (git-tracked plus untracked, not ignored), sorted. */
  list(signal?: AbortSignal): Promise<string[]>;
  /** A file's text, or undefined when it cannot be read or is larger than `maxBytes`. */
  read(path: string, maxBytes?: number): Promise<string | undefined>;
  /**
   * The files whose text contains `word` (case-insensitive), in one pass (`git grep`), limited to
   * names ending in one of `extensions` (`.yml`) when given; undefined when the implementation
   * cannot search, and the caller then reads the files itself.
   */
  filesContaining?(word: string, extensions?: string[], signal?: AbortSignal): Promise<string[] | undefined>;
}
