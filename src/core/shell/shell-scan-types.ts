/**
 * What `scanShell` reports (quoting contexts, references, substitutions and here-documents, with
 * offsets), and the cursor its readers share. A leaf: the readers (`shell-scan-quotes.ts`,
 * `shell-scan-here-docs.ts`, `shell-scan-commands.ts`) import only this file and call one another
 * through the cursor's `read` table, which `shell-commands.ts` fills.
 */

/** How the shell reads the text at a position. */
export type ShellContext = 'unquoted' | 'double' | 'single' | 'heredoc' | 'heredoc-literal';

/** A `$NAME` / `${NAME…}` reference. Offsets are into the scanned text, `end` exclusive. */
export interface VariableRef {
  name: string;
  start: number;
  end: number;
  context: ShellContext;
  /** Inside a backtick substitution, where backslashes are read twice. */
  inBacktick: boolean;
  /** The word of `${NAME:-word}`, `${NAME-word}`, `${NAME:=word}` or `${NAME=word}`, quotes removed when it is wholly quoted. */
  defaultValue?: string;
  /** True for `$NAME`, `${NAME}` and the default forms; false for other `${…}` operators (`${#NAME}`, `${NAME%x}`…). */
  simple: boolean;
}

/** A `<name>` placeholder word. Never found in comments. */
export interface PlaceholderRef {
  name: string;
  start: number;
  end: number;
  context: ShellContext;
  inBacktick: boolean;
}

/** A `$(…)`, `` `…` ``, `<(…)`/`>(…)` or `$((…))`/`((…))` region; `inner*` bound the text between the delimiters. */
export interface SubstitutionSpan {
  kind: 'command' | 'backtick' | 'process' | 'arithmetic';
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
}

/** A here-document body: `bodyStart`…`bodyEnd` is the content, `end` the end of the delimiter line. */
export interface HereDocSpan {
  delimiter: string;
  /** True when the delimiter was quoted (`<<'EOF'`): nothing in the body is expanded. */
  literal: boolean;
  bodyStart: number;
  bodyEnd: number;
  end: number;
}

/** A half-open range of offsets. */
export interface Span {
  start: number;
  end: number;
}

/** What `scanShell` found. Lists other than `variables` and `placeholders` hold top-level items only (not inside a substitution). */
export interface ShellScan {
  variables: VariableRef[];
  placeholders: PlaceholderRef[];
  substitutions: SubstitutionSpan[];
  hereDocs: HereDocSpan[];
  /** `# …` comments, up to (not including) the newline. */
  comments: Span[];
  /** Newlines that end a command. */
  newlines: number[];
  /** Offsets of backslash-newline pairs the shell removes (outside single quotes). */
  continuations: number[];
  /** Unquoted `#` inside a word, which the shell keeps as a plain character. */
  hashes: number[];
  /** Why the script cannot be read with confidence (an unclosed quote, substitution or here-document). */
  problems: string[];
}

/** A `<<` seen on the current line whose body starts after the next newline. */
export interface PendingHereDoc {
  delimiter: string;
  literal: boolean;
  strip: boolean;
  /** Seen outside any substitution, so its span is recorded. */
  top: boolean;
}

/** The token readers, called through `ScanCursor.read` so that no reader file imports another. */
export interface ShellReaders {
  /** Command context until `end` (a closing `)` or backtick) or the limit. Returns false when `end` was never found. */
  command(s: ScanCursor, end: ')' | '`' | undefined, arithmetic: boolean): boolean;
  /** `$(…)`, `<(…)`, `>(…)`, `$((…))` or `((…))` starting at `s.i`; `open` is the length of the opening delimiter. */
  substitution(s: ScanCursor, kind: SubstitutionSpan['kind'], open: number): void;
  /** A backtick substitution starting at `s.i`. */
  backtick(s: ScanCursor): void;
  single(s: ScanCursor): void;
  double(s: ScanCursor): void;
  dollar(s: ScanCursor, context: ShellContext): void;
  /** Text where only `$`, backticks and backslashes are special, up to `stop`. */
  expansions(s: ScanCursor, stop: number, context: ShellContext): void;
  /** A `<<` or `<<-` at `s.i`. */
  hereDocOperator(s: ScanCursor): void;
  /** The bodies of pending here-documents; `s.i` is just after a newline. */
  hereDocBodies(s: ScanCursor): void;
}

/** The scanner's position and nesting state, shared by every reader, and how it records what it finds (`shell-scan-state.ts`). */
export interface ScanCursor {
  readonly t: string;
  readonly out: ShellScan;
  readonly read: ShellReaders;
  i: number;
  limit: number;
  /** Nesting depth of substitutions; only depth 0 is recorded in the span lists. */
  depth: number;
  backticks: number;
  /** While positive, variables and placeholders are not recorded (inside a `${…}` word). */
  quiet: number;
  pending: PendingHereDoc[];
  /** Records a placeholder at `i` when there is one, and moves past it. */
  placeholder(context: ShellContext): boolean;
  /** Records the placeholders between `from` and `to` (text where nothing else is special); leaves `i` alone. */
  placeholdersIn(from: number, to: number, context: ShellContext): void;
  /** Records a variable reference unless inside a `${…}` word. */
  variable(ref: Omit<VariableRef, 'inBacktick'>): void;
  /** Records a problem once. */
  problem(message: string): void;
}
