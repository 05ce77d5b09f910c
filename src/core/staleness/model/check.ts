import type { RuleIdValue, Severity } from '../../findings/finding';

/** A check finding: where to annotate (a changed code line, or a doc's link line) and why. */
export interface CheckFinding {
  ruleId: RuleIdValue;
  severity: Severity;
  /** Root-relative file the annotation belongs on. */
  path: string;
  /** 1-based line: the first changed line of the hunk, or the doc's link line. */
  line: number;
  /** Last line of the changed range, when it spans several. */
  endLine?: number;
  message: string;
  /** The linked file or folder (or pattern) that changed. */
  target: string;
  /** The docs that depend on it and were not updated, with the line of the link. */
  docs: Array<{ path: string; line: number }>;
}

/** The outcome of `runbooks check`. */
export interface CheckReport {
  /** The resolved base, head (undefined: the working tree) and merge base. */
  base: string;
  head?: string;
  mergeBase: string;
  /** Files changed in the change set. */
  changedFiles: number;
  /** Docs looked at (kinds in `checkKinds`). */
  docsChecked: number;
  findings: CheckFinding[];
}

/** What `checkChanges` compares, and how it reports. */
export interface CheckRange {
  base: string;
  /** The end of the change set; undefined: the working tree. */
  head?: string;
  /**
   * One warning per changed file and rule, on the first hunk's line, listing the lines of every
   * hunk (for terminals and CI); false (the default): one per hunk (for the editor's gutter).
   */
  mergeHunks?: boolean;
}

/** A usage or repository problem that stops the check (exit code 2 in the CLI). */
export class CheckError extends Error {}
