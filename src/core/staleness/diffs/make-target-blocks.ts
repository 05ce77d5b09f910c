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
export function changedMakeRules(before: string | undefined, after: string | undefined): string[] {
  const a = targetRules(before ?? '');
  const b = targetRules(after ?? '');
  const changed = [...new Set([...a.rules.keys(), ...b.rules.keys()])].filter((name) => a.rules.get(name) !== b.rules.get(name));
  if (a.goal !== b.goal || a.rules.get(a.goal ?? '') !== b.rules.get(b.goal ?? '')) changed.push('');
  return changed.sort();
}

/** Variables make and the shell set themselves: not something a doc passes. */
const BUILT_IN = new Set(['MAKE', 'MAKEFLAGS', 'MAKECMDGOALS', 'CURDIR', 'MAKEFILE_LIST', 'SHELL', 'HOME', 'PATH', 'PWD', 'USER', 'MAKELEVEL']);

/**
 * Target name → the variables its rule reads (`$(VAR)`, `${VAR}`, `$$VAR`; upper-case names, make's
 * own left out), sorted; `''` for the default goal.
 */
export function makeTargetVariables(text: string): Map<string, string[]> {
  const { rules, goal } = targetRules(text);
  const out = new Map<string, string[]>();
  const read = (body: string): string[] => {
    const found = new Set<string>();
    for (const m of body.matchAll(/\$(?:[({]([A-Za-z_][A-Za-z0-9_]*)[)}]|\$\{?([A-Za-z_][A-Za-z0-9_]*))/g)) {
      const name = m[1] ?? m[2]!;
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

/** Target name → its rules' text (header and recipe, several rules joined); the default goal. */
function targetRules(text: string): { rules: Map<string, string>; goal: string | undefined } {
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
    if (raw.startsWith('\t')) {
      const recipe = raw.trim();
      if (current && recipe && !recipe.startsWith('#')) current.lines.push(recipe);
      continue;
    }
    const line = raw.replace(/(^|[^\\])#.*$/, '$1').trimEnd();
    if (!line.trim()) continue;
    const goalSetting = /^\.DEFAULT_GOAL\s*:?=\s*(\S+)/.exec(line);
    if (goalSetting) explicitGoal = goalSetting[1];
    flush();
    const rule = RULE.exec(line);
    if (!rule || DIRECTIVE.test(rule[1]!.trim())) continue;
    const names = rule[1]!.trim().split(/\s+/).filter(Boolean);
    current = { names, lines: [line.replace(/\s+/g, ' ')] };
    goal ??= names.find((n) => !n.startsWith('.') && !n.includes('%'));
  }
  flush();
  return { rules, goal: explicitGoal ?? goal };
}
