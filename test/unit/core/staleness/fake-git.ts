import type { BlobContent, FileAt, FileChange, FileHunks, GitHistory, GitRefs, GitRemote, LogCommit, MergedChange, RepoState, WorkspaceFiles } from '../../../../src/core/staleness/ports';

/**
 * A commit of the fake history: changes, and the content of changed files after it. A changed
 * file without content gets one line naming the commit, so every such change is a one-line change.
 */
export interface FakeCommit {
  sha: string;
  time: number;
  subject: string;
  changes: FileChange[];
  files?: Record<string, string>;
  fileCount?: number;
  /** A merge: its first parent is the commit before it, a second one stands for the merged side. */
  merge?: boolean;
}

/**
 * An in-memory `GitHistory`: a linear first-parent history (oldest first) and a working tree
 * diff. Records every call so tests can assert how much git work a run did.
 */
export class FakeGit implements GitHistory {
  readonly calls: string[] = [];
  state_: RepoState = { kind: 'git', head: undefined, shallow: false };
  working: FileChange[] = [];
  workingDiff: FileHunks[] = [];
  ignored: string[] = [];
  remotes_: GitRemote[] = [];
  refs_: GitRefs = { branches: ['main'], tags: [] };

  constructor(public commits: FakeCommit[] = []) {
    this.syncHead();
  }

  add(commit: Omit<FakeCommit, 'sha'> & { sha?: string }): string {
    const sha = commit.sha ?? (this.commits.length + 1).toString(16).padStart(40, 'a');
    this.commits.push({ ...commit, sha });
    this.syncHead();
    return sha;
  }

  private syncHead(): void {
    if (this.state_.kind === 'git') this.state_ = { ...this.state_, head: this.commits.at(-1)?.sha };
  }

  async state(): Promise<RepoState> {
    this.calls.push('state');
    return this.state_;
  }
  async remotes(): Promise<GitRemote[]> {
    return this.remotes_;
  }
  async refs(): Promise<GitRefs> {
    return this.refs_;
  }
  async log(range: { head: string; since?: string }, onCommit: (commit: LogCommit) => void): Promise<void> {
    this.calls.push(`log ${range.since ? 'since' : 'all'}`);
    const end = this.commits.findIndex((c) => c.sha === range.head);
    const start = range.since ? this.commits.findIndex((c) => c.sha === range.since) + 1 : 0;
    for (let i = end; i >= start; i--) {
      const c = this.commits[i]!;
      onCommit({ sha: c.sha, parents: [...(i > 0 ? [this.commits[i - 1]!.sha] : []), ...(c.merge ? ['f'.repeat(40)] : [])], time: c.time, subject: c.subject, changes: c.changes, fileCount: c.fileCount ?? c.changes.length });
    }
  }
  async readFiles(files: FileAt[], _maxBytes?: number): Promise<Array<BlobContent | undefined>> {
    this.calls.push(`readFiles ${files.length}`);
    return files.map((f) => {
      const text = this.contentAt(f.sha, f.path);
      return text === undefined ? undefined : { oid: `oid:${text}`, size: text.length, text };
    });
  }

  async readBlobs(oids: string[]): Promise<Array<BlobContent | undefined>> {
    this.calls.push(`readBlobs ${oids.length}`);
    return oids.map((oid) => (oid.startsWith('oid:') ? { oid, size: oid.length - 4, text: oid.slice(4) } : undefined));
  }

  async readWorkingFiles(paths: string[]): Promise<Array<BlobContent | undefined>> {
    this.calls.push(`readWorkingFiles ${paths.length}`);
    return paths.map(() => undefined);
  }

  prepareWorkingReads(paths: string[]): void {
    this.calls.push(`prepareWorkingReads ${paths.join(',')}`);
  }

  /** A file's content as of a commit: from the newest commit up to it that changed the file. */
  contentAt(sha: string, path: string): string | undefined {
    const end = this.commits.findIndex((c) => c.sha === sha);
    for (let i = end; i >= 0; i--) {
      const c = this.commits[i]!;
      const change = c.changes.find((ch) => ch.path === path || ch.from === path);
      if (!change) continue;
      if (change.status === 'D' || (change.path !== path && change.status === 'R')) return undefined;
      if (change.status === 'R' && change.similarity === 100 && change.from !== undefined) return this.contentAt(this.commits[i - 1]!.sha, change.from);
      return c.files?.[path] ?? `${c.sha} ${path}\n`;
    }
    return undefined;
  }
  async changedFiles(): Promise<FileChange[]> {
    return this.working;
  }
  async workingChanges(paths: readonly string[]): Promise<FileChange[]> {
    this.calls.push(`workingChanges ${paths.join(',')}`);
    const within = (p: string) => paths.some((q) => p === q || p.startsWith(`${q}/`));
    return (await this.changedFiles()).filter((c) => within(c.path) || (c.from !== undefined && within(c.from)));
  }
  async diffHunks(_from: string, _to: string | undefined, paths: string[]): Promise<FileHunks[]> {
    return this.workingDiff.filter((f) => paths.includes(f.path));
  }
  async ignoreRevs(): Promise<string[]> {
    return this.ignored;
  }
  async resolve(ref: string): Promise<string | undefined> {
    return this.commits.find((c) => c.sha === ref)?.sha;
  }
  async mergeBase(): Promise<string | undefined> {
    return undefined;
  }
  async pathsAtRevs(asks: Array<{ rev: string; paths: string[] }>): Promise<Array<Set<string> | undefined>> {
    this.calls.push(`pathsAtRevs ${asks.length}`);
    return asks.map(() => undefined);
  }
  /** The fake history is linear: no commit is a merge, so nothing is found behind one. */
  async mergedChanges(asks: Array<{ merge: string; paths: string[] }>): Promise<Array<Map<string, MergedChange>>> {
    this.calls.push('mergedChanges');
    return asks.map(() => new Map());
  }
}

/** An in-memory `WorkspaceFiles`; with `git: true`, one that lists as git does (`gitList`). Counts the listings. */
export class FakeFiles implements WorkspaceFiles {
  /** How many times the files were listed. */
  listings = 0;
  gitList?: () => Promise<string[] | undefined>;
  constructor(
    public files: Record<string, string> = {},
    options: { git?: boolean } = {},
  ) {
    if (options.git) this.gitList = () => this.list();
  }
  async list(): Promise<string[]> {
    this.listings++;
    return Object.keys(this.files).sort();
  }
  async read(path: string): Promise<string | undefined> {
    return this.files[path];
  }
}

/** 2025-MM-DD at noon UTC, in Unix seconds. */
export function day(date: string): number {
  return Date.parse(`${date}T12:00:00Z`) / 1000;
}
