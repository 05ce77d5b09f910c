/** Rules for wrappers (`sudo`, `timeout`, `xargs`, `sh -c`, `ssh host cmd`…): the command they run decides. */

import { hasOption, optionValues, scanArgs, type ArgSpec } from './argv';
import { optionTable, parseWithTable } from './option-table';
import { because, isDeviceTarget, ok, unknown, withLabel, type Rule } from './rule-verdicts';
import { SUBSTITUTION_WORD } from '../shell/shell-words';
import { configFrom, tableVerdict, writesTo } from './table-rule';

/** `sudo` / `doas`: the command it runs decides; `-i`, `-s` and `-e` change. */
export const sudo: Rule = (args, ctx) => {
  const s = scanArgs(args, {
    short: 'ugCDhpUrtT',
    long: ['user', 'group', 'close-from', 'chdir', 'host', 'prompt', 'other-user', 'role', 'type', 'command-timeout'],
    stopAtPositional: true,
  });
  if (s.rest?.length) return ctx.argv(s.rest);
  if (hasOption(s, '-i', '--login', '-s', '--shell')) return because('`sudo -i` opens a root shell');
  if (hasOption(s, '-e', '--edit')) return because('`sudo -e` edits a file');
  if (hasOption(s, '-l', '--list', '-v', '--validate', '-V', '--version', '-k', '-K')) return ok('sudo -l');
  return unknown('sudo');
};

/** A rule for a wrapper whose options are `spec`: the wrapped command decides; without one, `bare` reads (or "not known"). */
export function wrapper(spec: ArgSpec, bare?: string): Rule {
  return (args, ctx) => {
    const s = scanArgs(args, { ...spec, stopAtPositional: true });
    if (s.rest?.length) return ctx.argv(s.rest);
    return bare ? ok(bare) : unknown(ctx.name);
  };
}

/** `timeout DURATION CMD`: `CMD` decides. */
export const timeout: Rule = (args, ctx) => {
  const s = scanArgs(args, { short: 'sk', long: ['signal', 'kill-after'], stopAtPositional: true });
  const inner = s.rest?.slice(1) ?? [];
  return inner.length ? ctx.argv(inner) : unknown('timeout');
};

/** `time CMD`: `CMD` decides; `-o FILE` writes a file. */
export const time: Rule = (args, ctx) => {
  const s = scanArgs(args, { short: 'fo', long: ['format', 'output'], stopAtPositional: true });
  const out = optionValues(s, '-o', '--output').find((v) => !isDeviceTarget(v));
  if (out !== undefined) return because(`\`time -o ${out}\` writes a file`);
  return s.rest?.length ? ctx.argv(s.rest) : ok('time');
};

/** `watch CMD`: `CMD` decides (a script, or argv with `-x`). */
export const watch: Rule = (args, ctx) => {
  const s = scanArgs(args, { short: 'nq', long: ['interval', 'equexit'], stopAtPositional: true });
  if (!s.rest?.length) return unknown('watch');
  return hasOption(s, '-x', '--exec') ? ctx.argv(s.rest) : ctx.script(s.rest.join(' '));
};

/** `env [NAME=value…] CMD`: `CMD` decides; `-S` splits a script. */
export const env: Rule = (args, ctx) => {
  const s = scanArgs(args, { short: 'uCS', long: ['unset', 'chdir', 'split-string'], stopAtPositional: true });
  const split = optionValues(s, '-S', '--split-string')[0];
  if (split !== undefined) return ctx.script([split, ...(s.rest ?? [])].join(' '));
  const rest = s.rest ?? [];
  // The assignments go through the classifier with the command, so `env LD_PRELOAD=… cmd` is judged like `LD_PRELOAD=… cmd`.
  return rest.length ? ctx.argv(rest) : ok('env');
};

/** `xargs CMD`: `CMD` decides. */
export const xargs: Rule = (args, ctx) => {
  const s = scanArgs(args, {
    short: 'adEILnPs',
    long: ['arg-file', 'delimiter', 'eof', 'replace', 'max-lines', 'max-args', 'max-procs', 'max-chars', 'process-slot-var'],
    stopAtPositional: true,
  });
  return s.rest?.length ? withLabel(ctx.argv(s.rest), 'xargs') : ok('xargs');
};

