import type { DocModel } from './doc-model';

/** What the index needs to know about a file to decide whether its cached parse is still good. */
export interface FileStamp {
  /** Workspace-relative posix path. */
  path: string;
  mtimeMs: number;
  size: number;
  /** The file's name on disk is not UTF-8: `path` shows the other bytes as `\xNN` (see `decodeFileName`). */
  nameNotUtf8?: boolean;
}

/** Lists and reads the markdown documents of one workspace root. Implemented in `src/node`. */
export interface DocSource {
  /** Every document the filter admits, with its stamp. Honours the signal between directories. */
  list(signal?: AbortSignal): Promise<FileStamp[]>;
  /** The stamp of one file, or undefined when it does not exist or the filter does not admit it. */
  stat(path: string): Promise<FileStamp | undefined>;
  /** The bytes of one file. Rejects when it cannot be read. */
  read(path: string): Promise<Uint8Array>;
}

/** One cached document: the stamp it was parsed at and the result. */
export interface CachedDoc {
  mtimeMs: number;
  size: number;
  doc: DocModel;
}

/** The persisted index: parsed documents keyed by path, and the search index built from them. */
export interface PersistedIndex {
  /** Bumped whenever the model or the search fields change shape; a mismatch discards the cache. */
  version: number;
  docs: Record<string, CachedDoc>;
  /** MiniSearch JSON for exactly the documents in `docs`. */
  search?: string;
}

/** Where the persisted index lives (a file in the extension's storage, or the CLI's cache folder). */
export interface IndexStore {
  /** The stored index, or undefined when there is none or it cannot be read. */
  load(): Promise<PersistedIndex | undefined>;
  save(index: PersistedIndex): Promise<void>;
}

/** Turns a file's bytes into a model. The default parses in-process; `src/node` offers a worker pool. */
export interface DocParser {
  parse(path: string, bytes: Uint8Array): Promise<DocModel>;
  /** Called once a build has parsed everything, so a pool can release its threads. */
  idle?(): void;
}

/** What to run: a shell script with an explicit environment (the parent's is never inherited implicitly). */
export interface ShellRequest {
  script: string;
  /** Absolute working directory. */
  cwd: string;
  /**
   * The workspace root `cwd` must stay inside once every symbolic link is resolved (a block's
   * `cwd=link/etc` through a committed link must not run in `/etc`); undefined: not checked.
   */
  root?: string;
  /** The complete environment of the child. */
  env: Record<string, string>;
  /** Kill the whole process tree after this many milliseconds. */
  timeoutMs: number;
  /** Kill the whole process tree when aborted. */
  signal?: AbortSignal;
  /** Receives output as it arrives (stdout and stderr interleaved), already decoded as UTF-8. */
  onOutput?: (chunk: string) => void;
  /** Stop keeping output past this many characters (head and tail are kept; default 1,000,000). */
  maxOutputChars?: number;
  /** A pipeline fails when any of its commands fails (`set -o pipefail`). Default false. */
  pipefail?: boolean;
  /** Stop at the first failing command, as `set -e` does. Default false. */
  stopOnError?: boolean;
  /**
   * Run with a read-only view of the file system when the runner can (Linux with bubblewrap):
   * writable are only private temporary folders, thrown away after the run. Default false.
   */
  readOnly?: boolean;
}

/** A command that failed, as the shell reported it (bash only). */
export interface CommandFailure {
  /** Its exit status (with pipefail, the last non-zero status of its pipeline). */
  exitCode: number;
  /** Line of the script, from 1. */
  line: number;
  /** The status of each command of the pipeline, left to right (one entry for a simple command). */
  pipeStatus: number[];
  /** The simple command the shell was running, as bash shows it (`$BASH_COMMAND`): the last of a pipeline. */
  command: string;
}

/** Whether a run asked to be read-only got the sandbox: it did, or why not. */
export type SandboxReport = { active: true } | { active: false; reason: string };

/** How a shell run ended. `output` is capped (head and tail), not yet redacted. */
export interface ShellOutcome {
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  timedOut: boolean;
  cancelled: boolean;
  output: string;
  truncated: boolean;
  /**
   * The command that failed, when the run was strict (`pipefail`/`stopOnError`) and the shell could
   * say: the first one when stopping on errors, else the last. Absent otherwise.
   */
  failure?: CommandFailure;
  /** Present when the request asked for `readOnly`. */
  sandbox?: SandboxReport;
}

/** Runs shell scripts. Implemented in `src/node` with child processes. */
export interface ShellRunner {
  run(request: ShellRequest): Promise<ShellOutcome>;
}
