import { distance } from 'fastest-levenshtein';

/**
 * The name of `names` that `name` was most likely misspelt from or renamed to, for "did you mean":
 * the nearest by edit distance (case ignored), within a third of the longer name (at least 1; a swap of two letters costs 2);
 * the same words in another order (`deploy-canary` for `canary-deploy`) count as one edit. Ties go to the first. Undefined
 * when none is that close or `name` is itself listed.
 */
export function nearestName(name: string, names: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    if (candidate === name) return undefined;
    const d = sameWords(wanted, candidate.toLowerCase()) ? 1 : distance(wanted, candidate.toLowerCase());
    if (d <= Math.max(1, Math.floor(Math.max(wanted.length, candidate.length) / 3)) && (!best || d < best.distance)) best = { name: candidate, distance: d };
  }
  return best?.name;
}

/** Whether two names of several words (split at `-`, `_`, `:`, `.`) have the same words in another order. */
function sameWords(a: string, b: string): boolean {
  const words = (s: string) => s.split(/[-_:.]/);
  const [x, y] = [words(a), words(b)];
  return x.length > 1 && a !== b && x.length === y.length && [...x].sort().join('\0') === [...y].sort().join('\0');
}
