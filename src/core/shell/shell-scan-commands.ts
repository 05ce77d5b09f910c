/** Scanning the command context: words, operators, comments, newlines, and the substitutions that nest it. */

import type { ScanCursor, SubstitutionSpan } from './shell-scan-types';

/** Command context until `end` (a closing `)` or backtick) or the limit. Returns false when `end` was never found. */
export function command(s: ScanCursor, end: ')' | '`' | undefined, arithmetic: boolean): boolean {
  const t = s.t;
  let wordStart = true;
  let parens = 0;
  while (s.i < s.limit) {
    const c = t[s.i]!;
    const next = t[s.i + 1];
    if (c === '`' && end === '`') return true;
    if (c === ')' && end === ')' && parens === 0) return true;
    if (c === '\\') {
      if (next === '\n') {
        if (s.depth === 0) s.out.continuations.push(s.i);
      } else {
        wordStart = false;
      }
      s.i += 2;
      continue;
    }
    if (c === '\n') {
      if (s.depth === 0 && !arithmetic) s.out.newlines.push(s.i);
      s.i++;
      if (!arithmetic) s.read.hereDocBodies(s);
      wordStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === ';' || c === '&' || c === '|') {
      s.i++;
      wordStart = true;
      continue;
    }
    if (c === '(') {
      if (wordStart && next === '(' && !arithmetic) {
        // `(( … ))` arithmetic command: `<<` inside is a shift, not a here-document.
        substitution(s, 'arithmetic', 2);
        wordStart = false;
        continue;
      }
      parens++;
      s.i++;
      wordStart = true;
      continue;
    }
    if (c === ')') {
      parens = Math.max(0, parens - 1);
      s.i++;
      wordStart = true;
      continue;
    }
    if (c === '#' && !arithmetic) {
      if (wordStart) {
        const newline = t.indexOf('\n', s.i);
        const stop = newline < 0 || newline > s.limit ? s.limit : newline;
        if (s.depth === 0) s.out.comments.push({ start: s.i, end: stop });
        s.i = stop;
        continue;
      }
      if (s.depth === 0) s.out.hashes.push(s.i);
      s.i++;
      continue;
    }
    if (c === "'") {
      s.read.single(s);
      wordStart = false;
      continue;
    }
    if (c === '"') {
      s.read.double(s);
      wordStart = false;
      continue;
    }
    if (c === '`') {
      backtick(s);
      wordStart = false;
      continue;
    }
    if (c === '$') {
      s.read.dollar(s, 'unquoted');
      wordStart = false;
      continue;
    }
    if ((c === '<' || c === '>') && next === '(') {
      substitution(s, 'process', 2);
      wordStart = false;
      continue;
    }
    if (c === '<' && next === '<') {
      if (t[s.i + 2] === '<') {
        s.i += 3;
      } else if (arithmetic) {
        s.i += 2;
      } else {
        s.read.hereDocOperator(s);
      }
      wordStart = true;
      continue;
    }
    if (c === '<' && s.placeholder('unquoted')) {
      wordStart = false;
      continue;
    }
    s.i++;
    wordStart = c === '<' || c === '>';
  }
  return end === undefined;
}

/** `$(…)`, `<(…)`, `>(…)`, `$((…))` or `((…))` starting at `s.i`; `open` is the length of the opening delimiter. */
export function substitution(s: ScanCursor, kind: SubstitutionSpan['kind'], open: number): void {
  const start = s.i;
  const top = s.depth === 0;
  s.i += open;
  const innerStart = s.i;
  s.depth++;
  const closed = command(s, ')', kind === 'arithmetic');
  s.depth--;
  const innerEnd = s.i;
  if (!closed) {
    s.problem(kind === 'arithmetic' ? 'an arithmetic `((` is never closed' : 'a `(` substitution is never closed');
    return;
  }
  s.i++;
  if (kind === 'arithmetic') {
    if (s.t[s.i] === ')') s.i++;
    else s.problem('an arithmetic `((` is closed by a single `)`');
  }
  if (top) s.out.substitutions.push({ kind, start, end: s.i, innerStart, innerEnd });
}

export function backtick(s: ScanCursor): void {
  const start = s.i;
  const top = s.depth === 0;
  s.i++;
  s.depth++;
  s.backticks++;
  const closed = command(s, '`', false);
  s.backticks--;
  s.depth--;
  if (!closed) {
    s.problem('a backtick substitution is never closed');
    return;
  }
  const innerEnd = s.i;
  s.i++;
  if (top) s.out.substitutions.push({ kind: 'backtick', start, end: s.i, innerStart: start + 1, innerEnd });
}