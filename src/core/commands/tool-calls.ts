// How each target-running tool (`make`, `npm`/`yarn`/`pnpm`, `just`, `task`, `rake`, `mage`) and
// `gh workflow run` is read: which targets, which folder or file, which workflow inputs.
import { scanArgs } from '../runner/argv';
import { isLiteralName, isLiteralPath, type CommandCall } from './call-types';

/** `make [-C dir] [-f file] [VAR=x] targets…`. */
export function makeCalls(args: string[]): CommandCall[] {
  // `-j` and `-l` take an optional number.
  const cleaned = args.filter((a, i) => !(/^\d+(?:\.\d+)?$/.test(a) && ['-j', '-l'].includes(args[i - 1] ?? '')));
  const s = scanArgs(cleaned, { short: 'CfIoW', long: ['directory', 'file', 'makefile', 'include-dir', 'old-file', 'what-if', 'assume-old', 'assume-new'] });
  if (s.rest?.length) return [];
  const dir = s.options.find((o) => o.name === '-C' || o.name === '--directory')?.value;
  const file = s.options.find((o) => ['-f', '--file', '--makefile'].includes(o.name))?.value;
  if (s.options.filter((o) => ['-C', '--directory', '-f', '--file', '--makefile'].includes(o.name)).length > 1) return [];
  if ((dir !== undefined && !isLiteralPath(dir)) || (file !== undefined && !isLiteralPath(file))) return [];
  if (s.options.some((o) => ['-p', '--print-data-base', '-v', '--version', '-h', '--help'].includes(o.name))) return [];
  // A target the reader fills in (`make $ENV deploy`, `make <environment> plan`) cannot be checked; the others can.
  const targets = s.positionals.filter((p) => !p.includes('=') && isLiteralName(p));
  return targets.length ? [{ kind: 'target', tool: 'make', targets, strict: true, ...(dir !== undefined ? { dir } : {}), ...(file !== undefined ? { file } : {}) }] : [];
}

/**
 * Built-in commands of yarn (classic and berry) and pnpm: `yarn add jest` installs a package into
 * the reader's project; it does not run a script of this package.json (issue 18: jest's package
 * READMEs).
 */
const PACKAGE_MANAGER_COMMANDS = new Set(
  `add remove install i create init dlx exec upgrade up upgrade-interactive update outdated audit why info list ls link unlink global cache config
  pack publish version login logout owner tag team bin import licenses generate-lock-entry autoclean check policy set plugin dedupe rebuild patch
  patch-commit explain constraints stage unplug npm node help store prune fetch deploy env setup self-update`.split(/\s+/),
);

/** Options that run a script in several packages, or only if it exists: nothing to check. */
const MANY_PACKAGES = ['--workspaces', '--filter', '-r', '--recursive', '--if-present', '-F'];

/**
 * `npm run S`, `yarn [run] S`, `pnpm [run] S`, with `--prefix`/`--cwd`/`-C`; a workspace's script
 * by its name or folder (`yarn workspace X [run] S`, `npm run S -w X`) carries `workspace: X`.
 * Every workspace's (`--workspaces`, `yarn workspaces foreach`, pnpm `--filter`/`-r`) is not
 * followed: no call.
 */
