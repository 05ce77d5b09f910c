/**
 * A copy of `text` that keeps no other string alive. V8 represents a substring of 13 characters or
 * more (`slice`, `split`, a regex group) as a view into the string it was cut from, so one blob id
 * kept from a 64 KiB chunk of `git log` output, or one runbook value kept from a rule file, keeps
 * the whole chunk or file in memory for as long as it is kept. What is kept from large texts for a
 * whole run goes through this. Returns `text` itself when it is too short to be such a view.
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/**
 * `value` with every string in it replaced by `ownString` of it, through arrays and plain objects
 * (same keys in the same order); numbers, booleans and arrays without strings or objects are kept
 * as they are. For results kept for a whole run whose strings were cut from file texts.
 */
export function ownStrings<T>(value: T): T {
  if (typeof value === 'string') return ownString(value) as T;
  if (Array.isArray(value)) return (value.some((v) => v !== null && (typeof v === 'string' || typeof v === 'object')) ? value.map(ownStrings) : value) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = ownStrings(v);
    return out as T;
  }
  return value;
}
