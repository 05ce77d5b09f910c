/**
 * What the staleness engine needs from the machine, as small interfaces implemented in `src/node`
 * (git through simple-git, files through `fs`). Every path crossing these ports is relative to the
 * workspace root and posix, even when the git repository's top level is above the root: the
 * adapter translates, and leaves out anything outside the root.
 */
import type { DocModel } from '../doc-model';
import type { FeedbackRecord } from '../incident/feedback-record';
import type { BlobContent, FileAt, FileChange, GitRefs, GitRemote, WorkspaceFiles } from '../repo/repo-ports';
import type { FileHunks, LogCommit, MergedChange } from './model/git-records';
import type { RepoState } from './model/repo-state';
import type { DiffJob } from './model/diff-job';
import type { StoredDiff } from './history/history-types';

export type { BlobContent, ChangeStatus, FileAt, FileChange, GitRefs, GitRemote, WorkspaceFiles } from '../repo/repo-ports';
export type { Hunk } from './model/line-ranges';
export type { RepoState } from './model/repo-state';
export type { FileHunks, LogCommit, MergedChange } from './model/git-records';

/**
 * Read-only access to the git history of the workspace root. Implemented with simple-git in
 * `src/node/git-history.ts`. Methods other than `state` are only called when `state` reported a
 * repository with a HEAD.
 */
export interface GitHistory {
  /**
   * Is the root inside a git work tree, which commit is HEAD, is it shallow. Never rejects. Starts
   * a run: what the adapter read from the repository's config is read again, unless `watched` (the
   * caller watches the working tree and told this run what changed, see `RunControl.watched`): it
   * may then keep what it read before while no file it came from changed.
   */
  state(signal?: AbortSignal, options?: { watched?: boolean }): Promise<RepoState>;
  /** Configured remotes; empty when there are none. */
  remotes(signal?: AbortSignal): Promise<GitRemote[]>;
  /** Branch and tag names. */
  refs(signal?: AbortSignal): Promise<GitRefs>;
  /**
   * Streams the first-parent history reachable from `head` and not from `since`, newest first, in
   * ONE git process (`git log --first-parent --name-status -M`), calling `onCommit` per commit as
   * the output arrives. Rejects with the signal's reason when aborted.
   */
  log(range: { head: string; since?: string }, onCommit: (commit: LogCommit) => void, signal?: AbortSignal): Promise<void>;
  /**
   * The content of each requested file in its commit, in the order asked, in one git process
   * (`git cat-file --batch`); undefined where the file does not exist in that commit. Content
   * over `maxBytes` is not read (`tooLarge`).
   */
  readFiles(files: FileAt[], maxBytes: number, signal?: AbortSignal): Promise<Array<BlobContent | undefined>>;
  /** The content of each blob id (as `LogCommit` changes report them), in the order asked, in one round; undefined for unknown ids. */
  readBlobs(oids: string[], maxBytes: number, signal?: AbortSignal): Promise<Array<BlobContent | undefined>>;
  /**
   * The working-tree content of files that are unchanged since HEAD, for use as their HEAD
   * content (a disk read is far cheaper than git's). Undefined where the file on disk may differ
   * from the blob even when unchanged (clean/smudge filters, `ident`, `working-tree-encoding`,
   * symbolic links) or cannot be read: the caller then asks git. The `oid` of a result is not a
   * blob id and never equals one.
   */
  readWorkingFiles(paths: string[], maxBytes: number, signal?: AbortSignal): Promise<Array<BlobContent | undefined>>;
  /**
   * Says that `paths` will be read with `readWorkingFiles` later in this run: what decides whether
   * the working tree can stand in for them is asked now, with whatever else is asked now, so the
   * read at the end of the run waits for no git process. Returns at once; never fails (a failure is
   * met again by the read).
   */
  prepareWorkingReads(paths: string[], signal?: AbortSignal): void;
  /**
   * Files that differ from `from` in `to` (a commit), or in the working tree and index when `to` is
   * undefined (untracked files then count as added). Renames are detected.
   */
  changedFiles(from: string, to: string | undefined, signal?: AbortSignal): Promise<FileChange[]>;
  /** `changedFiles('HEAD', undefined)` of `paths` only: those files, and everything below those that are folders. */
  workingChanges(paths: readonly string[], signal?: AbortSignal): Promise<FileChange[]>;
  /** Whitespace-insensitive zero-context hunks of `paths` between `from` and `to` (or the working tree). */
  diffHunks(from: string, to: string | undefined, paths: string[], signal?: AbortSignal): Promise<FileHunks[]>;
  /** Full SHAs listed in `.git-blame-ignore-revs` (or `blame.ignoreRevsFile`); empty when none. */
  ignoreRevs(signal?: AbortSignal): Promise<string[]>;
  /** The commit a ref names, or undefined when it does not exist. */
  resolve(ref: string, signal?: AbortSignal): Promise<string | undefined>;
  /** The best common ancestor of two commits, or undefined when there is none in this clone. */
  mergeBase(a: string, b: string, signal?: AbortSignal): Promise<string | undefined>;
  /**
   * For each ask, in order: which of `paths` (files or folders) exist at `rev`; undefined when `rev`
   * is not in this clone. All asks of a call are answered together (the links pinned to commits,
   * tags and branches of a whole run), not with a git process per ref. A branch only a remote has
   * is looked up among `remoteTracking` (`GitRefs.remoteTracking`), listed again when not given.
   */
  pathsAtRevs(asks: Array<{ rev: string; paths: string[] }>, signal?: AbortSignal, remoteTracking?: readonly string[]): Promise<Array<Set<string> | undefined>>;
  /**
   * For each merge asked about: per path, the commit on the merged side (reachable from the merge,
   * not from its first parent) that last changed it, in the order asked. A path no such commit
   * changed (a change made while merging) is left out; so is every path of a commit that is not a
   * merge. One git process per merge, all paths of a merge at once.
   */
  mergedChanges(asks: Array<{ merge: string; paths: string[] }>, signal?: AbortSignal): Promise<Array<Map<string, MergedChange>>>;
}

