import * as path from 'node:path';
import { simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import type { BlobContent, FileAt, FileChange, FileHunks, GitHistory, GitRefs, GitRemote, LogCommit, MergedChange, RepoState } from '../core/staleness/ports';
import { CatFileReader, EDITOR_READER_IDLE_MS, READER_IDLE_MS } from './cat-file-reader';
import { readHead } from './git-head';
import { readFromDisk } from './disk-reader';
import { readInside } from './workspace-boundary';
import { filterDriversOf, neutralisingEnv, SIMPLE_GIT_UNSAFE } from './safe-git';
import { detectLayout } from './repo-layout';
import { LOG_FORMAT, LogParser, parseIgnoreRevs, parseRefs, remotesFromConfig } from './git-parse';
import { streamGit } from './git-stream';
import { logFromObjects, objectsShowLog } from './log-from-objects';
import { changedFilesOf, CommitPaths, diffHunksOf, mergedChangesOf, workingChangesOf } from './git-path-queries';
import { pathsAtRevs } from './git-pinned-paths';
import { ConvertedPaths } from './git-working-reads';
import { IndexReader } from './git-index-flags';
import { KeptConfig } from './kept-config';
import { WorkingStatus } from './working-status';
import type { CatFileRecord } from './cat-file-batch';
import { assertRev, blobOf, ENV_KEYS, isSafeRev, MAX_IGNORE_REVS_BYTES, MAX_OBJECT_BYTES, PARALLEL_MIN_OBJECTS, PARALLEL_PROCESSES, splitForParallel, STABLE_CONFIG, type RepoLayout } from './git-invocation';

/**
 * `GitHistory` over simple-git. Every command runs at the repository's top level with stable
 * config and an explicit environment (the process environment is never read). The history pass is
 * one `git log --first-parent --raw -M` process parsed as it streams (`--raw`: the changed paths
 * with their new blob ids, which git computes for `--name-status` anyway); file contents in
 * commits come from `git cat-file --batch`, names on stdin.
 */
export class SimpleGitHistory implements GitHistory {
  private readonly root: string;
  private readonly env: Record<string, string>;
  private layout: Promise<RepoLayout | string> | undefined;
  private readers: CatFileReader[] | undefined;
  private configRead: Promise<Map<string, string[]>> | undefined;
  /** Per working-tree path, whether git converts it (kept across runs while what decides it is unchanged). */
  private readonly indexFile = new IndexReader(); // read once per change of it, for every use
  private readonly converted = new ConvertedPaths(this.indexFile);
  /** What `pathsAt` learnt of commits named by their id. */
  private readonly commitPaths = new CommitPaths();
  /** The last whole config read, kept while the files it came from are unchanged. */
  private readonly keptConfig = new KeptConfig();
  private readonly working = new WorkingStatus();

  /** `env` is the environment to give git (only PATH, HOME and a few platform variables are kept). */
  constructor(root: string, env: Record<string, string | undefined>) {
    this.root = path.resolve(root);
    this.env = {};
    for (const key of ENV_KEYS) if (env[key] !== undefined) this.env[key] = env[key]!;
    this.env.LC_ALL = 'C';
  }

  async state(signal?: AbortSignal, options: { watched?: boolean } = {}): Promise<RepoState> {
    const layout = await this.getLayout(signal);
    if (typeof layout === 'string') return { kind: 'none', reason: layout };
    // One `git config --list` per run (a watched re-check keeps the last while no file it came from
    // changed), read beside HEAD: the filter drivers every later process must switch off come from
    // it, and so do the values asked for later. Asking for HEAD runs no filter, so need not wait.
    const kept = options.watched ? this.keptConfig.take(layout, this.env) : undefined;
    // The editor keeps its readers between re-checks; not on Windows, where an open pack file cannot be deleted by `git gc`.
    for (const reader of this.readersFor(layout)) reader.idleMs = options.watched && process.platform !== 'win32' ? EDITOR_READER_IDLE_MS : READER_IDLE_MS;
    this.configRead = kept && Promise.resolve(kept);
    this.converted.renew();
    if (layout.indexFile) this.indexFile.preload(layout.indexFile);
    const configRead = this.config(signal);
    // HEAD from the cat-file reader (running already on a re-check, and needed later in any run),
    // shallowness from the shallow file: no process of their own.
    const [drivers, read] = await Promise.all([configRead.then(filterDriversOf, () => [] as string[]), readHead(this.readersFor(layout), layout.shallowFile, signal)]);
    layout.env = { ...this.env, ...neutralisingEnv(drivers) };
    if (read) return { kind: 'git', head: read.head, shallow: read.shallow };
    signal?.throwIfAborted();
    // Else both answers from one process when HEAD exists; a repository without commits makes it
    // fail, and then shallowness is asked alone.
    const both = await this.client(layout, signal).raw(['rev-parse', '--is-shallow-repository', '--verify', '--end-of-options', 'HEAD^{commit}']).catch(() => undefined);
    const [shallow, head] = both?.trim().split('\n') ?? [];
    if (both !== undefined && /^[0-9a-f]{40,64}$/.test(head ?? '')) return { kind: 'git', head, shallow: shallow === 'true' };
    signal?.throwIfAborted();
    const alone = await this.client(layout, signal).raw(['rev-parse', '--is-shallow-repository']).catch(() => 'false');
    return { kind: 'git', head: undefined, shallow: alone.trim() === 'true' };
  }

  async remotes(signal?: AbortSignal): Promise<GitRemote[]> {
    return remotesFromConfig(await this.config(signal));
  }

  async refs(signal?: AbortSignal): Promise<GitRefs> {
    const layout = await this.requireLayout(signal);
    return parseRefs(await this.client(layout, signal).raw(['for-each-ref', '--format=%(HEAD)%(refname) %(symref)', 'refs/heads', 'refs/remotes', 'refs/tags']));
  }

  async log(range: { head: string; since?: string }, onCommit: (commit: LogCommit) => void, signal?: AbortSignal): Promise<void> {
    const layout = await this.requireLayout(signal);
    assertRev(range.head);
    if (range.since !== undefined) assertRev(range.since);
    const parser = new LogParser(onCommit, layout.map);
    // A re-check's new commits from their objects, through the running cat-file, where that is git's own answer.
    const read = range.since && (await objectsShowLog(layout, await this.config(signal))) ? await logFromObjects((names) => this.readRecords(layout, names, signal), range.head, range.since) : undefined;
    if (read) return parser.feed(read), parser.end();
    const revs = range.since ? [range.head, `^${range.since}`] : [range.head];
    // Streamed straight from git: the output (27 MiB on moby/moby) is parsed as bytes as it comes,
    // never gathered nor decoded whole. Following renames reads blobs: in a partial or damaged
    // clone one may be missing (`streamGit` rejects with `MissingGitObjectError` then).
    await streamGit(layout, ['log', '--first-parent', '--diff-merges=first-parent', '--raw', '--no-abbrev', '-M', '-z', '--no-ext-diff', LOG_FORMAT, ...revs, '--'], (chunk) => parser.feed(chunk), signal);
    parser.end();
  }

  async readFiles(files: FileAt[], maxBytes: number, signal?: AbortSignal): Promise<Array<BlobContent | undefined>> {
    const out: Array<BlobContent | undefined> = new Array(files.length).fill(undefined);
    const asked = files.map((f, i) => ({ f, i })).filter(({ f }) => isSafeRev(f.sha) && !f.path.includes('\n') && f.path !== '');
    if (asked.length === 0) return out;
    const layout = await this.requireLayout(signal);
    const blobs = await this.readObjects(layout, asked.map(({ f }) => `${f.sha}:${layout.prefix}${f.path}`), maxBytes, signal);
    asked.forEach(({ i }, k) => (out[i] = blobs[k]));
    return out;
  }

  async readBlobs(oids: string[], maxBytes: number, signal?: AbortSignal): Promise<Array<BlobContent | undefined>> {
    const out: Array<BlobContent | undefined> = new Array(oids.length).fill(undefined);
    const asked = oids.map((oid, i) => ({ oid, i })).filter(({ oid }) => /^[0-9a-f]{40,64}$/.test(oid));
    if (asked.length === 0) return out;
    const layout = await this.requireLayout(signal);
    const blobs = await this.readObjects(layout, asked.map(({ oid }) => oid), maxBytes, signal);
    asked.forEach(({ i }, k) => (out[i] = blobs[k]));
    return out;
  }

  async readWorkingFiles(paths: string[], maxBytes: number, signal?: AbortSignal): Promise<Array<BlobContent | undefined>> {
    const out: Array<BlobContent | undefined> = new Array(paths.length).fill(undefined);
    const asked = paths.map((p, i) => ({ p, i })).filter(({ p }) => p !== '' && !p.includes('\0'));
    if (asked.length === 0) return out;
    const layout = await this.requireLayout(signal);
    const converted = await this.converted.of(asked.map(({ p }) => p), layout, (input) => this.client(layout, signal, input), () => this.config(signal));
    const plain = asked.filter((_, k) => !converted[k]);
    const read = await readFromDisk(this.root, plain.map(({ p }) => p), maxBytes, signal);
    plain.forEach(({ i }, k) => (out[i] = read[k]));
    return out;
  }

  prepareWorkingReads(paths: string[], signal?: AbortSignal): void {
    const asked = paths.filter((p) => p !== '' && !p.includes('\0'));
    if (asked.length > 0) this.requireLayout(signal).then((layout) => this.converted.of(asked, layout, (input) => this.client(layout, signal, input), () => this.config(signal))).catch(() => undefined);
  }

  /**
   * Reads objects through long-lived `git cat-file --batch` processes (two, so a big read uses two
   * cores); content over `maxBytes` is skipped as it streams.
   */
  private async readObjects(layout: RepoLayout, names: string[], maxBytes: number, signal?: AbortSignal): Promise<Array<BlobContent | undefined>> {
    const readers = this.readersFor(layout);
    const parts = names.length >= PARALLEL_MIN_OBJECTS ? splitForParallel(names, Math.ceil(names.length / readers.length)) : [names];
    // Each part to the reader with the least work queued.
    const records = (await Promise.all(parts.map((part) => readers.reduce((a, b) => (b.queued < a.queued ? b : a)).read(part, signal)))).flat();
    return records.map((record) => blobOf(record, maxBytes));
  }

  /** Records of `cat-file --batch` for `names`, from the running reader with the least work queued (a process start costs more than the wait). */
  private readRecords(layout: RepoLayout, names: string[], signal?: AbortSignal): Promise<CatFileRecord[]> {
    return this.readersFor(layout).reduce((a, b) => (b.running && (!a.running || b.queued < a.queued) ? b : a)).read(names, signal);
  }

  /** Stops the `cat-file` processes (they also stop by themselves after a few idle seconds). */
  dispose(): void {
    for (const reader of this.readers ?? []) reader.close();
  }

  private readersFor(layout: RepoLayout): CatFileReader[] {
    this.readers ??= Array.from({ length: PARALLEL_PROCESSES }, () => new CatFileReader(layout.top, layout.env, STABLE_CONFIG, MAX_OBJECT_BYTES));
    return this.readers;
  }

  async changedFiles(from: string, to: string | undefined, signal?: AbortSignal): Promise<FileChange[]> {
    const layout = await this.requireLayout(signal);
    assertRev(from);
    if (to !== undefined) assertRev(to);
    return changedFilesOf(this.client(layout, signal), layout, from, to);
  }

  async workingChanges(paths: readonly string[], signal?: AbortSignal): Promise<FileChange[]> {
    const layout = await this.requireLayout(signal);
    const status = () => workingChangesOf(this.client(layout, signal), layout, paths);
    const converted = (asked: string[]) => this.converted.of(asked, layout, (input) => this.client(layout, signal, input), () => this.config(signal));
    return paths.length === 0 ? [] : this.working.changes(paths, { layout, index: this.indexFile, config: () => this.config(signal), objects: (names) => this.readRecords(layout, names, signal), converted, status });
  }

  async diffHunks(from: string, to: string | undefined, paths: string[], signal?: AbortSignal): Promise<FileHunks[]> {
    if (paths.length === 0) return [];
    const layout = await this.requireLayout(signal);
    assertRev(from);
    if (to !== undefined) assertRev(to);
    return diffHunksOf(this.client(layout, signal), layout, from, to, paths);
  }

  async ignoreRevs(signal?: AbortSignal): Promise<string[]> {
    const layout = await this.requireLayout(signal);
    const configured = (await this.config(signal)).get('blame.ignorerevsfile')?.at(-1) ?? '';
    // Repository content (the file, or a path in the repository's git config): read only inside the repository.
    const read = await readInside(layout.top, configured || '.git-blame-ignore-revs', MAX_IGNORE_REVS_BYTES).catch(() => undefined);
    return read?.kind === 'file' ? parseIgnoreRevs(read.bytes.toString('utf8')) : [];
  }

  /**
   * Every configuration value (`git config --list -z`: all scopes, never empty because the stable
   * `-c` settings are listed too), read once per run (`state` starts a run) or kept (`KeptConfig`).
   * With the process environment only (the filter drivers are read from it, so none is switched off yet).
   */
  private config(signal?: AbortSignal): Promise<Map<string, string[]>> {
    this.configRead ??= this.requireLayout(signal).then((layout) => this.keptConfig.read(layout, this.env, (args) => this.client({ top: layout.top, env: this.env }, signal).raw(args)));
    const read = this.configRead;
    read.catch(() => this.configRead === read && (this.configRead = undefined));
    return read;
  }

  async resolve(ref: string, signal?: AbortSignal): Promise<string | undefined> {
    return this.resolveIn(await this.requireLayout(signal), ref, signal);
  }

  async mergeBase(a: string, b: string, signal?: AbortSignal): Promise<string | undefined> {
    const layout = await this.requireLayout(signal);
    assertRev(a);
    assertRev(b);
    const out = await this.client(layout, signal).raw(['merge-base', a, b]).catch(() => '');
    return out.trim() || undefined;
  }

  async pathsAt(rev: string, paths: string[], signal?: AbortSignal): Promise<Set<string> | undefined> {
    return (await this.pathsAtRevs([{ rev, paths }], signal))[0];
  }

  async pathsAtRevs(asks: Array<{ rev: string; paths: string[] }>, signal?: AbortSignal, remoteTracking?: readonly string[]): Promise<Array<Set<string> | undefined>> {
    if (asks.length === 0) return [];
    const layout = await this.requireLayout(signal);
    const [git, cache] = [this.client(layout, signal), this.commitPaths];
    return pathsAtRevs({ layout, git, cache, read: (names) => this.readRecords(layout, names, signal), resolve: (ref) => this.resolveIn(layout, ref, signal), ...(remoteTracking ? { remoteTracking } : {}) }, asks);
  }

  async mergedChanges(asks: Array<{ merge: string; paths: string[] }>, signal?: AbortSignal): Promise<Array<Map<string, MergedChange>>> {
    if (asks.length === 0) return [];
    const layout = await this.requireLayout(signal);
    const git = this.client(layout, signal);
    return Promise.all(asks.map((ask) => mergedChangesOf(git, layout, ask.merge, ask.paths)));
  }

  /**
   * Where the root sits below the repository's top level (`ops/`, or '' at the top or outside a
   * repository): annotations for GitHub and SARIF are relative to the repository, not to the root.
   */
  async rootPrefix(signal?: AbortSignal): Promise<string> {
    const layout = await this.getLayout(signal);
    return typeof layout === 'string' ? '' : layout.prefix;
  }

  private async resolveIn(layout: RepoLayout, ref: string, signal?: AbortSignal): Promise<string | undefined> {
    if (!isSafeRev(ref)) return undefined;
    const out = await this.client(layout, signal).raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch(() => '');
    return /^[0-9a-f]{40,64}$/.test(out.trim()) ? out.trim() : undefined;
  }

  private async getLayout(signal?: AbortSignal): Promise<RepoLayout | string> {
    // Shared by every caller, so not tied to one caller's signal (an abort must not poison it).
    this.layout ??= detectLayout(this.root, this.env, (top) => this.client({ top, env: this.env }));
    const layout = await this.layout;
    signal?.throwIfAborted();
    // "Not a repository" is not remembered: `git init` (or a clone finishing) may come later.
    if (typeof layout === 'string') this.layout = undefined;
    return layout;
  }

  private async requireLayout(signal?: AbortSignal): Promise<RepoLayout> {
    const layout = await this.getLayout(signal);
    if (typeof layout === 'string') throw new Error(`No git repository at ${this.root}: ${layout}`);
    return layout;
  }

  private client(layout: Pick<RepoLayout, 'top' | 'env'>, signal?: AbortSignal, input?: string): SimpleGit {
    const options: Partial<SimpleGitOptions> = { baseDir: layout.top, config: STABLE_CONFIG, maxConcurrentProcesses: 4, trimmed: false, unsafe: SIMPLE_GIT_UNSAFE };
    // Every variable in `env` was chosen here (simple-git otherwise rejects the GIT_CONFIG_* ones).
    options.allowEnvironment = Object.keys(layout.env);
    if (signal) options.abort = signal;
    if (input !== undefined) options.input = () => input;
    return simpleGit(options).env(layout.env);
  }
}
