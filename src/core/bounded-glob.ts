/**
 * Globs written in repository content (`watches:` front matter, `.runbooks.yml` include/exclude,
 * rule-file globs) are untrusted input. A regex-compiled glob such as picomatch's backtracks:
 * `*a*a*a*a*a*a*a*a*a*a*c` against one 40-character file name took 30 s. Here a glob is bounded
 * (length, wildcards, brace alternatives), compiled once, and matched by a state-set simulation
 * that never backtracks: each path costs at most (pattern tokens × path length) steps, and a
 * per-match step budget stops anything past that.
 *
 * Supported syntax (as picomatch with `dot: true`): `*`, `?`, `[abc]`, `[a-z]`, `[!x]`/`[^x]`,
 * `**` as a whole segment, `{a,b}` (nested), `{1..3}`, `\` escapes, and the extglobs `@(a|b)` and
 * `?(a|b)`. The repeating and negating extglobs `*(…)`, `+(…)`, `!(…)` are refused as unsupported.
 */

import { expandBraces } from './glob-braces';
import { program, run, type Token } from './glob-program';

/** The bounds a glob must keep. */
export const GLOB_BOUNDS = Object.freeze({
  /** Characters of the pattern as written. */
  maxLength: 256,
  /** Wildcards (`*`, `**`, `?`, `[…]`) over the pattern as written. */
  maxWildcards: 10,
  /** Patterns after expanding `{a,b}` and `@(a|b)`. */
  maxAlternatives: 64,
  /** Steps of one match (a path longer than this divided by the active states does not match). */
  maxStepsPerMatch: 1_000_000,
});

/** A compiled glob. */
export interface BoundedGlob {
  readonly pattern: string;
  /** True when `path` (workspace-relative, posix) matches; false past the step budget too. */
  match(path: string): boolean;
}

/** Why a glob was refused. */
export interface GlobRefusal {
  pattern: string;
  /** One sentence naming the bound, for a finding's message. */
  reason: string;
}

const cache = new Map<string, BoundedGlob | GlobRefusal>();
const CACHE_LIMIT = 2000;

/**
 * Compiles `pattern` once (memoised by pattern text): a matcher, or a refusal saying which bound
 * it is over or which syntax is unsupported. Never throws.
 */