export function packageCalls(tool: 'npm' | 'yarn' | 'pnpm', args: string[]): CommandCall[] {
  const spec = { short: tool === 'pnpm' ? 'Cw' : 'w', long: ['prefix', 'cwd', 'dir', 'workspace', 'filter'], stopAtPositional: true };
  const s = scanArgs(args, spec);
  const opts = [...s.options];
  if (opts.some((o) => MANY_PACKAGES.includes(o.name)) || (tool === 'pnpm' && opts.some((o) => o.name === '-w'))) return [];
  let dir = opts.find((o) => ['--prefix', '--cwd', '--dir', '-C'].includes(o.name))?.value;
  let rest = s.rest ?? [];
  let workspace: string | undefined;
  let strict: boolean;
  let script: string | undefined;
  let after: string[];
  if (tool === 'yarn' && rest[0] === 'workspace') {
    // `yarn workspace X [run] T`: the script of the workspace named X.
    workspace = rest[1];
    rest = rest.slice(2);
    if (workspace === undefined || (rest[0] !== 'run' && rest[0] !== undefined && PACKAGE_MANAGER_COMMANDS.has(rest[0]))) return [];
  }
  if (rest[0] === 'run' || rest[0] === 'run-script' || (tool === 'npm' && (rest[0] === 'rum' || rest[0] === 'urn'))) {
    const inner = scanArgs(rest.slice(1), spec);
    if (inner.options.some((o) => MANY_PACKAGES.includes(o.name)) || (tool === 'pnpm' && inner.options.some((o) => o.name === '-w'))) return [];
    opts.push(...inner.options);
    dir ??= inner.options.find((o) => ['--prefix', '--cwd', '--dir', '-C'].includes(o.name))?.value;
    script = inner.rest?.[0];
    after = inner.rest?.slice(1) ?? [];
    // `npm run` refuses a name that is not a script; yarn and pnpm also run dependencies' binaries.
    strict = tool === 'npm';
  } else {
    // `yarn workspaces foreach` runs every workspace's script: not this package.json's.
    if (tool === 'npm' || (tool === 'yarn' && rest[0] === 'workspaces')) return [];
    // The package manager's own commands (`yarn add jest`, `yarn create jest`, `pnpm install`) run no script.
    if (rest[0] !== undefined && PACKAGE_MANAGER_COMMANDS.has(rest[0])) return [];
    script = rest[0];
    after = rest.slice(1);
    strict = false;
  }
  // npm reads its own options anywhere before `--` (`npm run build -w app`, `npm run build --prefix web`).
  const afterOptions = scanArgs(after.includes('--') ? after.slice(0, after.indexOf('--')) : after, { short: 'w', long: ['prefix', 'cwd', 'dir', 'workspace'] }).options;
  if (tool === 'npm') {
    if (afterOptions.some((o) => MANY_PACKAGES.includes(o.name))) return [];
    opts.push(...afterOptions);
    dir ??= afterOptions.find((o) => ['--prefix', '--cwd', '--dir'].includes(o.name))?.value;
    // `-w X` once: that workspace; several: many packages.
    const named = opts.filter((o) => o.name === '-w' || o.name === '--workspace');
    if (named.length > 1 || named.some((o) => o.value === undefined)) return [];
    workspace = named[0]?.value;
  }
  if (tool === 'yarn' && opts.some((o) => o.name === '-w' || o.name === '--workspace')) return [];
  if (script === undefined || script.startsWith('-') || !/^[\w:@./-]+$/.test(script) || (dir !== undefined && !isLiteralPath(dir))) return [];
  if (workspace !== undefined && !/^[\w@./-]+$/.test(workspace)) return [];
  return [{ kind: 'target', tool, targets: [script], strict, ...(dir !== undefined ? { dir } : {}), ...(workspace !== undefined ? { workspace } : {}) }];
}

/** `just [-f file] recipe args…`: only the first recipe (the words after it may be its arguments). */
export function justCalls(args: string[]): CommandCall[] {
  const s = scanArgs(args, { short: 'fd', long: ['justfile', 'working-directory', 'set', 'shell', 'dotenv-filename', 'dotenv-path', 'color', 'unstable'], stopAtPositional: true });
  if (s.options.some((o) => !['-f', '--justfile', '-n', '--dry-run', '-v', '--verbose', '-q', '--quiet', '--yes'].includes(o.name))) return [];
  const file = s.options.find((o) => o.name === '-f' || o.name === '--justfile')?.value;
  const recipe = s.rest?.[0];
  if (recipe === undefined || recipe.includes('=') || recipe.includes('::') || !isLiteralName(recipe) || (file !== undefined && !isLiteralPath(file))) return [];
  return [{ kind: 'target', tool: 'just', targets: [recipe], strict: true, ...(file !== undefined ? { file } : {}) }];
}

