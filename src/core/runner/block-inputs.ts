import { quote } from 'shell-quote';
import { scanArgs } from './argv';
import { scanShell, shellCommands, type ShellContext } from '../shell/shell-commands';
import type { BlockInput } from './types';

/** Names that look like secrets: asked for masked, never stored, shown as `••••`. */
const SECRET_NAME = /token|secret|password|passwd|pass|api[-_]?key|private|credential/i;

/** Variables the shell sets itself: never asked for. */
const SHELL_VARIABLES = new Set([
  '_', 'RANDOM', 'LINENO', 'SECONDS', 'PPID', 'UID', 'EUID', 'PWD', 'OLDPWD', 'IFS', 'BASH', 'BASHPID', 'BASH_SOURCE', 'BASH_LINENO',
  'BASH_VERSION', 'BASH_VERSINFO', 'BASH_REMATCH', 'BASH_COMMAND', 'BASH_SUBSHELL', 'BASH_ARGC', 'BASH_ARGV', 'FUNCNAME', 'PIPESTATUS',
  'REPLY', 'OPTARG', 'OPTIND', 'HOSTNAME', 'HOSTTYPE', 'OSTYPE', 'MACHTYPE', 'SHLVL', 'SHELLOPTS', 'BASHOPTS', 'GROUPS', 'DIRSTACK',
  'EPOCHSECONDS', 'EPOCHREALTIME', 'HISTCMD', 'COLUMNS', 'LINES', 'SRANDOM',
]);

/** Shown instead of a secret's value. */
export const MASK = '••••';

/** True when an input with this name should be treated as a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * The values a block needs before it runs, unique by name, in order of first appearance:
 * `<placeholder>` words (`<namespace>`, `<pod-name>`; not `<` redirections, `<<EOF` or `<(…)`), and
 * `$VAR`, `${VAR}`, `${VAR:-default}` / `${VAR:=default}` references. Left out: special parameters
 * (`$1`, `$?`, `$$`, `$@`, `$#`, `$!`, `$0`), variables the shell sets itself (`$RANDOM`, `$PWD`…),
 * variables the script assigns (`X=…`, `export X=…`, `for X in`, `read X`), variables in single
 * quotes, quoted here-documents and comments, and placeholders in comments.
 * Variables such as `$HOME` or `$KUBECONFIG` are listed: the caller asks only for those the
 * environment does not set.
 */
export function findInputs(script: string): BlockInput[] {
  const scan = scanShell(script);
  const assigned = assignedNames(script);
  const occurrences = [
    ...scan.placeholders.map((p) => ({ form: 'placeholder' as const, name: p.name, start: p.start, defaultValue: undefined })),
    ...scan.variables
      .filter((v) => !SHELL_VARIABLES.has(v.name) && !assigned.has(v.name))
      .map((v) => ({ form: 'variable' as const, name: v.name, start: v.start, defaultValue: v.defaultValue })),
  ].sort((a, b) => a.start - b.start);
  const inputs = new Map<string, BlockInput>();
  for (const occurrence of occurrences) {
    const known = inputs.get(occurrence.name);
    if (known) {
      if (known.defaultValue === undefined && occurrence.defaultValue !== undefined) known.defaultValue = occurrence.defaultValue;
      continue;
    }
    const input: BlockInput = { name: occurrence.name, form: occurrence.form, secret: isSecretName(occurrence.name) };
    if (occurrence.defaultValue !== undefined) input.defaultValue = occurrence.defaultValue;
    inputs.set(occurrence.name, input);
  }
  return [...inputs.values()];
}

/** Names the script gives a value itself: assignments, `export`/`local`/`declare`, `for`, `read`, `printf -v`, `mapfile`. */
function assignedNames(script: string): Set<string> {
  const names = new Set<string>();
  const assignment = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/;
  for (const { words } of shellCommands(script).commands) {
    let i = 0;
    while (i < words.length && ['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{'].includes(words[i]!)) i++;
    for (; i < words.length && assignment.test(words[i]!); i++) names.add(assignment.exec(words[i]!)![1]!);
    const [command, ...args] = words.slice(i);
    if (command === undefined) continue;
    if (['export', 'local', 'declare', 'typeset', 'readonly'].includes(command)) {
      for (const arg of args) {
        const match = assignment.exec(arg);
        if (match) names.add(match[1]!);
      }
    } else if ((command === 'for' || command === 'select') && args[0] !== undefined) {
      names.add(args[0]);
    } else if (command === 'read') {
      const scanned = scanArgs(args, { short: 'adinNptu' });
      for (const option of scanned.options) if (option.name === '-a' && option.value) names.add(option.value);
      for (const name of scanned.positionals) names.add(name);
      if (!scanned.positionals.length) names.add('REPLY');
    } else if (command === 'printf') {
      const scanned = scanArgs(args, { short: 'v' });
      for (const option of scanned.options) if (option.name === '-v' && option.value) names.add(option.value);
    } else if (command === 'mapfile' || command === 'readarray') {
      const scanned = scanArgs(args, { short: 'dnOsuCc' });
      const name = scanned.positionals[scanned.positionals.length - 1];
      names.add(name ?? 'MAPFILE');
    }
  }
  return names;
}

