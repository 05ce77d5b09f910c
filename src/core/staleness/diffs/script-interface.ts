/**
 * How a script is called, read from its text (issue 18: a doc calls a script, it does not read it):
 * what each positional parameter is used for, the options and subcommands it takes, its usage text
 * and the environment variables it reads. A change elsewhere in the script is internal.
 */
export interface ScriptInterface {
  /** Positional parameter (`1`…, `@` for all of them, `#` for their count) → the lines using it, normalised, sorted. */
  args: Map<string, string[]>;
  /** Options (`-f`, `--force`) and subcommands (arms of a `case` on `$1`, click commands), sorted. */
  options: string[];
  /** The usage text, normalised lines in order. */
  usage: string[];
  /** Environment variables read (upper-case names), sorted. */
  variables: string[];
}

/** Shell scripts by extension; others are scripts when their first line is a `#!` line (or, see `scriptLanguage`, a main guard). */
const SCRIPT_EXTENSION = /\.(sh|bash|zsh|ksh)$/i;
/** Names the shell and make set themselves: not an interface. */
const BUILT_IN = new Set(['HOME', 'PATH', 'PWD', 'OLDPWD', 'USER', 'SHELL', 'IFS', 'RANDOM', 'LINENO', 'SECONDS', 'HOSTNAME', 'UID', 'EUID', 'PPID', 'OSTYPE', 'BASH_SOURCE', 'BASH_VERSION', 'BASH_REMATCH', 'FUNCNAME', 'PIPESTATUS', 'OPTARG', 'OPTIND', 'TERM', 'TMPDIR', 'MAKE', 'MAKEFLAGS', 'MAKECMDGOALS', 'CURDIR', 'MAKEFILE_LIST', 'DEBUG']);
const VARIABLE = /^[A-Z][A-Z0-9_]*$/;

type Language = 'shell' | 'python' | 'ruby' | 'go' | 'node' | 'other';

/** The language of a script, or undefined when the file is not one (no script extension, no `#!` line). */
export function scriptLanguage(path: string, text: string): Language | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  // A module is read, not called: only one with a `#!` line or a main guard is a script.
  if (ext === 'py') return /^#!|^if __name__ == ["']__main__["']/m.test(text) ? 'python' : undefined;
  if (ext === 'rb') return /^#!|^if __FILE__ == \$0/m.test(text) ? 'ruby' : undefined;
  if (ext === 'js' || ext === 'mjs' || ext === 'cjs') return /^#!|\brequire\.main\s*===\s*module\b|\bprocess\.argv\b/m.test(text) ? 'node' : undefined;
  if (ext === 'go') return /^package main\b/m.test(text) && /^func main\(\)/m.test(text) ? 'go' : undefined;
  if (ext && SCRIPT_EXTENSION.test(path) && ext !== 'pl') return 'shell';
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  if (!shebang) return undefined;
  const interpreter = (shebang[1]!.endsWith('/env') ? shebang[2] ?? '' : shebang[1]!).replace(/^.*\//, '');
  if (/^(ba|z|k|da)?sh$/.test(interpreter)) return 'shell';
  if (/^python/.test(interpreter)) return 'python';
  if (/^ruby/.test(interpreter)) return 'ruby';
  return 'other';
}

/** The interface of a script's text (see `ScriptInterface`). */
export function scriptInterface(text: string, language: Language): ScriptInterface {
  return language === 'shell' ? shellInterface(text) : otherInterface(text, language);
}

