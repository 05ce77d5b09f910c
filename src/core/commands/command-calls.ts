import { scanArgs } from '../runner/argv';
import { ARITHMETIC_WORD, shellCommands, SUBSTITUTION_WORD } from '../shell/shell-commands';
import { isLiteralPath, type CommandCall } from './call-types';
import { justCalls, mageCalls, makeCalls, packageCalls, rakeCalls, taskCalls, workflowCalls } from './tool-calls';

export { isLiteralPath, type CommandCall, type TargetTool } from './call-types';

const LEADING = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'esac', 'time']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh']);
const INTERPRETERS = /^(?:python(?:\d(?:\.\d+)?)?|node|ruby|perl|php|pwsh|deno|tsx|ts-node)$/;
const MAX_DEPTH = 4;

/**
 * What a command (its words, as `shellCommands` gives them) calls in the repository. Leading
 * keywords and variable assignments are skipped, and local wrappers (`sudo`, `env`, `timeout`,
 * `nice`, `time`, `command`, `exec`, `bash -c '…'`) looked through; commands run elsewhere
 * (`ssh host cmd`, `kubectl exec … -- cmd`, `docker run …`) call nothing here. Empty when the
 * command calls nothing the repository provides, or calls it in a way that cannot be read.
 */
export function commandCalls(words: readonly string[], depth = 0): CommandCall[] {
  let i = 0;
  while (i < words.length && (LEADING.has(words[i]!) || ASSIGNMENT.test(words[i]!))) i++;
  const argv = words.slice(i);
  const [name, ...args] = argv;
  if (name === undefined || name === ARITHMETIC_WORD || name.includes(SUBSTITUTION_WORD) || name.includes('$')) return [];
  if (depth > MAX_DEPTH) return [];
  const base = name.slice(name.lastIndexOf('/') + 1);
  // `./pkg/x/controller.go:509` is a source location (a debugger's or compiler's output), not a program.
  if (name.includes('/')) return isLiteralPath(name) && !/:\d+(?::\d+)?$/.test(name) ? [{ kind: 'script', path: name, args }] : [];
  switch (base) {
    case 'cd':
    case 'pushd': {
      const dir = args.filter((a) => !/^-[LPe@]+$/.test(a))[0];
      return [{ kind: 'cd', dir: dir !== undefined && isLiteralPath(dir) ? dir : undefined }];
    }
    case 'popd':
      return [{ kind: 'cd', dir: undefined }];
    case 'git':
      return gitClone(args);
    case 'sudo':
    case 'doas': {
      const s = scanArgs(args, { short: 'ugCDhpUrtT', long: ['user', 'group', 'chdir', 'host', 'prompt', 'role', 'type'], stopAtPositional: true });
      if (s.options.some((o) => ['-i', '-s', '--login', '--shell', '-D', '--chdir', '-u', '--user'].includes(o.name))) return s.rest?.length ? [] : [{ kind: 'leaves' }];
      return s.rest?.length ? commandCalls(s.rest, depth + 1) : [];
    }
    case 'env': {
      const s = scanArgs(args, { short: 'uCS', long: ['unset', 'chdir', 'split-string'], stopAtPositional: true });
      if (s.options.some((o) => ['-C', '--chdir', '-S', '--split-string'].includes(o.name))) return [];
      return s.rest?.length ? commandCalls(s.rest, depth + 1) : [];
    }
    case 'timeout': {
      const s = scanArgs(args, { short: 'sk', long: ['signal', 'kill-after'], stopAtPositional: true });
      return commandCalls(s.rest?.slice(1) ?? [], depth + 1);
    }
    case 'nice':
    case 'nohup':
    case 'command':
    case 'exec':
    case 'builtin':
    case 'stdbuf': {
      const s = scanArgs(args, { short: base === 'nice' ? 'n' : base === 'stdbuf' ? 'ioe' : '', stopAtPositional: true });
      if (base === 'command' && s.options.some((o) => o.name === '-v' || o.name === '-V')) return [];
      return commandCalls(s.rest ?? [], depth + 1);
    }
    case 'source':
    case '.':
      return args[0] !== undefined && args[0].includes('/') && isLiteralPath(args[0]) ? [{ kind: 'script', path: args[0], args: args.slice(1) }] : [];
    case 'go':
      return goCalls(args);
    case 'make':
    case 'gmake':
      return makeCalls(args);
    case 'npm':
    case 'yarn':
    case 'pnpm':
      return packageCalls(base, args);
    case 'just':
      return justCalls(args);
    case 'task':
      return taskCalls(args);
    case 'rake':
      return rakeCalls(args);
    case 'mage':
      return mageCalls(args);
    case 'gh':
      return workflowCalls(args);
    default:
      break;
  }
  if (SHELLS.has(base)) return shellCalls(base, args, depth);
  if (INTERPRETERS.test(base)) return interpreterCalls(base, args);
  if (leavesHere(base, args)) return [{ kind: 'leaves' }];
  return [];
}

function shellCalls(name: string, args: string[], depth: number): CommandCall[] {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') continue;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(arg)) {
      const script = args[i + 1];
      if (script === undefined) return [];
      const parsed = shellCommands(script);
      if (parsed.problems.length) return [];
      return parsed.commands.flatMap((c) => commandCalls(c.words, depth + 1)).filter((c) => c.kind !== 'cd' && c.kind !== 'leaves');
    }
    if (/^-[a-zA-Z]*s[a-zA-Z]*$/.test(arg)) return [];
    if (/^[-+]o$/.test(arg)) {
      i++;
      continue;
    }
    if (/^[-+]/.test(arg)) continue;
    return isLiteralPath(arg) ? [{ kind: 'script', path: arg, args: args.slice(i + 1) }] : [];
  }
  // `bash` alone opens a shell: the lines that follow are typed into it.
  return args.length === 0 && name !== 'sh' ? [{ kind: 'leaves' }] : [];
}

