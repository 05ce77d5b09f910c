import type { CallChange } from '../model/call-change';

// A package.json is a table of scripts: `npm run build` calls one entry of it, as `make build` calls
// one rule of a Makefile (issue 18). A doc that runs `npm run lint` is not made wrong by a new
// dependency, another script, or a change of what `lint` does inside; it is when `lint` is gone.

/** Whether `path` is a package.json. */
export const isPackageJson = (path: string): boolean => /(?:^|\/)package\.json$/.test(path);

/** Script name → its command, from a package.json text; empty when the text is not JSON or has no `scripts` object. */
export function packageScriptTable(text: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new Map();
  }
  const scripts = parsed && typeof parsed === 'object' ? (parsed as { scripts?: unknown }).scripts : undefined;
  if (!scripts || typeof scripts !== 'object' || Array.isArray(scripts)) return new Map();
  return new Map(Object.entries(scripts as Record<string, unknown>).map(([name, command]) => [name, String(command)]));
}

/**
 * Between two package.json texts: the scripts whose command differs (added, changed or gone),
 * sorted, and per script whether it is gone or changed inside only (a script takes no declared
 * options). Each text is parsed once.
 */
export function packageScriptChanges(before: string, after: string): { targets: string[]; calls: CallChange[] } {
  const a = packageScriptTable(before);
  const b = packageScriptTable(after);
  const targets = [...new Set([...a.keys(), ...b.keys()])].filter((name) => a.get(name) !== b.get(name)).sort();
  const none = { lost: [], gained: [], had: [] };
  return { targets, calls: targets.map((name) => ({ name, ...(a.has(name) && !b.has(name) ? { removed: true } : {}), args: [], options: none, variables: none })) };
}

/**
 * The scripts of a package.json that a command link runs, from its text as command links write it
 * (`npm lint`, `yarn test`, `pnpm build`: the tool and the scripts; see `commandLinks`); undefined
 * for any other text (the whole file then counts, as before).
 */
export function packageScriptsRun(raw: string): string[] | undefined {
  const [tool, ...scripts] = raw.trim().split(/\s+/);
  if (tool !== 'npm' && tool !== 'yarn' && tool !== 'pnpm') return undefined;
  return scripts.length > 0 && scripts.every((s) => s !== '' && !s.startsWith('-')) ? scripts : undefined;
}
