/** Scanning here-documents: the `<<` operator and its delimiter, then the bodies after the newline. */

import { QuoteScanner } from './shell-scan-quotes';

/** Here-documents, on top of quotes and expansions (an unquoted delimiter's body is expanded). */
export abstract class HereDocScanner extends QuoteScanner {
  /** A `<<` or `<<-` at `this.i`: reads the delimiter word and queues the body for the next newline. */
  protected hereDocOperator(): void {
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
  protected hereDocBodies(): void {
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
}