/** Where the history cache lives between runs (a JSON file for the CLI, workspace storage in VS Code). */
export interface HistoryStore {
  /** The stored snapshot, or undefined when there is none or it cannot be read. */
  load(): Promise<unknown>;
  save(snapshot: unknown): Promise<void>;
  /** Appends a journal entry after the stored snapshot (see history-journal.ts); false when the whole snapshot should be written instead. */
  append?(entry: unknown): Promise<boolean>;
}

/**
 * Feedback on doc lines written during incidents (see `feedbackRecords`). Implemented over the
 * incident files in `src/node/incident-feedback.ts`; VS Code hands in what its incident service read.
 */
export interface FeedbackSource {
  /** Every feedback record, resolved or not, paths workspace-relative. Rejects when the incidents cannot be read. */
  load(signal?: AbortSignal): Promise<FeedbackRecord[]>;
}

/** A whitespace-insensitive line diff, as `diffIgnoringWhitespace` returns it. */
/**
 * Computes whitespace-insensitive line diffs with the notes their verdicts need (see `notedDiff`),
 * possibly on another thread so the calling one keeps reading git's output: parsing alert rules
 * and data shapes of large generated files costs more than the diffs. Implemented in
 * `src/node/worker-text-differ.ts`.
 */
export interface TextDiffer {
  /** The noted diffs of `jobs`, in order. */
  diff(jobs: DiffJob[], signal?: AbortSignal): Promise<StoredDiff[]>;
  /**
   * Gets ready for diffs to come (a cold run asks at its start): `shapes` are texts of YAML or JSON
   * files whose data shapes later jobs may need, worked out ahead where that does not hold up the
   * calling thread. Returns at once; the diffs are the same with or without it.
   */
  prepare?(shapes: string[]): void;
}

/** The ports the staleness engine and the change-set check work through. */
export interface StalenessDeps {
  git: GitHistory;
  files: WorkspaceFiles;
  /** What a doc's commands call (scripts, target files, workflows), linked like its links; none means commands link nothing. */
  commandLinks?: CommandLinkSource;
  /** Where the history cache is kept between runs; none means every run reads the whole history. */
  store?: HistoryStore;
  /** Incident feedback, which counts as evidence against a doc; none means feedback is not considered. */
  feedback?: FeedbackSource;
  /** Where line diffs are computed; none means on the calling thread. */
  differ?: TextDiffer;
}

/**
 * The repository files the runnable blocks of `doc` call, as `files` lists them: each with the doc
 * line of the command and what it names (see `commandLinks` in core/commands). In doc order.
 */
export type CommandLinkSource = (doc: DocModel, files: { hasFile(path: string): boolean; hasDir(path: string): boolean }) => Array<{ path: string; line: number; raw: string }>;
