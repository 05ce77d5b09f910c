/** Scanning quotes and expansions: `'…'`, `"…"`, `$'…'`, `$NAME`, `${…}`, and text where only `$` and backticks are special. */

import { ScanState } from './shell-scan-state';
import type { ShellContext, SubstitutionSpan, VariableRef } from './shell-scan-types';

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const SPECIAL_PARAMETER = /[0-9*@#?$!-]/;

/** Quotes and parameter expansions; substitutions are scanned by the command layer, which this one calls back into. */
export abstract class QuoteScanner extends ScanState {
  /** `$(…)`, `<(…)`, `>(…)`, `$((…))` or `((…))` starting at `this.i`; `open` is the length of the opening delimiter. */
  protected abstract substitution(kind: SubstitutionSpan['kind'], open: number): void;

  /** A backtick substitution starting at `this.i`. */
  protected abstract backtick(): void;

  protected single(): void {
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

  protected double(): void {
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

  protected dollar(context: ShellContext): void {
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
  protected expansions(stop: number, context: ShellContext): void {
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
}

/** `'a b'` or `"a b"` → `a b`; anything else is returned as written. */
function unquoteWhole(word: string): string {
  const match = /^(['"])([\s\S]*)\1$/.exec(word);
  return match && !match[2]!.includes(match[1]!) ? match[2]! : word;
}
