// The matching half of bounded globs (`bounded-glob.ts`): a token program run on a path as a set
// of positions, never backtracking, and without allocating per path.

/** One step of a glob as `bounded-glob.ts` tokenizes it. */
export type Token =
  | { kind: 'char'; char: string }
  | { kind: 'one'; test?: (c: string) => boolean }
  | { kind: 'star' }
  /** `**` as a leading or middle segment with its slash: empty, or anything ending in `/` (with `dirsBody` after it). */
  | { kind: 'dirs' }
  | { kind: 'dirsBody' }
  /** `/**` at the end: empty, or `/` followed by anything. */
  | { kind: 'optslash' }
  | { kind: 'any' };

/**
 * A token program made ready to run many times without allocating: each state's closure (see
 * `closure`) worked out once, two state lists and a mark per state reused by every match, and the
 * literal text every match starts with, ends with and holds, checked first (most paths fail there).
 */
export interface Program {
  tokens: Token[];
  closures: Int32Array[];
  current: Int32Array;
  next: Int32Array;
  /** `marks[state] === stamp`: the state is in the list being built. */
  marks: Uint32Array;
  stamp: number;
  /** The characters before the first wildcard, and after the last one (a path matching must start and end with them). */
  head: string;
  tail: string;
  /** Steps of one match past which it does not match. */
  maxSteps: number;
  /** No wildcard at all: only `head` itself matches. */
  literal: boolean;
  /** The runs of literal characters between wildcards: a path matching holds each of them. */
  inner: string[];
}

/** `tokens` made ready to run (see `Program`); a match past `maxSteps` steps does not match. */
export function program(tokens: Token[], maxSteps: number): Program {
  const n = tokens.length;
  const literalRun = (from: number, step: 1 | -1): string => {
    let text = '';
    for (let i = from; i >= 0 && i < n && tokens[i]!.kind === 'char'; i += step) text = step === 1 ? text + (tokens[i] as { char: string }).char : (tokens[i] as { char: string }).char + text;
    return text;
  };
  const head = literalRun(0, 1);
  const literal = n > 0 && head.length === n;
  const tail = literal ? head : literalRun(n - 1, -1);
  const inner: string[] = [];
  for (let i = head.length; i < n - tail.length; i++) {
    const run = literalRun(i, 1);
    if (run.length > 1) inner.push(run);
    i += run.length;
  }
  return {
    tokens,
    closures: Array.from({ length: n + 1 }, (_, state) => Int32Array.from(closure(tokens, [state]))),
    current: new Int32Array(n + 1),
    next: new Int32Array(n + 1),
    marks: new Uint32Array(n + 1),
    stamp: 0,
    head,
    tail,
    maxSteps,
    literal,
    inner,
  };
}

/** True when `written` matches the program: simulated with a set of positions, no backtracking, nothing allocated for a path without a trailing slash. */
export function run(p: Program, written: string): boolean {
  const { tokens, closures } = p;
  const n = tokens.length;
  // as picomatch: a trailing slash on the path (a folder) is optional
  const path = written.length > 1 && written.endsWith('/') && tokens.at(-1)?.kind !== 'char' ? written.slice(0, -1) : written;
  if (p.literal) return path === p.head;
  if (path.length < p.head.length + p.tail.length || !path.startsWith(p.head) || !path.endsWith(p.tail)) return false;
  for (const needle of p.inner) if (!path.includes(needle)) return false;
  let current = p.current;
  let next = p.next;
  let size = add(p, current, 0, closures[0]!, newStamp(p));
  let steps = 0;
  for (const c of path) {
    if (size === 0) return false;
    steps += size;
    if (steps > p.maxSteps) return false;
    const stamp = newStamp(p);
    let nextSize = 0;
    for (let i = 0; i < size; i++) {
      const state = current[i]!;
      if (state === n) continue;
      const token = tokens[state]!;
      switch (token.kind) {
        case 'char':
          if (token.char === c) nextSize = add(p, next, nextSize, closures[state + 1]!, stamp);
          break;
        case 'one':
          if (c !== '/' && (!token.test || token.test(c))) nextSize = add(p, next, nextSize, closures[state + 1]!, stamp);
          break;
        case 'star':
          if (c !== '/') nextSize = add(p, next, nextSize, closures[state]!, stamp);
          break;
        case 'any':
          nextSize = add(p, next, nextSize, closures[state]!, stamp);
          break;
        case 'dirs':
          nextSize = add(p, next, nextSize, closures[c === '/' ? state + 2 : state + 1]!, stamp);
          break;
        case 'dirsBody':
          nextSize = add(p, next, nextSize, closures[state]!, stamp);
          if (c === '/') nextSize = add(p, next, nextSize, closures[state + 1]!, stamp);
          break;
        case 'optslash':
          if (c === '/') nextSize = add(p, next, nextSize, closures[state + 1]!, stamp);
          break;
      }
    }
    [current, next] = [next, current];
    size = nextSize;
  }
  for (let i = 0; i < size; i++) if (current[i] === n) return true;
  return false;
}

/** A new mark for the list about to be built (the marks start over when the counter wraps). */
function newStamp(p: Program): number {
  if (p.stamp === 0xffffffff) {
    p.marks.fill(0);
    p.stamp = 0;
  }
  return ++p.stamp;
}

/** Adds the states of `closed` not yet marked with `stamp` to `list` (holding `size`); the new size. */
function add(p: Program, list: Int32Array, size: number, closed: Int32Array, stamp: number): number {
  for (let i = 0; i < closed.length; i++) {
    const state = closed[i]!;
    if (p.marks[state] === stamp) continue;
    p.marks[state] = stamp;
    list[size++] = state;
  }
  return size;
}

/** `states` with every position reachable without consuming a character, deduplicated. */
function closure(tokens: Token[], states: number[]): number[] {
  const seen = new Set<number>();
  const stack = [...states];
  while (stack.length > 0) {
    const state = stack.pop()!;
    if (seen.has(state)) continue;
    seen.add(state);
    const token = tokens[state];
    if (!token) continue;
    if (token.kind === 'star' || token.kind === 'any') stack.push(state + 1);
    else if (token.kind === 'dirs' || token.kind === 'optslash') stack.push(state + 2);
  }
  return [...seen];
}
