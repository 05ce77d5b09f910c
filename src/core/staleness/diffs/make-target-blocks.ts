import { factsOf, textOf, type Text, type TextFacts } from './text-facts';

/**
 * Which of the targets a command runs changed between two versions of a Makefile (undefined: no
 * file): the names in `named` whose rule differs (header with prerequisites, recipe lines; comments
 * and blank lines left out), or that one side lacks. An empty `named` stands for the default goal
 * (`.DEFAULT_GOAL`, else the first target not starting with `.`), reported as `''`.
 */
export function changedMakeTargets(before: string | undefined, after: string | undefined, named: readonly string[]): string[] {
  const a = targetRules(before ?? '');
  const b = targetRules(after ?? '');
  if (named.length === 0) return a.rules.get(a.goal ?? '') === b.rules.get(b.goal ?? '') && a.goal === b.goal ? [] : [''];
  return named.filter((name) => a.rules.get(name) !== b.rules.get(name));
}

/**
 * Every target whose rule differs between two versions of a Makefile, sorted, with `''` when the
 * default goal's rule (or which target it is) changed: what `changedMakeTargets` needs of a diff,
 * whatever the targets a doc runs.
 */
export function changedMakeRules(before: Text | undefined, after: Text | undefined, just = false): string[] {
  const a = rulesOf(before ?? '', just);
  const b = rulesOf(after ?? '', just);
  const changed = [...new Set([...a.rules.keys(), ...b.rules.keys()])].filter((name) => a.rules.get(name) !== b.rules.get(name));
  if (a.goal !== b.goal || a.rules.get(a.goal ?? '') !== b.rules.get(b.goal ?? '')) changed.push('');
  return changed.sort();
}

/** Variables make and the shell set themselves: not something a doc passes. */
const BUILT_IN = new Set(['MAKE', 'MAKEFLAGS', 'MAKECMDGOALS', 'CURDIR', 'MAKEFILE_LIST', 'SHELL', 'HOME', 'PATH', 'PWD', 'USER', 'MAKELEVEL']);

/**
 * Target name → the variables its rule reads (`$(VAR)`, `${VAR}`, `$$VAR`; for a justfile (`just`)
 * also `{{ VAR }}` and `env_var('VAR')`; upper-case names, make's own left out), sorted; `''` for the
 * default goal.
 */
export function makeTargetVariables(text: Text, just = false): ReadonlyMap<string, readonly string[]> {
  return factsOf(text).of(just ? justVariables : makeVariables);
}

/** How the targets of a Makefile (`just`: a justfile) are called: the variables their rules read, a justfile's recipes' parameters. */
export function makeTargetsOf(text: Text, just = false): { variables: ReadonlyMap<string, readonly string[]>; parameters?: ReadonlyMap<string, string> } {
  return { variables: makeTargetVariables(text, just), ...(just ? { parameters: justRecipeParameters(textOf(text)) } : {}) };
}

const makeVariables = (facts: TextFacts) => targetVariables(facts, false);
const justVariables = (facts: TextFacts) => targetVariables(facts, true);

function targetVariables(facts: TextFacts, just: boolean): Map<string, string[]> {
  const { rules, goal } = rulesOf(facts, just);
  const out = new Map<string, string[]>();
  const read = (body: string): string[] => {
    const found = new Set<string>();
    const pattern = just ? /\$\{?([A-Za-z_][A-Za-z0-9_]*)|\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}|env_var(?:_or_default)?\(\s*['"]([A-Za-z_]\w*)/g : /\$(?:[({]([A-Za-z_][A-Za-z0-9_]*)[)}]|\$\{?([A-Za-z_][A-Za-z0-9_]*))/g;
    for (const m of body.matchAll(pattern)) {
      const name = m[1] ?? m[2] ?? m[3]!;
      if (/^[A-Z][A-Z0-9_]+$/.test(name) && !BUILT_IN.has(name)) found.add(name);
    }
    return [...found].sort();
  };
  for (const [name, body] of rules) out.set(name, read(body));
  if (goal !== undefined && rules.has(goal)) out.set('', read(rules.get(goal)!));
  return out;
}

/** The rule header of a Makefile line (targets before `:`, `::` or `&:`, not an assignment). */
const RULE = /^([^\t:=#][^:=]*?)\s*(?:::?|&:)(?!=)/;
const DIRECTIVE = /^(?:export|override|unexport|private|vpath|ifeq|ifneq|ifdef|ifndef|else|endif|define|endef|include|-include|sinclude)\b/;

/** A justfile recipe header (`name param *rest: deps`, not an assignment `x := y`): its name. */
const JUST_RECIPE = /^@?([A-Za-z_][\w-]*)(?:\s[^:]*)?:(?!=)/;

/**
 * The parameters of each recipe of a justfile (what its header says between the name and the
 * `:`), normalised: how `just NAME ARGS` passes them.
 */
export function justRecipeParameters(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^@?([A-Za-z_][\w-]*)((?:\s[^:]*)?):(?!=)/.exec(line);
    if (m && !out.has(m[1]!)) out.set(m[1]!, m[2]!.trim().replace(/\s+/g, ' '));
  }
  return out;
}

/** The rules of a Makefile (`just`: a justfile) as `targetRules` gives them; shared: never change them. */
function rulesOf(text: Text, just: boolean): { rules: ReadonlyMap<string, string>; goal: string | undefined } {
  return typeof text === 'string' ? targetRules(text, just) : text.of(just ? justRules : makeRules);
}

const makeRules = (facts: TextFacts) => targetRules(facts.text, false);
const justRules = (facts: TextFacts) => targetRules(facts.text, true);

/** Target name → its rules' text (header and recipe, several rules joined); the default goal. A justfile's recipes (`just`) are indented by any blanks, its first recipe not starting with `_` is the default. */
function targetRules(text: string, just = false): { rules: Map<string, string>; goal: string | undefined } {
  const rules = new Map<string, string>();
  let goal: string | undefined;
  let explicitGoal: string | undefined;
  let current: { names: string[]; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const body = current.lines.join('\n');
    for (const name of current.names) rules.set(name, rules.has(name) ? `${rules.get(name)}\n${body}` : body);
    current = undefined;
  };
  for (const raw of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    if (just ? /^[ \t]/.test(raw) : raw.startsWith('\t')) {
      const recipe = raw.trim();
      if (current && recipe && !recipe.startsWith('#')) current.lines.push(recipe);
      continue;
    }
    const line = raw.replace(/(^|[^\\])#.*$/, '$1').trimEnd();
    if (!line.trim()) continue;
    const goalSetting = /^\.DEFAULT_GOAL\s*:?=\s*(\S+)/.exec(line);
    if (goalSetting) explicitGoal = goalSetting[1];
    flush();
    if (just) {
      const recipe = JUST_RECIPE.exec(line);
      if (!recipe) continue;
      current = { names: [recipe[1]!], lines: [line.replace(/\s+/g, ' ')] };
      if (!recipe[1]!.startsWith('_')) goal ??= recipe[1]!;
      continue;
    }
    const rule = RULE.exec(line);
    if (!rule || DIRECTIVE.test(rule[1]!.trim())) continue;
    const names = rule[1]!.trim().split(/\s+/).filter(Boolean);
    current = { names, lines: [line.replace(/\s+/g, ' ')] };
    goal ??= names.find((n) => !n.startsWith('.') && !n.includes('%'));
  }
  flush();
  return { rules, goal: explicitGoal ?? goal };
}
