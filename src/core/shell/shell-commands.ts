/**
 * Finds where things sit in a shell script: quoting contexts, comments, here-documents,
 * command substitutions, `$VAR` references and `<placeholder>` words, with their offsets.
 *
 * shell-quote splits a command into words and quotes values, but it reports no positions and
 * does not know comments that end at a newline, here-documents or `$(…)` nesting. This scanner
 * fills exactly that gap and nothing more: it never splits words (shell-quote does, in
 * `shellCommands` below) and never quotes (shell-quote's `quote` does, in `block-inputs.ts`).
 *
 * The parser's two entry points live here, over its layers (`shell-scan-types.ts`, the readers in
 * `shell-scan-*.ts`, the state in `shell-scan-state.ts`): `scanShell` (where things are) and
 * `shellCommands` (the simple commands, split by shell-quote after the scan).
 */

import { parse, type ParseEntry } from 'shell-quote';
import { ARITHMETIC_WORD, SUBSTITUTION_WORD } from './shell-words';
import { backtick, command, substitution } from './shell-scan-commands';
import { hereDocBodies, hereDocOperator } from './shell-scan-here-docs';
import { dollar, double, expansions, single } from './shell-scan-quotes';
import { ScanState } from './shell-scan-state';
import type { ShellReaders, ShellScan } from './shell-scan-types';

export { ARITHMETIC_WORD, SUBSTITUTION_WORD } from './shell-words';
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

/** A redirection of a simple command: the operator as written and its target word. */
export interface Redirect {
  op: string;
  target: string;
}

/** One simple command: its words (quotes removed, variables kept as `$NAME`) and redirections. */
export interface SimpleCommand {
  words: string[];
  redirects: Redirect[];
  /** The operator that ended the command (`|`, `&&`, `;`, `)`…), or undefined at the end of the script. */
  terminator?: string;
}

/** The simple commands of a script, those inside substitutions included, and what could not be read. */
export interface ShellCommands {
  commands: SimpleCommand[];
  /** Why (part of) the script cannot be read with confidence; empty when it can. */
  problems: string[];
  /** The text of every `$((…))` / `((…))` arithmetic expression, nested ones included. */
  arithmetic: string[];
}

const REDIRECT_OPS = new Set(['>', '>>', '>|', '&>', '&>>', '>&', '<', '<<', '<<-', '<<<', '<&', '<>']);
const MAX_DEPTH = 16;

/**
 * Splits a script into simple commands with shell-quote, after blanking what shell-quote cannot
 * see: comments, here-document bodies and line continuations go, newlines become `;`, and each
 * substitution becomes `RUNBOOKS_SUBSTITUTION` in its command while its own commands are listed
 * after the enclosing script's. An unquoted `<placeholder>` stays one word (`<namespace>`), not two
 * redirections. Variables stay as written (`$NS`, `${NS:-x}`), never expanded.
 */
export function shellCommands(script: string): ShellCommands {
  const result: ShellCommands = { commands: [], problems: [], arithmetic: [] };
  collect(script, 0, result);
  return result;
}

function collect(script: string, depth: number, result: ShellCommands): void {
  if (depth > MAX_DEPTH) {
    addProblem(result, 'substitutions are nested too deeply to read');
    return;
  }
  const scan = scanShell(script);
  for (const problem of scan.problems) addProblem(result, problem);
  let entries: ParseEntry[];
  try {
    entries = parse(normalise(script, scan), keepVariable);
  } catch (error) {
    addProblem(result, `shell-quote cannot read it (${(error as Error).message})`);
    entries = [];
  }
  splitCommands(entries, result);
  for (const span of scan.substitutions) {
    const inner = script.slice(span.innerStart, span.innerEnd);
    if (span.kind === 'arithmetic') collectArithmetic(inner, depth + 1, result);
    else collect(inner, depth + 1, result);
  }
}