/** A script ready to run, its environment, and what to show people before it runs. */
export interface ResolvedScript {
  /** The script with every `<placeholder>` replaced by its shell-quoted value. */
  script: string;
  /** Values for the child's environment: the variables that were given values, and helpers for hard contexts. */
  env: Record<string, string>;
  /** The fully resolved command for a confirmation: placeholders and variables shown quoted, secrets as `••••`. */
  display: string;
}

/**
 * Fills in a block's inputs. `<placeholder>`s are replaced by their value quoted with shell-quote's
 * `quote`, so each value stays one word whatever it holds (`$(…)`, quotes, `;`, newlines); inside
 * quotes the quote is closed, the value inserted and the quote reopened. Variables are never put
 * into the text: they go into `env`. In the two places where quoting cannot work (a backtick
 * substitution, an unquoted here-document) a placeholder becomes `${RUNBOOKS_INPUT_NAME}` with the
 * value in `env`; in a quoted here-document (`<<'EOF'`) it is inserted as is, and a value with a
 * line break is refused.
 *
 * `values` maps input names to values. A variable without a value keeps its `${VAR:-default}` default.
 * Throws an `Error` naming every input in `inputs` that has neither a value nor a default.
 */
export function resolveScript(script: string, inputs: BlockInput[], values: Record<string, string>): ResolvedScript {
  const scan = scanShell(script);
  const wanted = new Map(inputs.map((input) => [input.name, input]));
  const placeholderNames = new Set(scan.placeholders.map((p) => p.name));
  const has = (name: string) => Object.prototype.hasOwnProperty.call(values, name) && typeof values[name] === 'string';
  const missing = inputs.filter((input) => !has(input.name) && (placeholderNames.has(input.name) || input.form === 'placeholder' || input.defaultValue === undefined));
  if (missing.length) {
    const list = missing.map((input) => (input.form === 'placeholder' ? `<${input.name}>` : `$${input.name}`)).join(', ');
    throw new Error(`No value given for ${list}: every input needs a value before the block can run.`);
  }

  const env: Record<string, string> = {};
  const runEdits: Edit[] = [];
  const displayEdits: Edit[] = [];
  for (const ref of scan.placeholders) {
    const input = wanted.get(ref.name);
    if (!input) continue;
    const value = values[ref.name]!;
    const helper = `RUNBOOKS_INPUT_${ref.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
    const filled = fill(value, ref.context, ref.inBacktick, () => {
      env[helper] = value;
      return helper;
    }, ref.name);
    runEdits.push({ start: ref.start, end: ref.end, text: filled });
    displayEdits.push({ start: ref.start, end: ref.end, text: shown(input.secret ? MASK : value, ref.context) });
  }
  for (const ref of scan.variables) {
    const input = wanted.get(ref.name);
    if (!input || !ref.simple) continue;
    if (has(ref.name)) {
      env[ref.name] = values[ref.name]!;
      displayEdits.push({ start: ref.start, end: ref.end, text: shown(input.secret ? MASK : values[ref.name]!, ref.context) });
    }
  }
  for (const input of inputs) if (input.form === 'variable' && has(input.name)) env[input.name] = values[input.name]!;
  return { script: applyEdits(script, runEdits), env, display: applyEdits(script, displayEdits) };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    if (edit.start < at) continue;
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** The text that puts `value` into the script at a place read in `context`, as exactly one word's worth of text. */
function fill(value: string, context: ShellContext, inBacktick: boolean, helper: () => string, name: string): string {
  const quoted = quote([value]);
  // Nothing to quote (letters, digits, `-_./%+`): the value reads the same in every context.
  if (quoted === value && value !== '') return value;
  if (context === 'heredoc-literal') {
    if (value.includes('\n')) throw new Error(`The value of <${name}> has a line break, which would end its quoted here-document early.`);
    return value;
  }
  if (context === 'heredoc') return /[$`\\\n]/.test(value) ? `\${${helper()}}` : value;
  if (inBacktick) {
    // Backslashes are read twice inside backticks, so a quoted value could come apart: expand a variable instead.
    const reference = `\${${helper()}}`;
    return context === 'double' ? reference : context === 'single' ? `'"${reference}"'` : `"${reference}"`;
  }
  if (context === 'double') return `"${quoted}"`;
  if (context === 'single') return `'${quoted}'`;
  return quoted;
}

/** How a value is shown in the confirmation: quoted as the shell would need it, readable in here-documents. */
function shown(value: string, context: ShellContext): string {
  if (context === 'heredoc' || context === 'heredoc-literal') return value;
  const quoted = quote([value]);
  if (quoted === value && value !== '') return value;
  return context === 'double' ? `"${quoted}"` : context === 'single' ? `'${quoted}'` : quoted;
}
