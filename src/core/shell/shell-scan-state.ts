/** The scanner's position and nesting state, and how it records what it finds into a `ShellScan`. */

import type { ShellContext, ShellScan, VariableRef } from './shell-scan-types';

const PLACEHOLDER = /<([A-Za-z][A-Za-z0-9_.-]*)>/y;

/** A `<<` seen on the current line whose body starts after the next newline. */
export interface PendingHereDoc {
  delimiter: string;
  literal: boolean;
  strip: boolean;
  /** Seen outside any substitution, so its span is recorded. */
  top: boolean;
}

/**
 * The state every scanning layer shares; `scanShell` (in `shell-scan.ts`) drives the full scanner.
 * Layers: this state, then quotes and expansions, then here-documents, then the command context.
 */
export abstract class ScanState {
  protected i = 0;
  protected limit: number;
  /** Nesting depth of substitutions; only depth 0 is recorded in the span lists. */
  protected depth = 0;
  protected backticks = 0;
  /** While positive, variables and placeholders are not recorded (inside a `${…}` word). */
  protected quiet = 0;
  protected pending: PendingHereDoc[] = [];

  constructor(
    protected readonly t: string,
    protected readonly out: ShellScan,
  ) {
    this.limit = t.length;
  }

  /** Reports here-documents whose body never came. */
  finish(): void {
    for (const heredoc of this.pending) this.problem(`the here-document \`${heredoc.delimiter}\` has no body`);
    this.pending = [];
  }

  /** Records a placeholder at `this.i` when there is one, and moves past it. */
  protected placeholder(context: ShellContext): boolean {
    PLACEHOLDER.lastIndex = this.i;
    const match = PLACEHOLDER.exec(this.t);
    if (!match || this.i + match[0].length > this.limit || this.t[this.i - 1] === '<') return false;
    const start = this.i;
    this.i += match[0].length;
    if (!this.quiet) {
      this.out.placeholders.push({ name: match[1]!, start, end: this.i, context, inBacktick: this.backticks > 0 });
    }
    return true;
  }

  /** Records the placeholders between `from` and `to` (text where nothing else is special); leaves `this.i` alone. */
  protected placeholdersIn(from: number, to: number, context: ShellContext): void {
    const saved = this.i;
    let at = this.t.indexOf('<', from);
    while (at >= 0 && at < to) {
      this.i = at;
      const savedLimit = this.limit;
      this.limit = to;
      const found = this.placeholder(context);
      this.limit = savedLimit;
      at = this.t.indexOf('<', found ? this.i : at + 1);
    }
    this.i = saved;
  }

  /** Records a variable reference unless inside a `${…}` word. */
  protected variable(ref: Omit<VariableRef, 'inBacktick'>): void {
    if (!this.quiet) this.out.variables.push({ ...ref, inBacktick: this.backticks > 0 });
  }

  /** Records a problem once. */
  protected problem(message: string): void {
    if (!this.out.problems.includes(message)) this.out.problems.push(message);
  }
}
