import type { ShellOutcome } from '../shell-port';
import type { AttributeValue } from '../doc-model';

/** Whether running a block can change anything: `check` blocks only read. */
export type BlockKind = 'check' | 'change';

/** A value the user must give before a block runs. */
export interface BlockInput {
  /** The name as written: `namespace` for `<namespace>`, `NAMESPACE` for `$NAMESPACE`. */
  name: string;
  /** How it is written in the block. */
  form: 'placeholder' | 'variable';
  /** The `${VAR:-default}` default, when there is one. */
  defaultValue?: string;
  /** True when the name looks like a secret (token, password, key…): ask masked, never store it. */
  secret: boolean;
}

/** Pass/fail rule for a block: exit codes that pass and/or a regex the output must match. */
export interface Expectation {
  /** Exit codes that count as success (default `[0]`). */
  exitCodes: number[];
  /** When set, the combined output must match this for success. */
  outputPattern?: string;
  /** Flags for `outputPattern` (`i`, `s`, `u`), from `expect="/ready/i"`; `m` is always on. */
  outputFlags?: string;
}

/** A fenced block that can be run, with everything needed to run it safely. */
export interface RunnableBlock {
  /** Position among the document's runnable blocks, from 0, in document order. */
  index: number;
  /** `name` attribute, else `<section-slug>-<n>` (e.g. `diagnosis-1`). */
  name: string;
  lang: string;
  /** Line of the opening fence (1-based) and of the closing one. */
  line: number;
  endLine: number;
  /** Heading index the block sits under, -1 before the first heading. */
  section: number;
  kind: BlockKind;
  /** Why the kind was chosen: the attribute, or the classifier's reason naming the command. */
  kindReason: string;
  /** The shell script to run: the command lines, prompts stripped and sample output dropped. */
  script: string;
  inputs: BlockInput[];
  /** Working directory relative to the document's folder (`cwd` attribute), default '.'. */
  cwd: string;
  /** Timeout in seconds (`timeout` attribute), default from settings. */
  timeoutSeconds?: number;
  /** `confirm` attribute: always ask before running, even for a check. */
  confirm: boolean;
  /** `interactive` attribute: run in a terminal, not captured. */
  interactive: boolean;
  expect: Expectation;
  /** All attributes as written, for tools that want more. */
  attributes: Record<string, AttributeValue>;
  /** Attributes that were ignored or could not be read, for people; absent when there are none. */
  warnings?: string[];
  /**
   * Attributes whose value does not parse (`timeout=2x`): the block is refused with these messages
   * (rule `block.invalid-attribute`), never run with a default. Absent when there are none.
   */
  invalidAttributes?: Array<{ name: string; message: string }>;
  /** Set when the block is written as a terminal session: its commands follow prompts. */
  prompted?: {
    /** Non-blank lines without a prompt, taken for sample output and not run. */
    outputLines: number;
  };
}

/** The outcome of one run: how the shell run ended, with `output` redacted, and the verdict. */
export interface RunResult extends ShellOutcome {
  /** Decided by the block's expectation; never true when the sandbox refused a write. */
  passed: boolean;
  /** The command that made the run fail, when the shell said; absent when the run passed. */
  failedCommand?: FailedCommand;
  /** A write the read-only sandbox refused: the run failed because the check is a change. */
  writeAttempt?: WriteAttempt;
}

/** The command of a block that made its run fail. */
export interface FailedCommand {
  /** The command as written in the block (one member of a pipeline), or as the shell last ran it. */
  text: string;
  /** Its own exit status. */
  exitCode: number;
  /** Line of the block's script, from 1. */
  line: number;
  /** Its place in a pipeline of more than one command: `index` from 1, of `of`. */
  pipeline?: { index: number; of: number };
}

/** A write a read-only run tried and the sandbox refused. */
export interface WriteAttempt {
  /** The path the error names, when it names one. */
  path?: string;
}

/** How the person let a run go ahead, for the run log. */
export type Confirmation = 'none' | 'approved-up-front' | 'button' | 'typed' | 'override';

/** The one shape of a finished run, kept by the editor (marks, CodeLens), printed by the CLI and written to incidents. */
export interface RunRecord {
  /** Workspace-relative posix path of the runbook. */
  docPath: string;
  /** Position among the document's runnable blocks, from 0. */
  blockIndex: number;
  blockName: string;
  kind: BlockKind;
  /** Fence line (1-based) when the run started. */
  line: number;
  /** The resolved command as shown to the user (secrets masked). */
  command: string;
  /** Working directory, workspace-relative (`.` is the root). */
  cwd: string;
  result: RunResult;
  finishedAt: Date;
}
