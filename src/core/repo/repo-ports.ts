// What the staleness engine and alert coverage both ask of the repository: its remotes, its refs,
// its files as they are now, and file changes and contents by commit (implemented in src/node).

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
  /**
   * The remote-tracking branches by full name (`refs/remotes/origin/release-1.7`), for the refs a
   * clone has only there (see `GitHistory.pathsAtRevs`). Undefined when not read.
   */
  remoteTracking?: string[];
  /**
   * The branch checked out and the remote's default branch (`origin/HEAD`), as in `branches`:
   * forge links to them follow this history. Undefined or empty when unknown (then every branch
   * is followed).
   */
  current?: string[];
}

/** The files of the workspace as they are now. Implemented in `src/node/git-workspace-files.ts`. */
export interface WorkspaceFiles {
  /** Every file below the root (git-tracked plus untracked, not ignored), sorted. */
  list(signal?: AbortSignal): Promise<string[]>;
  /**
   * The files as git lists them (what `list` gives in a git work tree: tracked and present, plus
   * untracked and not ignored), sorted; undefined when git cannot list them (then use `list`). Such
   * a list stays true while HEAD's tree and the uncommitted changes (`git status`) hold the same
   * files, which lets a caller that reads both keep it.
   */
  gitList?(signal?: AbortSignal): Promise<string[] | undefined>;
  /** A file's text, or undefined when it cannot be read or is larger than `maxBytes`. */
  read(path: string, maxBytes?: number): Promise<string | undefined>;
  /**
   * The files whose text contains `word` (case-insensitive), in one pass (`git grep`), limited to
   * names ending in one of `extensions` (`.yml`) when given; undefined when the implementation
   * cannot search, and the caller then reads the files itself.
   */
  filesContaining?(word: string, extensions?: string[], signal?: AbortSignal): Promise<string[] | undefined>;
  /** The names the repository goes by (its folder's name, its `origin` remote's repository name); undefined or empty when unknown. */
  repositoryNames?(): Promise<string[]>;
}

/** Where a repository lives on a forge: lower-cased host (no port, no `www.`) and path (no `.git`). */
export interface RepoLocation {
  host: string;
  path: string;
}

/** How a file changed in one commit, as `git log --name-status` reports it. */
export type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

/** One file change. */
export interface FileChange {
  status: ChangeStatus;
  /** The path after the change (for `D`: the deleted path). */
  path: string;
  /** For `R` and `C`: the path before. */
  from?: string;
  /** For `R` and `C`: git's similarity index, 0–100 (100: the content is identical). */
  similarity?: number;
  /** The blob after the change, when the source reports it (`git log --raw`); never for deletions. */
  oid?: string;
}

/** A file as it is in one commit. */
export interface FileAt {
  sha: string;
  path: string;
}

/** The content of one file in one commit (`git cat-file --batch`). */
export interface BlobContent {
  /** The blob's object id: equal ids, equal content. */
  oid: string;
  /** Size in bytes. */
  size: number;
  /** The content decoded as UTF-8; absent for binary files and files over the size limit. */
  text?: string;
  /** A NUL byte in the first 8,000 bytes, as git decides. */
  binary?: boolean;
  /** Larger than the limit asked for: only the id and size are known. */
  tooLarge?: boolean;
  /** Git could not read it (a submodule's commit, or an object missing from this clone): only that it changed is known. */
  unreadable?: boolean;
}

/** What the change-set check of alert rules reads of git (a part of the staleness `GitHistory` port). */
export interface ChangeSetFiles {
  /**
   * Files that differ from `from` in `to` (a commit), or in the working tree and index when `to` is
   * undefined (untracked files then count as added). Renames are detected.
   */
  changedFiles(from: string, to: string | undefined, signal?: AbortSignal): Promise<FileChange[]>;
  /** The content of each requested file in its commit, in the order asked; undefined where it does not exist. */
  readFiles(files: FileAt[], maxBytes: number, signal?: AbortSignal): Promise<Array<BlobContent | undefined>>;
}
