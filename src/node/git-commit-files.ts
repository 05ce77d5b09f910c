import { simpleGit, type SimpleGit } from 'simple-git';
import { DocFilter, type DocFilterOptions } from '../core/doc-filter';
import type { DocSource, FileStamp } from '../core/ports';
import type { ChangeSetFiles, WorkspaceFiles } from '../core/repo/repo-ports';
import { GitWorkspaceFiles } from './git-workspace-files';
import { SAFE_GIT_CONFIG, SIMPLE_GIT_UNSAFE } from './safe-git';

/** A file of a commit: its path below the root, its size in bytes, and whether it is a symbolic link. */
interface Entry {
  path: string;
  size: number;
  link: boolean;
}

/**
 * The files of one commit below a root folder, as the staleness rules and command drift read the
 * working tree (`GitWorkspaceFiles`): what `git ls-tree -r` lists there (blobs; submodules are
 * left out), read from git. For `runbooks check --head REF`, where the change set is the commit's
 * and the working tree is something else.
 */
export class GitCommitFiles implements WorkspaceFiles {
  private entries: Promise<Entry[]> | undefined;
  private readonly git: SimpleGit;

  /**
   * `commit` is a resolved commit id; `blobs` reads files in commits (the engine's `GitHistory`,
   * paths relative to the root); `env` is the environment for git (only a few variables are kept).
   */
  constructor(
    private readonly root: string,
    readonly commit: string,
    private readonly blobs: Pick<ChangeSetFiles, 'readFiles'>,
    private readonly env: Record<string, string | undefined>,
  ) {
    const kept: Record<string, string> = {};
    for (const key of ['PATH', 'Path', 'HOME', 'USERPROFILE', 'SYSTEMROOT', 'SystemRoot', 'TMPDIR', 'TEMP', 'TMP']) if (env[key] !== undefined) kept[key] = env[key]!;
    this.git = simpleGit({ baseDir: root, config: ['core.quotePath=false', ...SAFE_GIT_CONFIG], unsafe: SIMPLE_GIT_UNSAFE }).env({ ...kept, LC_ALL: 'C' });
  }

  /** The commit's files below the root with their sizes, sorted (read once). */
  listed(signal?: AbortSignal): Promise<Entry[]> {
    this.entries ??= this.git.raw(['ls-tree', '-r', '-l', '-z', this.commit]).then(parseTree);
    const read = this.entries;
    read.catch(() => {
      if (this.entries === read) this.entries = undefined;
    });
    signal?.throwIfAborted();
    return read;
  }

  async list(signal?: AbortSignal): Promise<string[]> {
    return (await this.listed(signal)).map((e) => e.path);
  }

  async read(path: string, maxBytes = Number.POSITIVE_INFINITY): Promise<string | undefined> {
    const [blob] = await this.blobs.readFiles([{ sha: this.commit, path }], Number.isFinite(maxBytes) ? maxBytes : Number.MAX_SAFE_INTEGER);
    return blob?.text;
  }

  async filesContaining(word: string, extensions?: string[], signal?: AbortSignal): Promise<string[] | undefined> {
    if (!/^[\w-]+$/.test(word) || (extensions && !extensions.every((e) => /^\.[\w-]+$/.test(e)))) return undefined;
    const specs = extensions ? extensions.map((e) => `*${e}`) : ['.'];
    try {
      // `git grep` in a commit names each file `<commit>:<path>`; exit status 1 (no match) rejects with no message.
      const out = await this.git.raw(['grep', '-z', '-l', '-I', '-i', '-F', '-e', word, this.commit, '--', ...specs]);
      signal?.throwIfAborted();
      return out.split('\0').filter(Boolean).map((name) => name.slice(this.commit.length + 1));
    } catch (error) {
      signal?.throwIfAborted();
      return /^\s*$/.test((error as Error).message) ? [] : undefined;
    }
  }

  /** The names the repository goes by, as for the working tree (its folder, its `origin`). */
  repositoryNames(): Promise<string[]> {
    return new GitWorkspaceFiles(this.root, this.env).repositoryNames();
  }
}

/** `git ls-tree -r -l -z` output: `<mode> <type> <oid> <size>\t<path>` records; blobs only. */
function parseTree(out: string): Entry[] {
  const entries: Entry[] = [];
  for (const record of out.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, , size] = record.slice(0, tab).split(/\s+/);
    if (type === 'blob') entries.push({ path: record.slice(tab + 1), size: Number(size) || 0, link: mode === '120000' });
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The documents of one commit (the files of `files` that the doc filter admits; `.gitignore` does
 * not apply, the files are tracked), for indexing the docs as they are at `runbooks check --head REF`.
 * Stamps carry the size and no time.
 */
export class GitCommitDocSource implements DocSource {
  private readonly filter: DocFilter;

  constructor(
    private readonly files: GitCommitFiles,
    private readonly blobs: Pick<ChangeSetFiles, 'readFiles'>,
    filterOptions: Omit<DocFilterOptions, 'useGitignore'>,
  ) {
    this.filter = new DocFilter({ ...filterOptions, useGitignore: false });
  }

  /**
   * A committed symbolic link is no document of its own: git holds only the path it points to (the
   * document it names, e.g. `CLAUDE.md` → `AGENTS.md`, is listed under its own path when admitted).
   */
  async list(signal?: AbortSignal): Promise<FileStamp[]> {
    return (await this.files.listed(signal)).filter((e) => !e.link && this.admits(e.path)).map((e) => ({ path: e.path, mtimeMs: 0, size: e.size }));
  }

  async stat(path: string): Promise<FileStamp | undefined> {
    return (await this.list()).find((s) => s.path === path);
  }

  async read(path: string): Promise<Uint8Array> {
    const [blob] = await this.blobs.readFiles([{ sha: this.files.commit, path }], Number.MAX_SAFE_INTEGER);
    if (blob?.text === undefined) throw new Error(`${path} cannot be read at ${this.files.commit.slice(0, 7)}`);
    return Buffer.from(blob.text, 'utf8');
  }

  private admits(path: string): boolean {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) if (!this.filter.admitsDir(parts.slice(0, i).join('/'))) return false;
    return this.filter.admitsFile(path);
  }
}