/** `task [-d dir] [-t file] tasks… [VAR=x]`. */
export function taskCalls(args: string[]): CommandCall[] {
  const s = scanArgs(args, { short: 'dtoc', long: ['dir', 'taskfile', 'output', 'concurrency', 'interval', 'color', 'sort'] });
  if (s.options.some((o) => ['-l', '--list', '-a', '--list-all', '--init', '-i', '--summary', '-g', '--global', '--version', '--help', '-h'].includes(o.name))) return [];
  const dir = s.options.find((o) => o.name === '-d' || o.name === '--dir')?.value;
  const file = s.options.find((o) => o.name === '-t' || o.name === '--taskfile')?.value;
  const targets = s.positionals.filter((p) => !p.includes('=') && isLiteralName(p));
  if (!targets.length || (dir !== undefined && !isLiteralPath(dir)) || (file !== undefined && !isLiteralPath(file))) return [];
  return [{ kind: 'target', tool: 'task', targets, strict: true, ...(dir !== undefined ? { dir } : {}), ...(file !== undefined ? { file } : {}) }];
}

/** `rake [-f file] [-C dir] tasks[args]…`. */
export function rakeCalls(args: string[]): CommandCall[] {
  const s = scanArgs(args, { short: 'fCIrRe', long: ['rakefile', 'directory', 'libdir', 'require', 'rakelibdir', 'execute'] });
  if (s.options.some((o) => !['-f', '--rakefile', '-C', '--directory', '-t', '--trace', '-n', '--dry-run', '-v', '--verbose', '-s', '--silent', '-q', '--quiet'].includes(o.name))) return [];
  const dir = s.options.find((o) => o.name === '-C' || o.name === '--directory')?.value;
  const file = s.options.find((o) => o.name === '-f' || o.name === '--rakefile')?.value;
  const targets = s.positionals.filter((p) => !p.includes('=')).map((p) => p.replace(/\[.*$/s, '')).filter((t) => t === '' || isLiteralName(t));
  if (!targets.length || targets.some((t) => t === '') || (dir !== undefined && !isLiteralPath(dir)) || (file !== undefined && !isLiteralPath(file))) return [];
  return [{ kind: 'target', tool: 'rake', targets, strict: true, ...(dir !== undefined ? { dir } : {}), ...(file !== undefined ? { file } : {}) }];
}

/** `mage [-d dir] target`. */
export function mageCalls(args: string[]): CommandCall[] {
  const s = scanArgs(args, { short: 'dwt', long: ['d', 'w', 't', 'goos', 'goarch', 'ldflags', 'gocmd', 'compile'] });
  if (s.options.some((o) => !['-v', '-d', '-w', '-f', '-debug'].includes(o.name))) return [];
  const dir = s.options.find((o) => o.name === '-d')?.value;
  const target = s.positionals[0];
  if (target === undefined || !isLiteralName(target) || (dir !== undefined && !isLiteralPath(dir))) return [];
  return [{ kind: 'target', tool: 'mage', targets: [target], strict: true, ...(dir !== undefined ? { dir } : {}) }];
}

/** `gh workflow run W -f key=value…` on this repository (not `-R other/repo`). */
export function workflowCalls(args: string[]): CommandCall[] {
  if (args[0] !== 'workflow' || args[1] !== 'run') return [];
  const s = scanArgs(args.slice(2), { short: 'fFrR', long: ['field', 'raw-field', 'ref', 'repo'] });
  if (s.options.some((o) => o.name === '-R' || o.name === '--repo' || o.name === '--json')) return [];
  const workflow = s.positionals[0];
  if (workflow === undefined || !/^[\w .-]+$/.test(workflow)) return [];
  const inputs: string[] = [];
  for (const o of s.options) {
    if (!['-f', '-F', '--field', '--raw-field'].includes(o.name) || o.value === undefined) continue;
    const key = o.value.split('=')[0]!;
    if (!/^[\w-]+$/.test(key)) return [];
    inputs.push(key);
  }
  return inputs.length ? [{ kind: 'workflow', workflow, inputs }] : [];
}
