/**
 * Which long options a repository script accepts, read from its own text. Precision over recall:
 * a script whose option parsing cannot be read whole (it hands its arguments to another program,
 * sources other files, builds options at run time) has `undefined` options, and no flag is ever
 * called unknown for it.
 */

/** How a script reads its options, and whether a given long option is among them. */
export interface ScriptOptions {
  /** The parser found: `getopt`, `case`, `argparse`, `click`, `flag` (Go), `cobra`. */
  parser: string;
  /** True when the script accepts `--name` (given without dashes and value). */
  accepts(name: string): boolean;
}

/** The script's language, from its extension or its `#!` line; undefined when neither says. */
export function scriptLanguage(path: string, text: string): 'shell' | 'python' | 'go' | undefined {
  if (/\.(?:sh|bash|zsh|ksh)$/.test(path)) return 'shell';
  if (/\.py$/.test(path)) return 'python';
  if (/\.go$/.test(path)) return 'go';
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  if (!shebang) return undefined;
  const program = (shebang[1]!.endsWith('/env') ? (shebang[2] ?? '') : shebang[1]!).replace(/^.*\//, '');
  if (/^(?:ba|z|k|da)?sh$/.test(program)) return 'shell';
  if (/^python[\d.]*$/.test(program)) return 'python';
  return undefined;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `--name` written as a whole word (not the start of `--name-other`). */
function mentionsDashed(text: string, name: string): boolean {
  return new RegExp(`--${escapeRegex(name)}(?![\\w-])`).test(text);
}

/**
 * The options of a shell script: it must read long options itself, with a `case` on `--name)`
 * patterns or GNU `getopt --long`; it must not hand `"$@"` to another program (only to `for`,
 * `getopt`, `set --` or a function of its own) nor source another file, nor have a catch-all
 * `--*)` branch that keeps going.
 */
export function shellOptions(text: string): ScriptOptions | undefined {
  const code = text.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');
  const getopt = /\bgetopt\b[^\n]*(?:--long|--longoptions|\s-l\s)/.test(code);
  const casePatterns = /^\s*['"]?--[\w-]+['"]?(?:\s*\|[^)]*)?\)/m.test(code);
  if (!getopt && !casePatterns) return undefined;
  if (/^\s*(?:source|\.)\s+\S/m.test(code)) return undefined;
  const functions = new Set([...code.matchAll(/^\s*(?:function\s+)?([\w-]+)\s*\(\)/gm)].map((m) => m[1]!));
  for (const line of code.split('\n')) {
    if (!/\$\{?[@*]/.test(line)) continue;
    if (/\bfor\s+\w+\s+in\b|\bgetopts?\b|^\s*set\s+--|^\s*(?:while|until)\b|\$\{?#|\[\[?[^\]]*\$\{?[@*]/.test(line)) continue;
    const called = /^\s*(?:[\w-]+=\S*\s+)*([\w-]+)/.exec(line)?.[1];
    if (called && functions.has(called)) continue;
    return undefined;
  }
  // A catch-all branch for other options that does not stop the script passes them on.
  for (const m of code.matchAll(/^\s*['"]?-{1,2}\*['"]?\)([\s\S]*?);;/gm)) if (!/\b(?:exit|usage|die|fail|error|return\s+[1-9])\b/i.test(m[1]!)) return undefined;
  return { parser: getopt ? 'getopt' : 'case', accepts: (name) => (getopt ? new RegExp(`(?:^|[\\s,'"-])${escapeRegex(name)}(?![\\w-])`).test(code) : mentionsDashed(code, name)) };
}

/**
 * The options of a Python script that parses them with argparse or click in the same file. Not
 * readable with `parents=`, `parse_known_args`, options built from variables (`add_argument(*x)`)
 * or other command-line libraries. argparse also accepts unambiguous prefixes (`--verb` for
 * `--verbose`) unless `allow_abbrev=False`; click's `--flag/--no-flag` declares both.
 */
export function pythonOptions(text: string): ScriptOptions | undefined {
  const argparse = /\bArgumentParser\s*\(/.test(text);
  const click = /@click\.(?:command|group|option)\b/.test(text);
  if (!argparse && !click) return undefined;
  if (/\bparents\s*=|parse_known_args|parse_known_intermixed|add_argument\(\s*\*|option\(\s*\*|\bfire\b|\btyper\b|\bdocopt\b|\babsl\b|\.add_command\(|fromfile_prefix_chars|prefix_chars/.test(text)) return undefined;
  const declared = new Set<string>();
  for (const m of text.matchAll(/['"]--([\w-]+)(?:\/--([\w-]+))?['"]/g)) {
    declared.add(m[1]!);
    if (m[2]) declared.add(m[2]);
  }
  const abbreviations = argparse && !/allow_abbrev\s*=\s*False/.test(text);
  return {
    parser: argparse ? 'argparse' : 'click',
    accepts: (name) => name === 'help' || declared.has(name) || (abbreviations && [...declared].some((d) => d.startsWith(name))),
  };
}

/**
 * The options of a Go program (the text of its package's files): names given as string literals
 * to the `flag` package or to pflag/cobra flag sets. Not readable when flags come from elsewhere
 * (klog/glog, `AddGoFlagSet`, `flag.CommandLine` handed on, subcommands added from other packages),
 * when the package does not parse them itself (`flag.Parse()`, `fs.Parse(…)` of a `flag.NewFlagSet`
 * of its own, cobra's `Execute`), or when it parses the global flag set and imports a package from
 * outside the standard library (whose `init` may register more: controller-runtime's `--kubeconfig`).
 */
export function goOptions(text: string): ScriptOptions | undefined {
  const std = /"flag"/.test(text) && /\bflag\.\w+\(/.test(text);
  const cobra = /"github\.com\/spf13\/(?:cobra|pflag)"/.test(text);
  if (!std && !cobra) return undefined;
  if (/\b(?:klog|glog|AddGoFlagSet|AddFlagSet|CommandLine|AddCommand|InitFlags|BindPFlags|kingpin|urfave)\b/.test(text)) return undefined;
  const global = /\b(?:flag|pflag)\.Parse\(\s*\)/.test(text);
  const ownSets = [...text.matchAll(/\b(\w+)\s*:?=\s*(?:flag|pflag)\.NewFlagSet\(/g)].map((m) => m[1]!);
  const parsesOwn = ownSets.some((name) => new RegExp(`\\b${name}\\.Parse\\(`).test(text));
  const executes = cobra && /\.Execute(?:C|Context|ContextC)?\(/.test(text);
  if (!global && !parsesOwn && !executes) return undefined;
  if (global && goImports(text).some((p) => p.split('/')[0]!.includes('.'))) return undefined;
  const literals = new Set([...text.matchAll(/"([\w-]+)"/g)].map((m) => m[1]!));
  return { parser: cobra ? 'cobra' : 'flag', accepts: (name) => name === 'help' || name === 'h' || literals.has(name) };
}

/** The import paths of Go source text (`import "x"`, `import alias "x"`, and import blocks). */
function goImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*import\s*(?:\(([^)]*)\)|[\w.]*\s*"([^"]+)")/gm)) {
    if (m[2] !== undefined) out.push(m[2]);
    else for (const p of m[1]!.matchAll(/"([^"]+)"/g)) out.push(p[1]!);
  }
  return out;
}
