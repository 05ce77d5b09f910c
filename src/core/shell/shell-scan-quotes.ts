/** Scanning quotes and expansions: `'…'`, `"…"`, `$'…'`, `$NAME`, `${…}`, and text where only `$` and backticks are special. Substitutions are read by the command layer, through `s.read`. */

import type { ScanCursor, ShellContext, VariableRef } from './shell-scan-types';

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const SPECIAL_PARAMETER = /[0-9*@#?$!-]/;

export function single(s: ScanCursor): void {
  const close = s.t.indexOf("'", s.i + 1);
  if (close < 0 || close >= s.limit) {
    s.placeholdersIn(s.i + 1, s.limit, 'single');
    s.problem('a `\'` quote is never closed');
    s.i = s.limit;
    return;
  }
  s.placeholdersIn(s.i + 1, close, 'single');
  s.i = close + 1;
}

export function double(s: ScanCursor): void {
  const t = s.t;
  s.i++;
  while (s.i < s.limit) {
    const c = t[s.i]!;
    if (c === '"') {
      s.i++;
      return;
    }
    if (c === '\\') {
      if (t[s.i + 1] === '\n' && s.depth === 0) s.out.continuations.push(s.i);
      s.i += 2;
    } else if (c === '`') {
      s.read.backtick(s);
    } else if (c === '$') {
      dollar(s, 'double');
    } else if (!(c === '<' && s.placeholder('double'))) {
      s.i++;
    }
  }
  s.problem('a `"` quote is never closed');
}

/** ANSI-C `$'…'`: backslash escapes, no expansions. */
function ansiC(s: ScanCursor): void {
  let j = s.i + 2;
  while (j < s.limit && s.t[j] !== "'") j += s.t[j] === '\\' ? 2 : 1;
  if (j >= s.limit) {
    s.problem("a `$'` quote is never closed");
    s.i = s.limit;
    return;
  }
  s.i = j + 1;
}

export function dollar(s: ScanCursor, context: ShellContext): void {
  const t = s.t;
  const start = s.i;
  const next = t[start + 1];
  if (context === 'unquoted' && next === "'") return ansiC(s);
  if (context === 'unquoted' && next === '"') {
    s.i++;
    return double(s);
  }
  if (next === '(') return s.read.substitution(s, t[start + 2] === '(' ? 'arithmetic' : 'command', t[start + 2] === '(' ? 3 : 2);
  if (next === '{') return brace(s, context);
  NAME.lastIndex = start + 1;
  const name = NAME.exec(t);
  if (name && start + 1 + name[0].length <= s.limit) {
    s.i = start + 1 + name[0].length;
    s.variable({ name: name[0], start, end: s.i, context, simple: true });
    return;
  }
  s.i += next !== undefined && SPECIAL_PARAMETER.test(next) ? 2 : 1;
}

/** `${…}` at `s.i`. The word after an operator is scanned for substitutions, quietly. */
function brace(s: ScanCursor, context: ShellContext): void {
  const t = s.t;
  const start = s.i;
  let j = start + 2;
  let level = 1;
  while (j < s.limit) {
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
  const closed = j < s.limit;
  if (!closed) s.problem('a `${` is never closed');
  const end = closed ? j + 1 : s.limit;
  const inner = t.slice(start + 2, Math.min(j, s.limit));
  const match = /^([#!]?)([A-Za-z_][A-Za-z0-9_]*)/.exec(inner);
  let wordFrom = start + 2;
  if (match) {
    const [whole, prefix, name] = match;
    const rest = inner.slice(whole.length);
    const operator = prefix === '' ? /^:?[-=]/.exec(rest)?.[0] : undefined;
    const ref: Omit<VariableRef, 'inBacktick'> = { name: name!, start, end, context, simple: prefix === '' && (rest === '' || operator !== undefined) };
    if (operator !== undefined) ref.defaultValue = unquoteWhole(rest.slice(operator.length));
    s.variable(ref);
    wordFrom += whole.length;
  }
  s.i = wordFrom;
  s.quiet++;
  expansions(s, Math.min(j, s.limit), context);
  s.quiet--;
  s.i = end;
}

/** Text where only `$`, backticks and backslashes are special (here-document bodies, `${…}` words), up to `stop`. */
export function expansions(s: ScanCursor, stop: number, context: ShellContext): void {
  const saved = s.limit;
  s.limit = stop;
  while (s.i < s.limit) {
    const c = s.t[s.i]!;
    if (c === '\\') s.i += 2;
    else if (c === '`') s.read.backtick(s);
    else if (c === '$') dollar(s, context);
    else if (!(c === '<' && s.placeholder(context))) s.i++;
  }
  s.limit = saved;
  s.i = Math.min(Math.max(s.i, stop), saved);
}
/** `'a b'` or `"a b"` → `a b`; anything else is returned as written. */
function unquoteWhole(word: string): string {
  const match = /^(['"])([\s\S]*)\1$/.exec(word);
  return match && !match[2]!.includes(match[1]!) ? match[2]! : word;
}
