/** The scanner's position and nesting state, and how it records what it finds into a `ShellScan`. */

import type { PendingHereDoc, ScanCursor, ShellContext, ShellReaders, ShellScan, VariableRef } from './shell-scan-types';

const PLACEHOLDER = /<([A-Za-z][A-Za-z0-9_.-]*)>/y;

/** The state every reader shares; `scanShell` (in `shell-commands.ts`) creates it with the table of readers. */
export class ScanState implements ScanCursor {
  i = 0;
  limit: number;
  depth = 0;
  backticks = 0;
  quiet = 0;
  pending: PendingHereDoc[] = [];

  constructor(
    readonly t: string,
    readonly out: ShellScan,
    readonly read: ShellReaders,
  ) {
    this.limit = t.length;
  }

  /** Reports here-documents whose body never came. */
  finish(): void {
    for (const heredoc of this.pending) this.problem(`the here-document \`${heredoc.delimiter}\` has no body`);
    this.pending = [];
  }

  placeholder(context: ShellContext): boolean {
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

  placeholdersIn(from: number, to: number, context: ShellContext): void {
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

  variable(ref: Omit<VariableRef, 'inBacktick'>): void {
    if (!this.quiet) this.out.variables.push({ ...ref, inBacktick: this.backticks > 0 });
  }

  problem(message: string): void {
    if (!this.out.problems.includes(message)) this.out.problems.push(message);
  }
}
