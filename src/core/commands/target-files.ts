import { parse as parseYaml } from 'yaml';

/**
 * The targets a file defines, as far as its own text shows them. `opaque` when the file can define
 * more than its text shows (includes, imports, generated or pattern targets that match anything):
 * then a name that is not listed proves nothing.
 */
export interface DefinedTargets {
  names: Set<string>;
  /** Pattern targets (`%.o: %.c`, Task's `deploy-*`), as regular expressions over whole names. */
  patterns: RegExp[];
  opaque: boolean;
  /** For package.json: the dependencies, whose binaries yarn and pnpm also run by name. */
  dependencies?: Set<string>;
}

/** True when `name` is defined: listed, or matched by a pattern target. */
export function defines(targets: DefinedTargets, name: string): boolean {
  return targets.names.has(name) || targets.patterns.some((p) => p.test(name));
}

const OPAQUE: DefinedTargets = Object.freeze({ names: new Set<string>(), patterns: [], opaque: true });

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The targets of a Makefile: every name before `:`/`::`/`&:` on a rule line (not a recipe line,
 * not a variable assignment). Opaque when the file includes others, evaluates generated text
 * (`$(eval …)`), names targets through variables or functions, or has a match-anything rule
 * (`%:`, `.DEFAULT`).
 */
export function makefileTargets(text: string): DefinedTargets {
  const { targets, includes, variableTargets, assignments } = makefileParts(text);
  return includes?.length === 0 && variableTargets.every((w) => namesOnlyPaths(w, assignments)) ? targets : { ...targets, opaque: true };
}

/** A Makefile read on its own: its targets (opaque for reasons other than includes) and what it includes. */
export interface MakefileParts {
  targets: DefinedTargets;
  /**
   * The files named by its `include`/`-include`/`sinclude` lines, as written (make resolves them
   * from the folder it runs in); undefined when one is not a literal relative path (a variable,
   * a glob, an absolute path).
   */
  includes: string[] | undefined;
  /** Rule-line target words that reference variables (`$(LOCALBIN)`, `$(TOOLS)`): the targets do not list them. */
  variableTargets: string[];
  /** Every value assigned to each variable (`=`, `:=`, `?=`, `+=`…), in order; a `!=` (shell) value as `$(shell)`. */
  assignments: Map<string, string[]>;
}

/** `$(NAME)`, `${NAME}` or `$N`: a plain variable reference, with the name. */
const PLAIN_REFERENCE = /^\$(?:\(([\w.-]+)\)|\{([\w.-]+)\}|(\w))$/;

/** The words of a make value, a `$(…)` reference (spaces inside) being part of its word. */
export function makeWords(value: string): string[] {
  const words: string[] = [];
  let word = '';
  let depth = 0;
  for (const ch of value) {
    if (depth === 0 && /\s/.test(ch)) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    if (ch === '(' || ch === '{') depth++;
    else if ((ch === ')' || ch === '}') && depth > 0) depth--;
    word += ch;
  }
  if (word) words.push(word);
  return words;
}

/**
 * True when make target word `word` can only name paths (a `/` or `.` written outside any `$(…)`,
 * or a plain variable each of whose values has only such words), so never a plain name such as a
 * doc's `make deploy`. False for an undefined variable, a function (`$(shell …)`,
 * `$(addprefix …)`), a cycle or a chain deeper than 8.
 */
export function namesOnlyPaths(word: string, assignments: ReadonlyMap<string, readonly string[]>, seen: ReadonlySet<string> = new Set()): boolean {
  if (/[/.]/.test(word.replace(/\$(?:\((?:[^()]|\([^()]*\))*\)|\{[^{}]*\}|.)/g, ''))) return true;
  const ref = PLAIN_REFERENCE.exec(word);
  const name = ref ? (ref[1] ?? ref[2] ?? ref[3])! : undefined;
  if (name === undefined || seen.has(name) || seen.size >= 8) return false;
  const values = assignments.get(name);
  if (!values) return false;
  const inner = new Set([...seen, name]);
  return values.every((v) => makeWords(v).every((w) => namesOnlyPaths(w, assignments, inner)));
}

