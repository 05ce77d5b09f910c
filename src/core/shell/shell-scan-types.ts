/** What `scanShell` reports: quoting contexts, references, substitutions and here-documents, with offsets. */

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
