/**
 * Finds where things sit in a shell script: quoting contexts, comments, here-documents,
 * command substitutions, `$VAR` references and `<placeholder>` words, with their offsets.
 *
 * shell-quote splits a command into words and quotes values, but it reports no positions and
 * does not know comments that end at a newline, here-documents or `$(…)` nesting. This scanner
 * fills exactly that gap and nothing more: it never splits words (shell-quote does, in
 * `shell-commands.ts`) and never quotes (shell-quote's `quote` does, in `block-inputs.ts`).
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

/** Options for `scanShell`. */
export interface ScanOptions {
  /** Scan the text as an arithmetic expression (the inside of `$((…))`): no comments, no here-documents. */
  arithmetic?: boolean;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const PLACEHOLDER = /<([A-Za-z][A-Za-z0-9_.-]*)>/y;
const SPECIAL_PARAMETER = /[0-9*@#?$!-]/;

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
  const scanner = new Scanner(text, out);
  scanner.command(undefined, options.arithmetic ?? false);
  scanner.finish();
  return out;
}

interface PendingHereDoc {
  delimiter: string;
  literal: boolean;
  strip: boolean;
  top: boolean;
}

class Scanner {
  private i = 0;
  private limit: number;
  /** Nesting depth of substitutions; only depth 0 is recorded in the span lists. */
  private depth = 0;
  private backticks = 0;
  /** While positive, variables and placeholders are not recorded (inside a `${…}` word). */
  private quiet = 0;
  private pending: PendingHereDoc[] = [];

  constructor(
    private readonly t: string,
    private readonly out: ShellScan,
  ) {
    this.limit = t.length;
  }

  finish(): void {
    for (const heredoc of this.pending) this.problem(`the here-document \`${heredoc.delimiter}\` has no body`);
    this.pending = [];
  }

  /** Command context until `end` (a closing `)` or backtick) or the limit. Returns false when `end` was never found. */
  command(end: ')' | '`' | undefined, arithmetic: boolean): boolean {
    const t = this.t;
    let wordStart = true;
    let parens = 0;
    while (this.i < this.limit) {
      const c = t[this.i]!;
      const next = t[this.i + 1];
      if (c === '`' && end === '`') return true;
      if (c === ')' && end === ')' && parens === 0) return true;
      if (c === '\\') {
        if (next === '\n') {
          if (this.depth === 0) this.out.continuations.push(this.i);
        } else {
          wordStart = false;
        }
        this.i += 2;
        continue;
      }
      if (c === '\n') {
        if (this.depth === 0 && !arithmetic) this.out.newlines.push(this.i);
        this.i++;
        if (!arithmetic) this.hereDocBodies();
        wordStart = true;
        continue;
      }
      if (c === ' ' || c === '\t' || c === ';' || c === '&' || c === '|') {
        this.i++;
        wordStart = true;
        continue;
      }
      if (c === '(') {
        if (wordStart && next === '(' && !arithmetic) {
          // `(( … ))` arithmetic command: `<<` inside is a shift, not a here-document.
          this.substitution('arithmetic', 2);
          wordStart = false;
          continue;
        }
        parens++;
        this.i++;
        wordStart = true;
        continue;
      }
      if (c === ')') {
        parens = Math.max(0, parens - 1);
        this.i++;
        wordStart = true;
        continue;
      }
      if (c === '#' && !arithmetic) {
        if (wordStart) {
          const newline = t.indexOf('\n', this.i);
          const stop = newline < 0 || newline > this.limit ? this.limit : newline;
          if (this.depth === 0) this.out.comments.push({ start: this.i, end: stop });
          this.i = stop;
          continue;
        }
        if (this.depth === 0) this.out.hashes.push(this.i);
        this.i++;
        continue;
      }
      if (c === "'") {
        this.single();
        wordStart = false;
        continue;
      }
      if (c === '"') {
        this.double();
        wordStart = false;
        continue;
      }
      if (c === '`') {
        this.backtick();
        wordStart = false;
        continue;
      }
      if (c === '$') {
        this.dollar('unquoted');
        wordStart = false;
        continue;
      }
      if ((c === '<' || c === '>') && next === '(') {
        this.substitution('process', 2);
        wordStart = false;
        continue;
      }
      if (c === '<' && next === '<') {
        if (t[this.i + 2] === '<') {
          this.i += 3;
        } else if (arithmetic) {
          this.i += 2;
        } else {
          this.hereDocOperator();
        }
        wordStart = true;
        continue;
      }
      if (c === '<' && this.placeholder('unquoted')) {
        wordStart = false;
        continue;
      }
      this.i++;
      wordStart = c === '<' || c === '>';
    }
    return end === undefined;
  }