export function compileBoundedGlob(pattern: string): BoundedGlob | GlobRefusal {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const compiled = compile(pattern);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/** True when `result` is a refusal. */
export function isGlobRefusal(result: BoundedGlob | GlobRefusal): result is GlobRefusal {
  return 'reason' in result;
}

/**
 * A matcher for several patterns (true when any matches). Refused patterns match nothing; callers
 * that take patterns from the user report them with {@link globRefusals} first.
 */
export function boundedMatcher(patterns: string | readonly string[], options: { nocase?: boolean } = {}): (path: string) => boolean {
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  const globs = list.map((p) => compileBoundedGlob(options.nocase ? p.toLowerCase() : p)).filter((g): g is BoundedGlob => !isGlobRefusal(g));
  if (globs.length === 1) {
    const only = globs[0]!;
    return options.nocase ? (path) => only.match(path.toLowerCase()) : (path) => only.match(path);
  }
  return (path) => {
    const subject = options.nocase ? path.toLowerCase() : path;
    return globs.some((g) => g.match(subject));
  };
}

/** The refusals among `patterns`, in order (empty when all compile). */
export function globRefusals(patterns: readonly string[]): GlobRefusal[] {
  return patterns.map(compileBoundedGlob).filter(isGlobRefusal);
}

function compile(pattern: string): BoundedGlob | GlobRefusal {
  const refuse = (reason: string): GlobRefusal => Object.freeze({ pattern, reason });
  if (pattern.length > GLOB_BOUNDS.maxLength) return refuse(`it is ${pattern.length} characters long, over the bound of ${GLOB_BOUNDS.maxLength}`);
  const wildcards = countWildcards(pattern);
  if (wildcards > GLOB_BOUNDS.maxWildcards) return refuse(`it has ${wildcards} wildcards, over the bound of ${GLOB_BOUNDS.maxWildcards}`);
  if (/(^|[^\\])[*+!]\(/.test(pattern)) return refuse('the extglobs `*(…)`, `+(…)` and `!(…)` are not supported (use `{a,b}`, `@(a|b)` or `?(a)`)');
  const alternatives = expandBraces(pattern, GLOB_BOUNDS.maxAlternatives);
  if (alternatives === undefined) return refuse(`its \`{…}\` alternatives expand to more than ${GLOB_BOUNDS.maxAlternatives} patterns`);
  const programs = alternatives.map((alternative) => program(tokenize(alternative), GLOB_BOUNDS.maxStepsPerMatch));
  const match = programs.length === 1 ? (path: string): boolean => run(programs[0]!, path) : (path: string): boolean => programs.some((p) => run(p, path));
  return Object.freeze({ pattern, match });
}

/** Wildcards as written: `*` runs count once, `?` outside an extglob, `[` that opens a class. */
function countWildcards(pattern: string): number {
  let count = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') i++;
    else if (c === '*') {
      count++;
      while (pattern[i + 1] === '*') i++;
    } else if (c === '?' && pattern[i + 1] !== '(') count++;
    else if (c === '[' && pattern.indexOf(']', i + 2) > 0) count++;
  }
  return count;
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  const segments = pattern.split('/');
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      if (segments.length === 1) tokens.push({ kind: 'any' });
      else if (last) {
        // `a/**`: the slash before it was pushed with the previous segment; make it optional
        if (tokens.at(-1)?.kind === 'char') tokens.pop();
        tokens.push({ kind: 'optslash' }, { kind: 'any' });
      } else tokens.push({ kind: 'dirs' }, { kind: 'dirsBody' });
      return;
    }
    for (let i = 0; i < segment.length; i++) {
      const c = segment[i]!;
      if (c === '\\' && i + 1 < segment.length) tokens.push({ kind: 'char', char: segment[++i]! });
      else if (c === '*') {
        while (segment[i + 1] === '*') i++;
        tokens.push({ kind: 'star' });
      } else if (c === '?') tokens.push({ kind: 'one' });
      else if (c === '[') {
        const end = classEnd(segment, i);
        if (end < 0) tokens.push({ kind: 'char', char: c });
        else {
          tokens.push({ kind: 'one', test: characterClass(segment.slice(i + 1, end)) });
          i = end;
        }
      } else tokens.push({ kind: 'char', char: c });
    }
    if (!last) tokens.push({ kind: 'char', char: '/' });
  });
  return tokens;
}

function classEnd(segment: string, open: number): number {
  let i = open + 1;
  if (segment[i] === '!' || segment[i] === '^') i++;
  if (segment[i] === ']') i++;
  for (; i < segment.length; i++) {
    if (segment[i] === '\\') i++;
    else if (segment.startsWith('[:', i)) {
      const close = segment.indexOf(':]', i + 2);
      if (close > 0) i = close + 1;
    } else if (segment[i] === ']') return i;
  }
  return -1;
}

/** A one-character test for a class body (`a-z`, `!x`); the regex is one character class, so it cannot backtrack. */
function characterClass(body: string): (c: string) => boolean {
  const negated = body.startsWith('!') || body.startsWith('^');
  const inner = (negated ? body.slice(1) : body)
    .split(/(\[:\w+:\])/)
    .map((part) => (/^\[:\w+:\]$/.test(part) ? (POSIX_CLASSES[part.slice(2, -2)] ?? '') : part.replace(/[\]\\^[]/g, (m) => `\\${m}`)))
    .join('');
  let regex: RegExp;
  try {
    regex = new RegExp(`^[${negated ? '^' : ''}${inner}]$`, 'u');
  } catch {
    return () => false;
  }
  return (c) => c !== '/' && regex.test(c);
}

const POSIX_CLASSES: Record<string, string> = { alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t', xdigit: '0-9a-fA-F' };