/** Options of interpreters that take a value, and those that mean no script file follows. */
const INTERPRETER_VALUE = new Set(['-W', '-X', '-Q', '-r', '--require', '-I', '--import', '--loader', '-File']);
const INTERPRETER_NO_FILE = new Set(['-m', '-c', '-e', '-p', '--eval', '--print', '-E', '-Command', '-']);

function interpreterCalls(name: string, args: string[]): CommandCall[] {
  let rest = args;
  if ((name === 'deno' || name === 'bun') && rest[0] === 'run') rest = rest.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (INTERPRETER_NO_FILE.has(arg)) return [];
    if (INTERPRETER_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    // A script file: a path, or a name with a script's extension.
    if (!isLiteralPath(arg) || (!arg.includes('/') && !/\.(?:py|js|mjs|cjs|ts|rb|pl|php|ps1)$/.test(arg))) return [];
    return [{ kind: 'script', path: arg, args: rest.slice(i + 1) }];
  }
  return [];
}

function goCalls(args: string[]): CommandCall[] {
  if (args[0] !== 'run') return [];
  const s = scanArgs(args.slice(1), { long: ['exec', 'o', 'tags', 'ldflags', 'gcflags', 'mod', 'modfile', 'C', 'p', 'toolexec', 'overlay', 'pgo'], short: 'Cp', stopAtPositional: true });
  const [pkg, ...rest] = s.rest ?? [];
  if (pkg === undefined || s.options.some((o) => o.name === '-C' || o.name === '--C')) return [];
  if (!/^\.\.?(?:\/|$)/.test(pkg) && !pkg.endsWith('.go')) return [];
  if (!isLiteralPath(pkg)) return [];
  // `go run a.go b.go`: the files are the program; its arguments follow the last `.go`.
  const files = [pkg, ...rest.filter((w, j) => w.endsWith('.go') && rest.slice(0, j).every((x) => x.endsWith('.go')))];
  return [{ kind: 'script', path: pkg, args: rest.slice(files.length - 1), go: true }];
}

/** Commands after which the block's lines are typed somewhere else: a remote host, a container, a console. */
function leavesHere(name: string, args: string[]): boolean {
  const interactive = args.some((a) => /^-[a-zA-Z]*[it][a-zA-Z]*$/.test(a) || a === '--stdin' || a === '--tty' || a === '--interactive');
  switch (name) {
    case 'ssh':
    case 'mosh':
    case 'telnet': {
      const positional = args.filter((a) => !a.startsWith('-'));
      return positional.length <= 1;
    }
    case 'kubectl':
    case 'oc':
      return (['exec', 'debug', 'attach', 'run', 'rsh'].includes(args[0] ?? '') && (interactive || args[0] === 'rsh')) || args[0] === 'rsh';
    case 'docker':
    case 'podman':
      return ['exec', 'run'].includes(args[0] ?? '') && interactive;
    case 'su':
    case 'chroot':
    case 'nsenter':
    case 'toolbox':
    case 'tmux':
    case 'screen':
    case 'gitlab-rails':
    case 'rails':
    case 'gitlab-psql':
    case 'psql':
    case 'mysql':
    case 'redis-cli':
    case 'vagrant':
    case 'knife':
      return true;
    case 'gcloud':
      return args.includes('ssh') && !args.some((a) => a.startsWith('--command'));
    // Debuggers and database shells read the next lines at their own prompt, unless told what to run.
    case 'dlv':
      return ['connect', 'attach', 'debug', 'exec', 'test', 'core', 'replay'].includes(args[0] ?? '') && !args.some((a) => a.startsWith('--headless'));
    case 'gdb':
    case 'lldb':
      return !args.some((a) => ['-batch', '--batch', '-b'].includes(a));
    case 'mongo':
    case 'mongosh':
      return !args.some((a) => a.startsWith('--eval') || a.endsWith('.js'));
    case 'sqlite3':
      return args.filter((a) => !a.startsWith('-')).length <= 1;
    default:
      return false;
  }
}

/** `git [-c k=v] clone [options] URL [DIR]`: the repository's name (the URL's last part without `.git`) and the folder it makes (that name by default). */
function gitClone(args: string[]): CommandCall[] {
  const global = scanArgs(args, { short: 'cC', long: ['git-dir', 'work-tree', 'namespace', 'config-env'], stopAtPositional: true });
  const rest = global.rest ?? [];
  if (rest[0] !== 'clone') return [];
  const s = scanArgs(rest.slice(1), { short: 'bcjou', long: ['branch', 'config', 'depth', 'filter', 'jobs', 'origin', 'reference', 'reference-if-able', 'separate-git-dir', 'server-option', 'shallow-exclude', 'shallow-since', 'template', 'upload-pack', 'bundle-uri', 'ref-format'] });
  const [url, dir] = s.positionals;
  const known = (word: string | undefined) => (word && !/[$`*?{}<>]/.test(word) ? word : undefined);
  const repo = known(url?.replace(/[/\\]+$/, '').replace(/\.git$/, '').split(/[/:]/).pop());
  return [{ kind: 'clone', repo, dir: dir !== undefined ? known(dir) : repo }];
}
