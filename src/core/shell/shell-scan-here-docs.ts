/** Scanning here-documents: the `<<` operator and its delimiter, then the bodies after the newline. */

import type { ScanCursor } from './shell-scan-types';

/** A `<<` or `<<-` at `s.i`: reads the delimiter word and queues the body for the next newline. */
export function hereDocOperator(s: ScanCursor): void {
  const t = s.t;
  s.i += 2;
  const strip = t[s.i] === '-';
  if (strip) s.i++;
  while (t[s.i] === ' ' || t[s.i] === '\t') s.i++;
  const wordStart = s.i;
  while (s.i < s.limit) {
    const c = t[s.i]!;
    if (c === "'" || c === '"') {
      const close = t.indexOf(c, s.i + 1);
      s.i = close < 0 || close >= s.limit ? s.limit : close + 1;
    } else if (c === '\\') {
      s.i += 2;
    } else if (/[\s;&|<>()]/.test(c)) {
      break;
    } else {
      s.i++;
    }
  }
  const raw = t.slice(wordStart, s.i);
  if (!raw) {
    s.problem('a `<<` has no here-document delimiter');
    return;
  }
  // Quote removal on the delimiter word, which is all the shell does to it.
  s.pending.push({ delimiter: raw.replace(/['"\\]/g, ''), literal: /['"\\]/.test(raw), strip, top: s.depth === 0 });
}

/** Reads the bodies of pending here-documents; `s.i` is just after a newline. Leaves `s.i` at the last delimiter line's end. */
export function hereDocBodies(s: ScanCursor): void {
  const t = s.t;
  while (s.pending.length) {
    const heredoc = s.pending.shift()!;
    const bodyStart = s.i;
    let lineStart = bodyStart;
    let found = false;
    let lineEnd = s.limit;
    while (lineStart < s.limit) {
      const newline = t.indexOf('\n', lineStart);
      lineEnd = newline < 0 || newline > s.limit ? s.limit : newline;
      const line = t.slice(lineStart, lineEnd);
      if ((heredoc.strip ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) {
        found = true;
        break;
      }
      lineStart = lineEnd + 1;
    }
    const bodyEnd = found ? lineStart : s.limit;
    const end = found ? lineEnd : s.limit;
    s.i = bodyStart;
    if (heredoc.literal) {
      s.placeholdersIn(bodyStart, bodyEnd, 'heredoc-literal');
      s.i = bodyEnd;
    } else {
      s.read.expansions(s, bodyEnd, 'heredoc');
    }
    if (!found) s.problem(`the here-document \`${heredoc.delimiter}\` is never closed`);
    if (heredoc.top) s.out.hereDocs.push({ delimiter: heredoc.delimiter, literal: heredoc.literal, bodyStart, bodyEnd, end });
    s.i = end;
    if (s.pending.length && t[s.i] === '\n') s.i++;
  }
}