/** `command CMD`: `CMD` decides; `command -v` reads. */
export const command: Rule = (args, ctx) => {
  if (args[0] === '-v' || args[0] === '-V') return ok('command -v');
  const rest = args[0] === '-p' ? args.slice(1) : args;
  return rest.length ? ctx.argv(rest) : ok('command');
};

/** `exec CMD` / `builtin CMD`: `CMD` decides. */
export const exec: Rule = (args, ctx) => (args.length ? ctx.argv(args) : ok('exec'));

/** `sh` / `bash` / `zsh`…: the script of `-c` decides; a script file or stdin is not known. */
export const shell: Rule = (args, ctx) => {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg.startsWith('--')) continue;
    if (/^[-+][a-zA-Z]+$/.test(arg)) {
      if (arg.startsWith('-') && arg.includes('c')) {
        const script = args.slice(i + 1).find((a, j) => j === 0 || !/^[-+]/.test(a));
        return script === undefined ? because(`\`${ctx.name} -c\` without a script`) : ctx.script(script);
      }
      if (arg.includes('o') || arg.includes('O')) i++;
      continue;
    }
    return arg.includes(SUBSTITUTION_WORD) ? because(`\`${ctx.name}\` runs a script that a substitution produces`) : unknown(`${ctx.name} ${arg}`);
  }
  return because(`\`${ctx.name}\` runs commands from its input`);
};

const SSH_SAFE_OPTIONS = new Set([
  'connecttimeout', 'stricthostkeychecking', 'userknownhostsfile', 'batchmode', 'port', 'user', 'identityfile', 'identitiesonly', 'loglevel',
  'serveraliveinterval', 'serveralivecountmax', 'connectionattempts', 'compression', 'hostkeyalgorithms', 'pubkeyacceptedkeytypes',
  'pubkeyacceptedalgorithms', 'preferredauthentications', 'passwordauthentication', 'requesttty', 'forwardagent', 'addressfamily',
  'checkhostip', 'hashknownhosts', 'globalknownhostsfile', 'proxyjump', 'kexalgorithms', 'ciphers', 'macs', 'numberofpasswordprompts',
  'tcpkeepalive', 'verifyhostkeydns', 'sendenv', 'setenv', 'kbdinteractiveauthentication', 'gssapiauthentication', 'hostname',
  'updatehostkeys', 'loglevel', 'certificatefile', 'hostkeyalias', 'ipqos', 'rekeylimit', 'escapechar', 'forwardx11', 'clearallforwardings',
]);
/** `ssh -o Key=Value`: only options that change how to connect, never ones that run a program. */
const sshOption = (value: string | undefined) => {
  const key = /^\s*([A-Za-z]+)/.exec(value ?? '')?.[1]?.toLowerCase();
  return key !== undefined && SSH_SAFE_OPTIONS.has(key) ? undefined : `sets \`${(value ?? '').split(/[=\s]/)[0]}\`, which is not known to be harmless (ProxyCommand, LocalCommand… run programs)`;
};
const SSH = optionTable(
  '-4 -6 -A -a -C -g -K -k -n -q -s -T -t -V -v -X -x -Y -y -B= -b= -c= -e= -i= -J= -l= -m= -P= -p= -Q=',
  {
    '-o=': sshOption,
    '-F=': configFrom('an ssh config'),
    '-E=': writesTo,
    '-I=': 'loads a PKCS#11 library',
    '-L=': 'opens a forwarded port',
    '-R=': 'opens a forwarded port',
    '-D=': 'opens a forwarded port',
    '-w=': 'opens a tunnel device',
    '-M': 'starts a control master, which writes a socket',
    '-S=': 'uses a control socket, which can be created',
    '-O=': 'sends a command to a control master',
    '-f': 'keeps running in the background',
    '-N': 'keeps a connection open without a command',
    '-G': 'only prints its configuration',
    '-W=': 'forwards its input to a remote port',
  },
  { optionsFirst: true },
);

/** `ssh [options] HOST CMD`: the options must be known, and the remote command decides. */
export const ssh: Rule = (args, ctx) => {
  const refused = tableVerdict(args, SSH, 'ssh');
  if (refused) return refused;
  const [host, ...remote] = parseWithTable(args, SSH).operands;
  if (host === undefined) return unknown('ssh');
  if (!remote.length) return because('`ssh` without a command opens an interactive session');
  return withLabel(ctx.script(remote.join(' ')), 'ssh');
};
