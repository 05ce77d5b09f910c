/** The type of `definedFields(fields)`: keys whose value may be undefined become optional. */
export type DefinedFields<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/**
 * A copy of `fields` without the keys whose value is undefined, in the order given: how the JSON
 * outputs leave an unknown field out (never `null`, never `"column": undefined` in a deep-equal).
 * Replaces the `...(x !== undefined ? { x } : {})` spreads.
 */
export function definedFields<T extends object>(fields: T): DefinedFields<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as DefinedFields<T>;
}