const LITERAL_INCLUDE = /^(?!\/|~)[^$*?[\]{}()]+$/;

/** The targets and includes of a Makefile's text (see `makefileTargets`). */
export function makefileParts(text: string): MakefileParts {
  const names = new Set<string>();
  const patterns: RegExp[] = [];
  let opaque = false;
  let includes: string[] | undefined = [];
  const variableTargets: string[] = [];
  const assignments = new Map<string, string[]>();
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  let inDefine = 0;
  for (const raw of lines) {
    if (raw.startsWith('\t')) continue;
    const line = raw.replace(/(^|[^\\])#.*$/, '$1');
    if (/^\s*define\b/.test(line)) inDefine++;
    if (inDefine) {
      if (/^\s*endef\b/.test(line)) inDefine--;
      continue;
    }
    const include = /^\s*(?:-|s)?include\s+(.*)$/.exec(line);
    if (include) {
      const words = include[1]!.trim().split(/\s+/).filter(Boolean);
      if (words.some((w) => !LITERAL_INCLUDE.test(w))) includes = undefined;
      else includes?.push(...words);
      continue;
    }
    if (/\$\(eval\b/.test(line)) opaque = true;
    const assignment = /^\s*(?:(?:export|override|private)\s+)*([\w.-]+)\s*(::?=|:::=|\?=|\+=|!=|=)\s*(.*)$/.exec(line);
    if (assignment) {
      const [, name, op, value] = assignment;
      const values = assignments.get(name!) ?? [];
      values.push(op === '!=' ? '$(shell)' : value!.trim());
      assignments.set(name!, values);
      continue;
    }
    const rule = /^([^\t:=#][^:=]*?)\s*(?:::?|&:)(?!=)/.exec(line);
    if (!rule) continue;
    const before = rule[1]!.trim();
    if (/^(?:export|override|unexport|private|vpath|ifeq|ifneq|ifdef|ifndef|else|endif)\b/.test(before)) continue;
    for (const name of makeWords(before)) {
      if (name.includes('$')) variableTargets.push(name);
      else if (name === '.DEFAULT' || name === '%') opaque = true;
      else if (name.includes('%')) patterns.push(new RegExp(`^${escapeRegex(name).replace('%', '.+')}$`));
      else names.add(name);
    }
  }
  return { targets: { names, patterns, opaque }, includes, variableTargets, assignments };
}

/**
 * The recipes of a justfile, aliases included. Opaque with `import`, `mod`, or `set fallback`
 * (which looks for recipes in a parent justfile).
 */
export function justRecipes(text: string): DefinedTargets {
  const names = new Set<string>();
  let opaque = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^(?:import|mod)\b/.test(line) || /^set\s+fallback\b/.test(line)) opaque = true;
    const alias = /^alias\s+([A-Za-z_][\w-]*)\s*:=/.exec(line);
    if (alias) {
      names.add(alias[1]!);
      continue;
    }
    if (/^(?:set|export|alias|import|mod|if|else)\b/.test(line)) continue;
    const recipe = /^@?([A-Za-z_][\w-]*)(?:\s+[^:]*?)?\s*:(?!=)/.exec(line);
    if (recipe && !/^@?[A-Za-z_][\w-]*\s*:=/.test(line)) names.add(recipe[1]!);
  }
  return { names, patterns: [], opaque };
}

/**
 * The tasks of a Taskfile (`tasks:` keys and their `aliases`). Opaque with `includes` (namespaced
 * or flattened tasks from other files) or when the YAML does not parse. Wildcard names (`start-*`)
 * are patterns.
 */
export function taskfileTasks(text: string): DefinedTargets {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return OPAQUE;
  }
  if (!doc || typeof doc !== 'object') return OPAQUE;
  const root = doc as Record<string, unknown>;
  const tasks = root.tasks;
  if (!tasks || typeof tasks !== 'object' || Array.isArray(tasks)) return OPAQUE;
  const names = new Set<string>();
  const patterns: RegExp[] = [];
  for (const [name, body] of Object.entries(tasks as Record<string, unknown>)) {
    if (name.includes('*')) patterns.push(new RegExp(`^${escapeRegex(name).replace(/\\\*/g, '.*')}$`));
    else names.add(name);
    const aliases = body && typeof body === 'object' ? (body as Record<string, unknown>).aliases : undefined;
    if (Array.isArray(aliases)) for (const a of aliases) if (typeof a === 'string') names.add(a);
  }
  return { names, patterns, opaque: root.includes !== undefined };
}

/**
 * The scripts of a package.json, with its dependencies (yarn and pnpm run their binaries by name).
 * Opaque when the JSON does not parse or `scripts` is not an object.
 */
export function packageScripts(text: string): DefinedTargets {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return OPAQUE;
  }
  if (!json || typeof json !== 'object') return OPAQUE;
  const pkg = json as Record<string, unknown>;
  const scripts = pkg.scripts ?? {};
  if (typeof scripts !== 'object' || Array.isArray(scripts)) return OPAQUE;
  const dependencies = new Set<string>();
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = pkg[field];
    if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) dependencies.add(name.replace(/^@[^/]+\//, ''));
  }
  return { names: new Set(Object.keys(scripts as object)), patterns: [], opaque: false, dependencies };
}

