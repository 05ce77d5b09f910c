/**
 * Finds where things sit in a shell script: quoting contexts, comments, here-documents,
 * command substitutions, `$VAR` references and `<placeholder>` words, with their offsets.
 *
 * shell-quote splits a command into words and quotes values, but it reports no positions and
 * does not know comments that end at a newline, here-documents or `$(…)` nesting. This scanner
 * fills exactly that gap and nothing more: it never splits words (shell-quote does, in
 * `shell-commands.ts`) and never quotes (shell-quote's `quote` does, in `block-inputs.ts`).
 */

import { backtick, command, substitution } from './shell-scan-commands';
import { hereDocBodies, hereDocOperator } from './shell-scan-here-docs';
import { dollar, double, expansions, single } from './shell-scan-quotes';
import { ScanState } from './shell-scan-state';
import type { ShellReaders, ShellScan } from './shell-scan-types';

export type {
  HereDocSpan, PlaceholderRef, ShellContext, ShellScan, Span, SubstitutionSpan, VariableRef,
} from './shell-scan-types';

/** Options for `scanShell`. */
export interface ScanOptions {
  /** Scan the text as an arithmetic expression (the inside of `$((…))`): no comments, no here-documents. */
  arithmetic?: boolean;
}

/** The token readers of each layer; they call one another through this table (see `shell-scan-types.ts`). */
const READERS: ShellReaders = { command, substitution, backtick, single, double, dollar, expansions, hereDocOperator, hereDocBodies };

/**
 * Scans a shell script. Never throws: what it cannot make sense of is reported in `problems`.
 * Placeholders and variables are reported at every nesting level, with absolute offsets.
 */
export function scanShell(text: string, options: ScanOptions = {}): ShellScan {
  const out: ShellScan = {
    variables: [],
    placeholders: [],
    substitutions: [],
    hereDocs: [],
    comments: [],
    newlines: [],
    continuations: [],
    hashes: [],
    problems: [],
  };
  const state = new ScanState(text, out, READERS);
  command(state, undefined, options.arithmetic ?? false);
  state.finish();
  return out;
}
