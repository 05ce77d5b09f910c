import { distance } from 'fastest-levenshtein';

/**
 * The name of `names` that `name` was most likely misspelt from or renamed to, for "did you mean":
 * the nearest by edit distance (case ignored), within a third of the longer name (at least 1; a swap of two letters costs 2);
 * ties go to the first. Undefined when none is that close or `name` is itself listed.
 */
export function nearestName(name: string, names: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    if (candidate === name) return undefined;
    const d = distance(wanted, candidate.toLowerCase());
    if (d <= Math.max(1, Math.floor(Math.max(wanted.length, candidate.length) / 3)) && (!best || d < best.distance)) best = { name: candidate, distance: d };
  }
  return best?.name;
}
