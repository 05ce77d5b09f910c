import { distance } from 'fastest-levenshtein';
import { normalizeAlertName } from '../alert-name';

/**
 * The defined alert a missing name was most likely renamed to or misspelt from: the nearest by edit
 * distance of the normalized names (case, `-`, `_` and spaces ignored), within a quarter of the
 * longer name; else one whose name contains the other or is contained in it, when the shorter is at
 * least 6 characters and half the longer. Ties go to the first in `names`. Undefined when none is close.
 */
export function nearestAlertName(name: string, names: readonly string[]): string | undefined {
  const wanted = normalizeAlertName(name);
  if (!wanted) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    const other = normalizeAlertName(candidate);
    const d = distance(wanted, other);
    if (d <= Math.max(1, Math.floor(Math.max(wanted.length, other.length) / 4)) && (!best || d < best.distance)) best = { name: candidate, distance: d };
  }
  if (best) return best.name;
  return names.find((candidate) => {
    const other = normalizeAlertName(candidate);
    const [short, long] = other.length < wanted.length ? [other, wanted] : [wanted, other];
    return short.length >= 6 && short.length * 2 >= long.length && long.includes(short);
  });
}
