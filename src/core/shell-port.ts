/** The port through which core runs shell scripts (`src/node/shell-runner.ts` implements it). A leaf: `ports.ts` re-exports it. */

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