  /** `$(…)`, `<(…)`, `>(…)`, `$((…))` or `((…))` starting at `this.i`; `open` is the length of the opening delimiter. */
  private substitution(kind: SubstitutionSpan['kind'], open: number): void {
    const start = this.i;
    const top = this.depth === 0;
    this.i += open;
    const innerStart = this.i;
    this.depth++;
    const closed = this.command(')', kind === 'arithmetic');
    this.depth--;
    const innerEnd = this.i;
    if (!closed) {
      this.problem(kind === 'arithmetic' ? 'an arithmetic `((` is never closed' : 'a `(` substitution is never closed');
      return;
    }
    this.i++;
    if (kind === 'arithmetic') {
      if (this.t[this.i] === ')') this.i++;
      else this.problem('an arithmetic `((` is closed by a single `)`');
    }
    if (top) this.out.substitutions.push({ kind, start, end: this.i, innerStart, innerEnd });
  }

  private backtick(): void {
    const start = this.i;
    const top = this.depth === 0;
    this.i++;
    this.depth++;
    this.backticks++;
    const closed = this.command('`', false);
    this.backticks--;
    this.depth--;
    if (!closed) {
      this.problem('a backtick substitution is never closed');
      return;
    }
    const innerEnd = this.i;
    this.i++;
    if (top) this.out.substitutions.push({ kind: 'backtick', start, end: this.i, innerStart: start + 1, innerEnd });
  }

  private single(): void {
    const close = this.t.indexOf("'", this.i + 1);
    if (close < 0 || close >= this.limit) {
      this.placeholdersIn(this.i + 1, this.limit, 'single');
      this.problem('a `\'` quote is never closed');
      this.i = this.limit;
      return;
    }
    this.placeholdersIn(this.i + 1, close, 'single');
    this.i = close + 1;
  }

  private double(): void {
    const t = this.t;
    this.i++;
    while (this.i < this.limit) {
      const c = t[this.i]!;
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') {
        if (t[this.i + 1] === '\n' && this.depth === 0) this.out.continuations.push(this.i);
        this.i += 2;
      } else if (c === '`') {
        this.backtick();
      } else if (c === '$') {
        this.dollar('double');
      } else if (!(c === '<' && this.placeholder('double'))) {
        this.i++;
      }
    }
    this.problem('a `"` quote is never closed');
  }

  /** ANSI-C `$'…'`: backslash escapes, no expansions. */
  private ansiC(): void {
    let j = this.i + 2;
    while (j < this.limit && this.t[j] !== "'") j += this.t[j] === '\\' ? 2 : 1;
    if (j >= this.limit) {
      this.problem("a `$'` quote is never closed");
      this.i = this.limit;
      return;
    }
    this.i = j + 1;
  }

  private dollar(context: ShellContext): void {
    const t = this.t;
    const start = this.i;
    const next = t[start + 1];
    if (context === 'unquoted' && next === "'") return this.ansiC();
    if (context === 'unquoted' && next === '"') {
      this.i++;
      return this.double();
    }
    if (next === '(') return this.substitution(t[start + 2] === '(' ? 'arithmetic' : 'command', t[start + 2] === '(' ? 3 : 2);
    if (next === '{') return this.brace(context);
    NAME.lastIndex = start + 1;
    const name = NAME.exec(t);
    if (name && start + 1 + name[0].length <= this.limit) {
      this.i = start + 1 + name[0].length;
      this.variable({ name: name[0], start, end: this.i, context, simple: true });
      return;
    }
    this.i += next !== undefined && SPECIAL_PARAMETER.test(next) ? 2 : 1;
  }