/** An arithmetic expression runs no command itself, but the substitutions inside it do. */
function collectArithmetic(expression: string, depth: number, result: ShellCommands): void {
  result.arithmetic.push(expression);
  const scan = scanShell(expression, { arithmetic: true });
  for (const problem of scan.problems) addProblem(result, problem);
  for (const span of scan.substitutions) {
    const inner = expression.slice(span.innerStart, span.innerEnd);
    if (span.kind === 'arithmetic') collectArithmetic(inner, depth + 1, result);
    else collect(inner, depth + 1, result);
  }
}

/** The script as shell-quote can read it: one line, no comments, no here-document bodies, substitutions as words. */
function normalise(script: string, scan: ShellScan): string {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const comment of scan.comments) edits.push({ ...comment, text: '' });
  for (const heredoc of scan.hereDocs) edits.push({ start: heredoc.bodyStart, end: heredoc.end, text: '' });
  for (const span of scan.substitutions) {
    edits.push({ start: span.start, end: span.end, text: span.kind === 'arithmetic' ? ARITHMETIC_WORD : SUBSTITUTION_WORD });
  }
  // shell-quote would read an unquoted `<name>` as two redirections; it is a word to be filled in.
  for (const placeholder of scan.placeholders) {
    if (placeholder.context === 'unquoted' && !placeholder.inBacktick) {
      edits.push({ start: placeholder.start, end: placeholder.end, text: `'<${placeholder.name}>'` });
    }
  }
  for (const at of scan.newlines) edits.push({ start: at, end: at + 1, text: ';' });
  for (const at of scan.continuations) edits.push({ start: at, end: at + 2, text: '' });
  // shell-quote takes any unquoted `#` for a comment; the shell only does at the start of a word.
  for (const at of scan.hashes) edits.push({ start: at, end: at + 1, text: '\\#' });
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let text = '';
  let at = 0;
  for (const edit of edits) {
    // Substitutions inside a here-document body go with the body (their commands are still collected).
    if (edit.start < at) continue;
    text += script.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return text + script.slice(at);
}

function keepVariable(key: string): string {
  if (key === '') return '$';
  return /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9*@#?$!-])$/.test(key) ? `$${key}` : `\${${key}}`;
}

function splitCommands(entries: ParseEntry[], result: ShellCommands): void {
  let current: SimpleCommand = { words: [], redirects: [] };
  let pendingRedirect: string | undefined;
  let previousWasWord = false;
  const flush = (terminator?: string) => {
    if (pendingRedirect) current.redirects.push({ op: pendingRedirect, target: '' });
    pendingRedirect = undefined;
    if (current.words.length || current.redirects.length) {
      if (terminator) current.terminator = terminator;
      result.commands.push(current);
    }
    current = { words: [], redirects: [] };
  };
  for (const entry of entries) {
    if (typeof entry === 'string' || ('op' in entry && entry.op === 'glob')) {
      const word = typeof entry === 'string' ? entry : (entry as { pattern: string }).pattern;
      if (pendingRedirect) {
        current.redirects.push({ op: pendingRedirect, target: word });
        pendingRedirect = undefined;
        previousWasWord = false;
      } else {
        current.words.push(word);
        previousWasWord = true;
      }
      continue;
    }
    if ('comment' in entry) {
      addProblem(result, 'a `#` could not be told apart from a comment');
      previousWasWord = false;
      continue;
    }
    const op: string = entry.op;
    if (REDIRECT_OPS.has(op)) {
      if (pendingRedirect) current.redirects.push({ op: pendingRedirect, target: '' });
      // `2>&1`: shell-quote gives the descriptor as a word of its own.
      const last = current.words[current.words.length - 1];
      if (previousWasWord && last !== undefined && /^\d+$/.test(last)) current.words.pop();
      pendingRedirect = op;
      previousWasWord = false;
      continue;
    }
    flush(op);
    previousWasWord = false;
  }
  flush();
}

function addProblem(result: ShellCommands, problem: string): void {
  if (!result.problems.includes(problem)) result.problems.push(problem);
}
