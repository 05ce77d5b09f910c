/**
 * Rules for shell built-ins that can run code without naming a command: variables the shell or a
 * tool runs (`PS4`, `BASH_ENV`, `LD_PRELOAD`, `GIT_SSH_COMMAND`…), variable names holding array
 * subscripts (`read 'a[$(cmd)]'`), arithmetic, aliases, traps, `eval` and `source`.
 */

import { optionTable, parseWithTable } from './option-table';
import { because, ok, type Rule, type Verdict } from './rule-verdicts';
import { SUBSTITUTION_WORD } from '../shell/shell-words';
import { configFrom, table } from './table-rule';

/** Variables that make the shell or a tool run a program, load code or read a config from elsewhere. */
const RUNS_CODE = new Set([
  'PS0', 'PS1', 'PS2', 'PS3', 'PS4', 'PROMPT_COMMAND', 'BASH_ENV', 'ENV', 'PATH', 'SHELLOPTS', 'BASHOPTS', 'BASH_XTRACEFD', 'HOME',
  'EDITOR', 'VISUAL', 'PAGER', 'MANPAGER', 'BROWSER', 'KUBECONFIG', 'KUBE_EDITOR', 'KUBECTL_EXTERNAL_DIFF',
  'CURL_HOME', 'WGETRC', 'PSQLRC', 'PGSERVICEFILE', 'MYSQL_HOME', 'OPENSSL_CONF', 'DOCKER_CONFIG', 'RIPGREP_CONFIG_PATH', 'INPUTRC',
  'NODE_OPTIONS', 'NODE_PATH', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'GCONV_PATH', 'LOCPATH', 'NLSPATH', 'TERMINFO', 'TAR_OPTIONS',
  'GREP_OPTIONS', 'SUDO_ASKPASS', 'TF_CLI_CONFIG_FILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'CLOUDSDK_CONFIG',
  'AZURE_CONFIG_DIR', 'ETCDCTL_CONFIG', 'SYSTEMD_PAGER', 'SYSTEMD_EDITOR', 'SYSTEMD_LESS', 'SSL_CERT_FILE',
]);
const RUNS_CODE_PREFIX = /^(?:LD_|DYLD_|BASH_FUNC_|GIT_|LESS|PYTHON|PERL|RUBY|XDG_|HELM_|TF_CLI_ARGS|TF_PLUGIN|DOCKER_HOST|PAGER|NPM_CONFIG)/;

/** Config locations that are fine outside the workspace (an absolute path), but can run programs from it. */
const CONFIG_PATHS = new Set(['KUBECONFIG', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'CLOUDSDK_CONFIG', 'DOCKER_CONFIG', 'SSL_CERT_FILE']);

/** Why assigning `name` (the `value` when known) can run code, or undefined for an ordinary variable. */
export function variableDanger(name: string, value?: string): string | undefined {
  if (CONFIG_PATHS.has(name) && value !== undefined) {
    const reason = configFrom(`\`${name}\``)(value);
    return reason === undefined ? undefined : `sets \`${name}\`: ${reason}`;
  }
  if (RUNS_CODE.has(name) || RUNS_CODE_PREFIX.test(name) || /_(?:PAGER|EDITOR|COMMAND|ASKPASS)$/.test(name)) {
    return `sets \`${name}\`, which can make the shell or a tool run other code`;
  }
  return undefined;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `word`, used as a variable name (`read`, `unset`, `printf -v`, `test -v`…), can run code, or undefined. */
export function nameDanger(word: string, command: string): string | undefined {
  if (NAME.test(word)) return variableDanger(word);
  return `\`${command}\` is given \`${word}\` as a variable name; a subscript there is evaluated and can run commands`;
}

/** Why an assignment word (`NAME=value`, `NAME+=value`, `NAME[i]=value`) can run code, or undefined. */
export function assignmentDanger(word: string): string | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/.exec(word);
  if (!match) return `\`${word}\` is not a plain assignment`;
  if (match[2] !== undefined && !/^\[[A-Za-z0-9_]*\]$/.test(match[2])) return `assigns to \`${match[1]}${match[2]}\`, whose subscript is evaluated and can run commands`;
  return variableDanger(match[1]!, word.slice(match[0].length));
}

function names(words: string[], command: string): Verdict {
  for (const word of words) {
    const danger = word.includes('=') ? assignmentDanger(word) : nameDanger(word, command);
    if (danger) return because(danger);
  }
  return ok(command);
}

const READ = optionTable('-r -s -e -a= -d= -n= -N= -p= -t= -u= -i=');
/** `read [-options] NAME…`: the names must be plain. */
const read: Rule = (args) => {
  const parsed = parseWithTable(args, READ);
  if (parsed.error) return because(`\`read ${parsed.error.option}\` ${parsed.error.message}`);
  const arrays = parsed.options.filter((o) => o.entry.canonical === '-a').map((o) => o.value ?? '');
  return names([...arrays, ...parsed.operands], 'read');
};

/** `printf -v NAME …`: the name must be plain. */
const printf: Rule = (args) => (args[0] === '-v' && args[1] !== undefined ? names([args[1]], 'printf -v') : ok('printf'));

/** `unset [-v|-f|-n] NAME…`. */
const unset: Rule = (args) => names(args.filter((a) => !/^-[vfn]+$/.test(a)), 'unset');

/** `test` / `[`: `-v NAME` evaluates a subscript in the name. */
const test: Rule = (args, ctx) => {
  const at = args.indexOf('-v');
  return at >= 0 && args[at + 1] !== undefined ? names([args[at + 1]!], `${ctx.name} -v`) : ok(ctx.name);
};