const sorted = (set: Iterable<string>): string[] => [...new Set(set)].sort();
const normal = (line: string): string => line.replace(/["']/g, '').replace(/==/g, '=').replace(/\s+/g, ' ').trim();
/** What a usage line says: its quoted text, else the line from its `echo`/`printf`/`cat` on (`[[ -z $X ]] && echo "…" && exit 1` says what `echo "…"` says). */
const said = (line: string): string => {
  const from = line.replace(/^.*?\b(echo|printf|cat)\b/, '$1');
  const quoted = [...from.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]!).filter((q) => q.trim());
  return normal(quoted.length > 0 ? quoted.join(' ') : from);
};
const variables = (names: Iterable<string>): string[] => sorted([...names].filter((n) => VARIABLE.test(n) && n.length > 1 && !BUILT_IN.has(n)));

/** The top-level lines of a shell script (function bodies left out) and all its lines, comments dropped. */
function shellLines(text: string): { top: string[]; all: string[]; usage: string[] } {
  const top: string[] = [];
  const all: string[] = [];
  const usage: string[] = [];
  let body: { indent: string; name: string } | undefined;
  for (const raw of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (/^\s*#/.test(line) || !line.trim()) continue;
    all.push(line);
    // A one-line function (`f() { echo "$1"; }`): its parameters are the function's.
    if (!body && /^\s*(?:function\s+)?[A-Za-z_][\w:-]*\s*(?:\(\))?\s*\{.*\}\s*;?\s*$/.test(line) && /\(\)|^\s*function\s/.test(line)) continue;
    const opens = /^(\s*)(?:function\s+)?([A-Za-z_][\w:-]*)\s*\(\)\s*\{?\s*$|^(\s*)function\s+([A-Za-z_][\w:-]*)\s*\{?\s*$/.exec(line);
    if (!body && opens) {
      body = { indent: opens[1] ?? opens[3] ?? '', name: opens[2] ?? opens[4] ?? '' };
      continue;
    }
    if (body) {
      if (new RegExp(`^${body.indent}\\}\\s*$`).test(line)) body = undefined;
      else if (/^(usage|help|print_usage|show_help|print_help)$/i.test(body.name)) usage.push(said(line));
      continue;
    }
    top.push(line);
    if (/\b(echo|printf|cat)\b/.test(line) && /usage/i.test(line)) usage.push(said(line));
  }
  return { top, all, usage };
}

/** A shell line without what the shell does not expand: single-quoted text, escaped dollars (`sed "s#^x\$#y#"`). */
const unexpanded = (line: string): string => line.replace(/\\\$/g, '').replace(/'[^']*'/g, "''");

/**
 * A use of a positional parameter as compared: every `${N:-default}` (and `${N-…}`, `${N:=…}`,
 * `${N=…}`, `${N:?…}`, `${N?…}`, nested braces included) read as `$N`, so a changed default is not
 * a changed use (jaeger's `IMAGE_TAG="${2:-latest}"` → `"${2:-${JAEGER_DEMO_IMAGE_TAG:-}}"`).
 */
export function withoutDefaults(line: string): string {
  let out = '';
  let i = 0;
  for (let m = /\$\{(\d+|[@*])(?::?[-=?])/g.exec(line); m; m = /\$\{(\d+|[@*])(?::?[-=?])/g.exec(line.slice(i))) {
    const start = i + m.index;
    let depth = 1;
    let j = start + m[0].length;
    for (; j < line.length && depth > 0; j++) {
      if (line[j] === '{' && line[j - 1] === '$') depth++;
      else if (line[j] === '}') depth--;
    }
    if (depth > 0) break;
    out += `${line.slice(i, start)}$${m[1]}`;
    i = j;
  }
  return out + line.slice(i);
}

function shellInterface(text: string): ScriptInterface {
  const { top, all, usage } = shellLines(text);
  const args = new Map<string, Set<string>>();
  const use = (param: string, line: string) => {
    if (!args.has(param)) args.set(param, new Set());
    args.get(param)!.add(normal(line));
  };
  for (const line of top) {
    // Single-quoted text and `\$` are not expanded: `awk '{print $2}'` is not the script's 2nd argument.
    const expanded = unexpanded(line);
    for (const m of expanded.matchAll(/\$(?:\{(\d+|[@*#])(?=[}:?#%/-])|(\d|[@*#]))/g)) {
      const p = m[1] ?? m[2]!;
      // `$0` is the script's own name.
      if (p !== '0') use(p === '*' ? '@' : p, expanded);
    }
  }
  const options = new Set<string>();
  let caseOnFirst = 0;
  for (const line of all) {
    const getopts = /\bgetopts\s+["']?:?([A-Za-z0-9:]+)/.exec(line);
    if (getopts) for (const letter of getopts[1]!.replace(/:/g, '')) options.add(`-${letter}`);
    if (/^\s*case\s+"?\$\{?1[}:"\s]/.test(line)) caseOnFirst++;
    else if (/^\s*esac\b/.test(line) && caseOnFirst > 0) caseOnFirst--;
    const arm = /^\s*\(?\s*([^()\s][^()]*?)\s*\)(?!\))/.exec(line);
    if (!arm || /^\s*(case|if|for|while)\b/.test(line)) continue;
    const alternatives = arm[1]!.split('|').map((a) => a.trim().replace(/["']/g, '').replace(/=\*$/, ''));
    for (const a of alternatives) {
      if (/^-{1,2}[A-Za-z0-9][\w-]*$/.test(a)) options.add(a);
      else if (caseOnFirst > 0 && /^[A-Za-z][\w-]*$/.test(a)) options.add(a);
    }
  }
  const assigned = new Set<string>();
  for (const line of all) for (const m of line.matchAll(/(?:^|[\s;(&|]|\b(?:export|local|declare|readonly|typeset)\s+(?:-\w+\s+)*)([A-Za-z_]\w*)(?:\[[^\]]*\])?\+?=/g)) assigned.add(m[1]!);
  for (const line of all) for (const m of line.matchAll(/\b(?:read(?:\s+-\w+)*|for)\s+([A-Za-z_]\w*)/g)) assigned.add(m[1]!);
  const read = new Set<string>();
  for (const line of all) {
    const expanded = unexpanded(line);
    // `${VAR:-default}` and friends read the environment even when the script sets VAR from it.
    for (const m of expanded.matchAll(/\$\{([A-Za-z_]\w*)(:?[-=?+])/g)) read.add(m[1]!);
    for (const m of expanded.matchAll(/\$\{?([A-Za-z_]\w*)/g)) if (!assigned.has(m[1]!)) read.add(m[1]!);
  }
  return { args: new Map([...args].map(([k, v]) => [k, sorted(v)])), options: sorted(options), usage, variables: variables(read) };
}

/** Python (argparse, click, `sys.argv`), Ruby (OptionParser, `ARGV`) and Go (`flag`, cobra) scripts. */
function otherInterface(text: string, language: Language): ScriptInterface {
  const lines = text.split(/\r?\n/).filter((l) => !/^\s*(#|\/\/)/.test(l));
  const args = new Map<string, Set<string>>();
  const options = new Set<string>();
  const read = new Set<string>();
  const usage: string[] = [];
  for (const line of lines) {
    for (const m of line.matchAll(/\b(?:sys\.argv|ARGV|os\.Args|process\.argv)\[(\d+)\]/g)) {
      // Ruby's ARGV starts at the first argument, Node's process.argv at the interpreter.
      const n = language === 'ruby' ? String(Number(m[1]) + 1) : language === 'node' ? String(Number(m[1]) - 1) : m[1]!;
      if (language === 'node' && Number(n) < 1) continue;
      if (!args.has(n)) args.set(n, new Set());
      args.get(n)!.add(normal(line));
    }
    for (const m of line.matchAll(/\b(?:add_argument|click\.option|click\.argument|\.on)\(\s*((?:["'][^"']+["']\s*,?\s*)+)/g)) {
      for (const name of m[1]!.matchAll(/["']([^"']+)["']/g)) {
        const word = name[1]!.split(/[\s=]/)[0]!;
        if (/^-{0,2}[A-Za-z][\w-]*$/.test(word)) options.add(word);
      }
    }
    if (language === 'node') {
      // `process.argv.slice(2)` hands every argument on (to minimist, yargs, a child process).
      if (/\bprocess\.argv\.slice\(\s*2\s*\)/.test(line)) {
        if (!args.has('@')) args.set('@', new Set());
        args.get('@')!.add(normal(line));
      }
      // commander's `.option('-j, --jobs <n>')`, `.requiredOption(…)`; yargs' `.option('jobs', …)`.
      for (const m of line.matchAll(/\.(?:option|requiredOption)\(\s*["'`]([^"'`]+)["'`]/g)) {
        for (const word of m[1]!.split(/[\s,|]+/)) if (/^-{0,2}[A-Za-z][\w-]*$/.test(word)) options.add(word);
      }
      for (const m of line.matchAll(/\bprocess\.env(?:\.([A-Za-z_]\w*)|\[\s*["'`]([A-Za-z_]\w*)["'`]\s*\])/g)) read.add(m[1] ?? m[2]!);
    }
    for (const m of line.matchAll(/\.command\(\s*(?:name\s*=\s*)?["']([\w-]+)["']/g)) options.add(m[1]!);
    for (const m of line.matchAll(/\b(?:flag|[Ff]lags\(\)|PersistentFlags\(\)|fs|flagSet|flags)\.(?:String|Bool|Int|Int64|Uint|Uint64|Float64|Duration|StringSlice|StringArray|StringToString|Var|Func)(?:Var)?P?\(\s*(?:&?[\w.]+\s*,\s*)?"([\w-]+)"/g)) options.add(`--${m[1]!}`);
    for (const m of line.matchAll(/\b(?:os\.environ(?:\.get)?|os\.getenv|ENV(?:\.fetch)?|os\.Getenv|os\.LookupEnv)\s*[([]\s*["']([A-Za-z_]\w*)["']/g)) read.add(m[1]!);
    if (/usage/i.test(line) && /\b(print|puts|fmt\.\w+|usage\s*=|description\s*=)/.test(line)) usage.push(said(line));
  }
  return { args: new Map([...args].map(([k, v]) => [k, sorted(v)])), options: sorted(options), usage, variables: variables(read) };
}
