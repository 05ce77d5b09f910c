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