/**
 * The tasks of a Rakefile: `task :name`, `task name:`, `task 'name'` (and `multitask`), namespaced
 * ones as `ns:name`. Opaque when the file loads others (`import`, `load`, `require` of a local
 * file, `Dir[…]`, Rails' `load_tasks`), defines tasks in a loop, or uses `rule`.
 */
export function rakeTasks(text: string): DefinedTargets {
  const names = new Set<string>();
  let opaque = false;
  const stack: Array<string | undefined> = [];
  for (const line of text.split(/\r?\n/)) {
    const code = line.replace(/#.*$/, '');
    if (/\b(?:import|load|require_relative|load_tasks|add_rakelib|Dir\s*[[.]|\.each\b|rule\b)/.test(code) || /\brequire\s+['"]\./.test(code)) opaque = true;
    const ns = /^\s*namespace\s+(?::(\w+)|['"]([\w-]+)['"]|(\w+):)\s*do\b/.exec(code);
    const task = /^\s*(?:multi)?task\s*\(?\s*(?::(\w+)|['"]([\w:-]+)['"]|(\w+):)/.exec(code);
    if (task) {
      const prefix = stack.filter((s) => s !== undefined).join(':');
      const name = task[1] ?? task[2] ?? task[3]!;
      names.add(prefix ? `${prefix}:${name}` : name);
    }
    const opens = (code.match(/\bdo\b/g) ?? []).length + (/^\s*(?:def|class|module|if|unless|case|while|begin)\b/.test(code) ? 1 : 0);
    const closes = (code.match(/\bend\b/g) ?? []).length;
    for (let i = 0; i < opens; i++) stack.push(i === 0 && ns ? (ns[1] ?? ns[2] ?? ns[3]) : undefined);
    for (let i = 0; i < closes; i++) stack.pop();
  }
  return { names, patterns: [], opaque };
}

/**
 * The targets of mage files (Go files with the `mage` build tag): exported functions without a
 * receiver, lower-cased (mage matches case-insensitively), and `ns:method` for namespaces. Opaque
 * with `Aliases` or imported targets (`//mage:import`).
 */
export function mageTargets(texts: readonly string[]): DefinedTargets {
  const names = new Set<string>();
  let opaque = false;
  for (const text of texts) {
    if (/\bAliases\b/.test(text) || /\/\/\s*mage:import/.test(text)) opaque = true;
    const namespaces = new Set([...text.matchAll(/^type\s+([A-Z]\w*)\s+mg\.Namespace\b/gm)].map((m) => m[1]!));
    for (const m of text.matchAll(/^func\s+(?:\(\s*\w*\s*\*?(\w+)\s*\)\s*)?([A-Z]\w*)\s*\(/gm)) {
      const receiver = m[1];
      if (receiver && !namespaces.has(receiver)) continue;
      names.add((receiver ? `${receiver}:${m[2]}` : m[2]!).toLowerCase());
    }
  }
  return { names, patterns: [], opaque };
}