const DECLARE = optionTable('-a -A -r -x -g -l -u -p -F -t +x +r +a +A +l +u +t -I', {
  '-n': 'makes a name reference, whose target is evaluated',
  '-i': 'makes later assignments arithmetic, which can run commands through subscripts',
  '-f': 'lists or exports functions',
});
/** `declare` / `typeset` / `local` / `readonly` / `export`: plain names and harmless assignments only. */
const declare: Rule = (args, ctx) => {
  const parsed = parseWithTable(args, DECLARE);
  if (parsed.error) return because(`\`${ctx.name} ${parsed.error.option}\` ${parsed.error.message}`);
  const refused = parsed.options.find((o) => o.entry.deny);
  if (refused) return because(`\`${ctx.name} ${refused.written}\` ${refused.entry.deny!(refused.value)}`);
  return names(parsed.operands, ctx.name);
};

/** `let EXPR…`: arithmetic; a subscript or substitution text in it can run commands. */
const letRule: Rule = (args) => {
  const risky = args.find((a) => /[[`]|\$\(/.test(a));
  return risky === undefined ? ok('let') : because(`\`let ${risky}\` evaluates a subscript, which can run commands`);
};

const SHOPT_HARMLESS = new Set(['nullglob', 'failglob', 'dotglob', 'globstar', 'nocaseglob', 'nocasematch', 'extglob', 'lastpipe', 'inherit_errexit', 'pipefail']);
/** `shopt`: printing reads; setting is fine for globbing options only (`expand_aliases` makes aliases run). */
const shopt: Rule = (args) => {
  if (!args.some((a) => /^-[a-z]*[su]/.test(a))) return ok('shopt');
  const other = args.find((a) => !a.startsWith('-') && !SHOPT_HARMLESS.has(a));
  return other === undefined ? ok('shopt') : because(`\`shopt ${other}\` changes how the shell runs later commands`);
};

/** `alias`: listing reads; defining one can make a later word run other commands. */
const alias: Rule = (args) => {
  const defined = args.find((a) => a.includes('='));
  return defined === undefined ? ok('alias') : because(`\`alias ${defined.split('=')[0]}=…\` defines an alias, which makes a later word run other commands`);
};

/** `set`: shell options and positional parameters; `-o` names are checked against the harmless ones. */
const set: Rule = (args) => {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--' || arg === '-') break;
    if (/^[-+]o$/.test(arg)) {
      const option = args[++i];
      if (option !== undefined && !['errexit', 'nounset', 'pipefail', 'xtrace', 'noglob', 'noclobber', 'verbose', 'errtrace', 'functrace', 'posix', 'allexport', 'notify', 'monitor', 'noexec', 'emacs', 'vi', 'history', 'hashall', 'braceexpand', 'ignoreeof', 'interactive-comments', 'keyword', 'noclobber', 'onecmd', 'physical', 'privileged'].includes(option)) {
        return because(`\`set -o ${option}\` is not a shell option known to be harmless`);
      }
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(arg)) continue;
    break;
  }
  return ok('set');
};

/** `hash`: remembering paths is harmless; `-p` makes a name run another program. */
const hash: Rule = table('-r -d -l -t', { '-p=': 'makes a command name run the program it gives' });

/** `trap [ACTION] SIGNALS`: the action is a script, judged as such. */
const trap: Rule = (args, ctx) => {
  const words = args[0] === '--' ? args.slice(1) : args;
  if (!words.length || ['-l', '-p', '-lp'].includes(words[0]!)) return ok('trap');
  if (words.length === 1 || words[0] === '-' || words[0] === '') return ok('trap');
  const verdict = ctx.script(words[0]!);
  return verdict.readOnly ? ok('trap', verdict.labels) : because(`\`trap\` sets an action that changes state: ${verdict.reason}`);
};

/** `eval WORDS`: only literal text can be read (a `$` in it would be expanded first, then read as code). */
const evalRule: Rule = (args, ctx) => {
  if (!args.length) return ok('eval');
  const text = args.join(' ');
  if (/[$`]/.test(text) || text.includes(SUBSTITUTION_WORD)) return because('`eval` runs text built from variables or substitutions, which cannot be read');
  return ctx.script(text);
};

const MAPFILE = optionTable('-d= -n= -O= -s= -t -u=', { '-C=': 'runs a callback for each line', '-c=': 'runs a callback for each line' });
/** `mapfile` / `readarray`: a callback runs code. */
const mapfile: Rule = (args, ctx) => {
  const parsed = parseWithTable(args, MAPFILE);
  if (parsed.error) return because(`\`${ctx.name} ${parsed.error.option}\` ${parsed.error.message}`);
  if (parsed.options.some((o) => o.entry.deny)) return because(`\`${ctx.name} -C\` runs a callback for each line`);
  return names(parsed.operands, ctx.name);
};

const source: Rule = (args, ctx) => because(`\`${ctx.name} ${args[0] ?? ''}\` runs a script file, which cannot be read`.replace(' `', '`'));

/** Rules for built-ins, by name. */
export const BUILTIN_RULES: Record<string, Rule> = {
  read, printf, unset, test, '[': test, declare, typeset: declare, local: declare, readonly: declare, export: declare, let: letRule,
  shopt, alias, unalias: () => ok('unalias'), set, hash, trap, eval: evalRule, mapfile, readarray: mapfile, source, '.': source,
  getopts: (args) => names(args.slice(1, 2), 'getopts'),
  enable: () => because('`enable` can load a built-in from a shared library'),
  compgen: () => because('`compgen` can run functions and commands to complete words'),
  fc: () => because('`fc` runs commands from the history'),
};
