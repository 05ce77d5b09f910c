/** Scanning the command context: words, operators, comments, newlines, and the substitutions that nest it. */

import { HereDocScanner } from './shell-scan-here-docs';
import type { SubstitutionSpan } from './shell-scan-types';

/** The full scanner: the command context, on top of here-documents, quotes and expansions. */
export class CommandScanner extends HereDocScanner {
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
  protected override substitution(kind: SubstitutionSpan['kind'], open: number): void {
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

  protected override backtick(): void {
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
}
