import type { CallChange } from '../model/call-change';
import { scriptInterface, scriptLanguage, withoutDefaults, type ScriptInterface } from './script-interface';

const minus = (a: readonly string[], b: readonly string[]): string[] => {
  const has = new Set(b);
  return a.filter((x) => !has.has(x));
};
const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The uses in `before` whose form without defaults (see `withoutDefaults`) is in no use of `after`. */
export function usesGone(before: readonly string[], after: readonly string[]): string[] {
  const now = new Set(after.map(withoutDefaults));
  return before.filter((line) => !now.has(withoutDefaults(line)));
}

/** The change between two sets of names, with all the names before. */
function names(before: readonly string[], after: readonly string[]): { lost: string[]; gained: string[]; had: string[] } {
  return { lost: minus(before, after), gained: minus(after, before), had: [...before] };
}

/** Whether a call change says nothing changed in how it is called. */
function unchanged(c: CallChange): boolean {
  return !c.removed && c.args.length === 0 && !c.usage && c.options.lost.length + c.options.gained.length + c.variables.lost.length + c.variables.gained.length === 0;
}

/** How the interface of a script changed (see `ScriptInterface`); undefined when it did not. */
export function scriptCallChange(before: ScriptInterface, after: ScriptInterface): CallChange | undefined {
  const params = [...new Set([...before.args.keys(), ...after.args.keys()])].sort();
  // A doc relies on what its arguments were used for: a use that went away or changed counts, a
  // changed default or an added use does not (the count check `$#` counts any change).
  const args = params
    .map((param) => ({ param, before: before.args.get(param) ?? [], after: after.args.get(param) ?? [] }))
    .filter((a) => (a.param === '#' ? !same(a.before, a.after) : usesGone(a.before, a.after).length > 0));
  const change: CallChange = {
    name: '',
    args,
    ...(same(before.usage, after.usage) ? {} : { usage: { before: before.usage, after: after.usage } }),
    options: names(before.options, after.options),
    variables: names(before.variables, after.variables),
  };
  return unchanged(change) ? undefined : change;
}

/**
 * The call changes of a file a doc calls, from its two texts (`''` for a side that does not
 * exist): for a script, its interface change (empty: the same interface); `false` when the file
 * is not a script (by extension or `#!` line).
 */
export function scriptCallChanges(path: string, before: string, after: string): CallChange[] | false {
  const language = scriptLanguage(path, after || before);
  if (!language) return false;
  const change = scriptCallChange(scriptInterface(before, language), scriptInterface(after, language));
  return change ? [change] : [];
}

/**
 * How a Makefile's targets are called: the variables each target's rule reads (see
 * `makeTargetVariables`) and, for a justfile, each recipe's parameters (see `justRecipeParameters`).
 */
export interface MakeTargets {
  variables: ReadonlyMap<string, readonly string[]>;
  parameters?: ReadonlyMap<string, string>;
}

/**
 * The call changes of the make targets `changed` (see `changedMakeRules`) between two versions of
 * a Makefile: per target, whether it is gone and the variables its rule reads; a target whose rule
 * changed in nothing else gets an entry with empty lists (its change is internal).
 */
export function makeCallChanges(before: MakeTargets, after: MakeTargets, changed: readonly string[]): CallChange[] {
  const [a, b] = [before.variables, after.variables];
  // A just recipe takes parameters (`just deploy eu`): its header says which.
  const [pa, pb] = [before.parameters ?? new Map<string, string>(), after.parameters ?? new Map<string, string>()];
  return changed.map((name): CallChange => {
    const had = a.get(name) ?? [];
    const has = b.get(name);
    const params = [pa.get(name) ?? '', pb.get(name) ?? ''];
    const usage = has && params[0] !== params[1] ? { usage: { before: [params[0]!], after: [params[1]!] } } : {};
    return { name, ...(a.has(name) && !has ? { removed: true } : {}), args: [], ...usage, options: names([], []), variables: names(had, has ?? had) };
  });
}
