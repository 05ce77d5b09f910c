// Words of the config file's messages: the closest known key to a misspelt one, how a wrong value
// is shown, lists in prose. Shared by the sections of the config file.

/** The message for an unknown key `name` (at `path`): the closest known one, else the only one, else all of them. */
export function unknownKey(path: string, name: string, known: readonly string[], noun: string): string {
  const near = closest(name, known);
  if (near) return `\`${path}\` is not a ${noun}; did you mean \`${near}\`?`;
  if (known.length === 1) return `\`${path}\` is not a ${noun}; the only ${noun} is \`${known[0]}\`.`;
  return `\`${path}\` is not a ${noun}; the ${noun}s are ${listWords(known.map((k) => `\`${k}\``), 'and')}.`;
}

/**
 * The known key `name` was most likely meant to be: the same up to case, `_` and `-`; else the
 * nearest by edit distance (within a third of the key's length); else the nearest whose run of
 * camelCase words is that close (`treshold` → `staleThreshold`); else one containing it or contained
 * in it (4 characters or more). Undefined when none is close.
 */
export function closest(name: string, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const n = norm(name);
  if (n === '') return undefined;
  const same = known.find((k) => norm(k) === n);
  if (same) return same;
  const nearest = (candidates: (key: string) => string[]) => {
    let best: { key: string; distance: number } | undefined;
    for (const key of known) {
      for (const c of candidates(key)) {
        const distance = editDistance(n, c);
        if (distance <= Math.max(1, Math.floor(c.length / 3)) && (!best || distance < best.distance)) best = { key, distance };
      }
    }
    return best?.key;
  };
  return (
    nearest((key) => [norm(key)]) ??
    nearest((key) => wordRuns(key).filter((run) => run.length >= 5)) ??
    (n.length >= 4 ? known.find((k) => norm(k).includes(n) || n.includes(norm(k))) : undefined)
  );
}

/** Every run of consecutive camelCase words of `key`, lower case (`staleThreshold` → stale, stalethreshold, threshold). */
function wordRuns(key: string): string[] {
  const words = key.split(/(?=[A-Z])/).map((w) => w.toLowerCase());
  const runs: string[] = [];
  for (let i = 0; i < words.length; i++) for (let j = i + 1; j <= words.length; j++) runs.push(words.slice(i, j).join(''));
  return runs;
}

/** Levenshtein distance, with a swap of two neighbours counting as one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** How a wrong value is shown in a message. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `\`${JSON.stringify(shown).slice(1, -1)}\``;
  }
  return `\`${String(value)}\``;
}

/** `a, b or c`. */
export function listWords(words: readonly string[], last: 'and' | 'or'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}