  /** `${…}` at `this.i`. The word after an operator is scanned for substitutions, quietly. */
  private brace(context: ShellContext): void {
    const t = this.t;
    const start = this.i;
    let j = start + 2;
    let level = 1;
    while (j < this.limit) {
      const c = t[j];
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === '$' && t[j + 1] === '{') {
        level++;
        j += 2;
        continue;
      }
      if (c === '}' && --level === 0) break;
      j++;
    }
    const closed = j < this.limit;
    if (!closed) this.problem('a `${` is never closed');
    const end = closed ? j + 1 : this.limit;
    const inner = t.slice(start + 2, Math.min(j, this.limit));
    const match = /^([#!]?)([A-Za-z_][A-Za-z0-9_]*)/.exec(inner);
    let wordFrom = start + 2;
    if (match) {
      const [whole, prefix, name] = match;
      const rest = inner.slice(whole.length);
      const operator = prefix === '' ? /^:?[-=]/.exec(rest)?.[0] : undefined;
      const ref: Omit<VariableRef, 'inBacktick'> = { name: name!, start, end, context, simple: prefix === '' && (rest === '' || operator !== undefined) };
      if (operator !== undefined) ref.defaultValue = unquoteWhole(rest.slice(operator.length));
      this.variable(ref);
      wordFrom += whole.length;
    }
    this.i = wordFrom;
    this.quiet++;
    this.expansions(Math.min(j, this.limit), context);
    this.quiet--;
    this.i = end;
  }

  /** Text where only `$`, backticks and backslashes are special (here-document bodies, `${…}` words), up to `stop`. */
  private expansions(stop: number, context: ShellContext): void {
    const saved = this.limit;
    this.limit = stop;
    while (this.i < this.limit) {
      const c = this.t[this.i]!;
      if (c === '\\') this.i += 2;
      else if (c === '`') this.backtick();
      else if (c === '$') this.dollar(context);
      else if (!(c === '<' && this.placeholder(context))) this.i++;
    }
    this.limit = saved;
    this.i = Math.min(Math.max(this.i, stop), saved);
  }

  private hereDocOperator(): void {
    const t = this.t;
    this.i += 2;
    const strip = t[this.i] === '-';
    if (strip) this.i++;
    while (t[this.i] === ' ' || t[this.i] === '\t') this.i++;
    const wordStart = this.i;
    while (this.i < this.limit) {
      const c = t[this.i]!;
      if (c === "'" || c === '"') {
        const close = t.indexOf(c, this.i + 1);
        this.i = close < 0 || close >= this.limit ? this.limit : close + 1;
      } else if (c === '\\') {
        this.i += 2;
      } else if (/[\s;&|<>()]/.test(c)) {
        break;
      } else {
        this.i++;
      }
    }
    const raw = t.slice(wordStart, this.i);
    if (!raw) {
      this.problem('a `<<` has no here-document delimiter');
      return;
    }
    // Quote removal on the delimiter word, which is all the shell does to it.
    this.pending.push({ delimiter: raw.replace(/['"\\]/g, ''), literal: /['"\\]/.test(raw), strip, top: this.depth === 0 });
  }

  /** Reads the bodies of pending here-documents; `this.i` is just after a newline. Leaves `this.i` at the last delimiter line's end. */
  private hereDocBodies(): void {
    const t = this.t;
    while (this.pending.length) {
      const heredoc = this.pending.shift()!;
      const bodyStart = this.i;
      let lineStart = bodyStart;
      let found = false;
      let lineEnd = this.limit;
      while (lineStart < this.limit) {
        const newline = t.indexOf('\n', lineStart);
        lineEnd = newline < 0 || newline > this.limit ? this.limit : newline;
        const line = t.slice(lineStart, lineEnd);
        if ((heredoc.strip ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) {
          found = true;
          break;
        }
        lineStart = lineEnd + 1;
      }
      const bodyEnd = found ? lineStart : this.limit;
      const end = found ? lineEnd : this.limit;
      this.i = bodyStart;
      if (heredoc.literal) {
        this.placeholdersIn(bodyStart, bodyEnd, 'heredoc-literal');
        this.i = bodyEnd;
      } else {
        this.expansions(bodyEnd, 'heredoc');
      }
      if (!found) this.problem(`the here-document \`${heredoc.delimiter}\` is never closed`);
      if (heredoc.top) this.out.hereDocs.push({ delimiter: heredoc.delimiter, literal: heredoc.literal, bodyStart, bodyEnd, end });
      this.i = end;
      if (this.pending.length && t[this.i] === '\n') this.i++;
    }
  }

  /** Records a placeholder at `this.i` when there is one, and moves past it. */
  private placeholder(context: ShellContext): boolean {
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

  private placeholdersIn(from: number, to: number, context: ShellContext): void {
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

  private variable(ref: Omit<VariableRef, 'inBacktick'>): void {
    if (!this.quiet) this.out.variables.push({ ...ref, inBacktick: this.backticks > 0 });
  }

  private problem(message: string): void {
    if (!this.out.problems.includes(message)) this.out.problems.push(message);
  }
}

/** `'a b'` or `"a b"` → `a b`; anything else is returned as written. */
function unquoteWhole(word: string): string {
  const match = /^(['"])([\s\S]*)\1$/.exec(word);
  return match && !match[2]!.includes(match[1]!) ? match[2]! : word;
}
