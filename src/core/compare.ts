/** Orders strings by UTF-16 code units: the same on every machine, whatever its locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Orders labels for people (case-insensitive, numbers by value), the same on every machine. */
export function compareForDisplay(a: string, b: string): number {
  return collator.compare(a, b) || compareCodeUnits(a, b);
}
