/** Rules for system tools that read by default and have a write mode, and for service managers. */

import { hasOption, scanArgs } from './argv';
import { optionTable } from './option-table';
import { configFrom, GNU, table, tableVerdict, writesTo } from './table-rule';
import { subcommands } from './rule-subcommands';
import { because, changes, ok, unknown, type Rule } from './rule-verdicts';

/** `date`: reads unless given a date to set. */
export const date: Rule = (args) => {
  const s = scanArgs(args, { short: 'dfrsI', long: ['date', 'file', 'reference', 'set'] });
  if (hasOption(s, '-s', '--set') || s.positionals.some((p) => !p.startsWith('+'))) return because('`date` with a date to set changes the clock');
  return ok('date');
};

/** `hostname`: reads unless given a name to set. */
export const hostname: Rule = (args) => {
  const s = scanArgs(args, { short: 'F', long: ['file'] });
  return s.positionals.length || hasOption(s, '-F', '--file', '-b', '--boot') ? changes('hostname NAME') : ok('hostname');
};

/** `top`: reads in batch mode (`-b`); interactive otherwise. */
export const top: Rule = (args) => (args.some((a) => /^-[a-zA-Z]*b/.test(a) || a === '--batch') ? ok('top -b') : because('`top` without `-b` is interactive'));

/** `mtr`: reads in report mode (`-r`, `--json`…); interactive otherwise. */
export const mtr: Rule = (args) =>
  args.some((a) => /^-[a-zA-Z]*[rwjCx]/.test(a) || ['--report', '--report-wide', '--json', '--csv', '--xml', '--raw', '--split'].includes(a))
    ? ok('mtr --report')
    : because('`mtr` without `-r` is interactive');

/** `nc` / `ncat` / `netcat`: reads only with `-z` (scan without sending data). */
export const netcat: Rule = (args, ctx) =>
  args.some((a) => /^-[a-zA-Z]*z/.test(a) || a === '--zero') ? ok(`${ctx.name} -z`) : because(`\`${ctx.name}\` without \`-z\` can send data`);

/** `kill`: `-0`, `-l` and `-L` read; sending a signal changes. */
export const kill: Rule = (args) => (args[0] === '-0' || args[0] === '-l' || args[0] === '-L' ? ok(`kill ${args[0]}`) : changes('kill'));

/** `sar`: reads unless `-o FILE`. */
export const sar: Rule = (args) => (args.some((a) => a === '-o' || /^-o./.test(a)) ? because('`sar -o` writes a file') : ok('sar'));

/** `journalctl`: reads unless vacuuming, rotating, flushing, setting up keys or saving a cursor. */
export const journalctl: Rule = table(
  '-u|--unit= --user-unit= -t|--identifier= -T|--exclude-identifier= -p|--priority= --facility= -g|--grep= --case-sensitive=? ' +
    '-S|--since= -U|--until= -n|--lines=? -f|--follow -r|--reverse -o|--output= --output-fields= -x|--catalog -e|--pager-end -a|--all ' +
    '-q|--quiet --no-pager --no-hostname --no-full -l|--full -k|--dmesg -b|--boot=? --list-boots -D|--directory= --file= -m|--merge ' +
    '--system --user -M|--machine= --root= --image= --namespace= -c|--cursor= --after-cursor= --show-cursor -F|--field= -N|--fields ' +
    '--disk-usage --header --verify --list-catalog --dump-catalog --utc --no-tail --truncate-newline -I -h|--help --version --list-namespaces',
  {
    '--cursor-file=': 'writes the cursor to a file',
    '--vacuum-size=': 'deletes journal files', '--vacuum-time=': 'deletes journal files', '--vacuum-files=': 'deletes journal files',
    '--rotate': 'rotates the journal files', '--flush': 'moves the journal to disk', '--sync': 'writes the journal to disk',
    '--relinquish-var': 'moves the journal', '--smart-relinquish-var': 'moves the journal', '--setup-keys': 'writes sealing keys',
    '--update-catalog': 'rewrites the message catalog', '--new-id128': 'prints a new id',
  },
  GNU,
);

/** `dmesg`: reads unless clearing the buffer or changing the console level. */
export const dmesg: Rule = (args) =>
  args.some((a) => /^-[a-zA-Z]*[cCDEn]/.test(a) || ['--clear', '--read-clear', '--console-off', '--console-on'].includes(a) || a.startsWith('--console-level'))
    ? changes('dmesg --clear')
    : ok('dmesg');

/** `mount`: listing reads; mounting changes. */
export const mount: Rule = (args) => (args.length === 0 || args.every((a) => ['-l', '--show-labels'].includes(a)) ? ok('mount') : changes('mount'));

/** `sysctl`: reads unless setting or loading values. */
export const sysctl: Rule = table(
  '-a|-A|-X|--all -b|--binary -e|--ignore -N|--names -n|--values -q|--quiet -r|--pattern= -h|--help -V|--version -d --deprecated',
  { '-w|--write': 'sets kernel parameters', '-p|--load=?': 'loads kernel parameters from a file', '-f': 'loads kernel parameters from a file', '--system': 'loads kernel parameters from the system files' },
  GNU,
  (parsed) => {
    const set = parsed.operands.find((operand) => operand.includes('='));
    return set === undefined ? undefined : because(`\`sysctl ${set}\` sets a kernel parameter`);
  },
);

/** `ip OBJECT`: `show`, `list`, `get` read; other commands change. */
export const ip: Rule = (args) => {
  const s = scanArgs(args, { short: 'nfb', long: ['netns', 'family', 'batch'] });
  if (hasOption(s, '-b', '--batch')) return because('`ip -batch` runs commands from a file');
  const [object, command] = s.positionals;
  if (object === undefined) return ok('ip');
  if (command === undefined || ['show', 'list', 'ls', 'lst', 'sh', 'get', 'help'].includes(command)) return ok(`ip ${object}`);
  return changes(`ip ${object} ${command}`);
};

/** `iptables` / `ip6tables`: listing reads; any rule or chain edit changes. */
export const iptables: Rule = (args, ctx) => {
  const lists = args.some((a) => /^-[a-zA-Z]*[LS]/.test(a) || a === '--list' || a === '--list-rules');
  const writes = args.some((a) => /^-[a-zA-Z]*[AIDFXPNERZ]/.test(a) || /^--(?:append|insert|delete|flush|delete-chain|policy|new-chain|rename-chain|replace|zero)\b/.test(a));
  return lists && !writes ? ok(`${ctx.name} -L`) : changes(ctx.name);
};

const OPENSSL_READ = new Set(['x509', 's_client', 'verify', 'version', 'ciphers', 'crl', 'req', 'asn1parse', 'pkey', 'rsa', 'ec', 'dgst', 'list']);
const OPENSSL = optionTable(
  '-in= -inform= -outform= -noout -text -subject -issuer -dates -startdate -enddate -serial -fingerprint -sha1 -sha256 -sha512 -md5 -hash ' +
    '-subject_hash -issuer_hash -email -purpose -pubkey -modulus -ocspid -ocsp_uri -checkend= -checkhost= -checkemail= -checkip= -ext= ' +
    '-nameopt= -certopt= -dateopt= -nocert -alias -passin= -connect= -servername= -noservername -showcerts -CAfile= -CApath= -no-CAfile ' +
    '-no-CApath -verify= -verify_return_error -brief -tls1 -tls1_1 -tls1_2 -tls1_3 -no_ssl3 -no_tls1 -no_tls1_1 -no_tls1_2 -no_tls1_3 ' +
    '-starttls= -cert= -key= -pass= -alpn= -status -prexit -crlf -quiet -ign_eof -no_ign_eof -debug -msg -state -nbio -host= -port= ' +
    '-proxy= -4 -6 -verify_hostname= -verify_ip= -cipher= -ciphersuites= -curves= -groups= -sigalgs= -reconnect -sess_in= -ct -noct ' +
    '-nocommands -xmpphost= -name= -certform= -keyform= -trace -security_debug -tlsextdebug -timeout -untrusted= -show_chain -crl_check ' +
    '-crl_check_all -partial_chain -x509_strict -attime= -verbose -reqopt= -lastupdate -nextupdate -crlnumber -i -dump -dlimit= -offset= ' +
    '-length= -strparse= -oid= -text_pub -pubin -pubout -check -pubcheck -v -V -s -stdname -convert= -psk -srp -a -b -o -f -p -d -e -c -r ' +
    '-hex -binary -signature= -prverify= -sign= -hmac= -digest= -list -1 -help -commands -digest-commands -cipher-commands ' +
    '-cipher-algorithms -digest-algorithms -public-key-algorithms -public-key-methods -options= -sha384 -sha224',
  {
    '-out=': writesTo, '-keyout=': writesTo, '-sess_out=': writesTo, '-keylogfile=': writesTo, '-msgfile=': writesTo, '-writerand=': writesTo,
    '-engine=': 'loads an engine library', '-provider=': 'loads a provider library', '-provider-path=': 'loads provider libraries',
    '-config=': configFrom('an OpenSSL config (which can load libraries)'), '-new': 'creates a request and a key', '-newkey=': 'creates a key',
    '-x509': 'creates a certificate', '-CAcreateserial': 'writes a serial file', '-CAserial=': 'writes a serial file', '-signkey=': 'signs and rewrites the certificate',
  },
  { singleDashLong: true },
);

/** `openssl SUB`: inspection commands with known options read; `-out`, `-keyout`, `-sess_out`… write. */
export const openssl: Rule = (args) => {
  const [sub, ...rest] = args;
  if (!sub) return because('`openssl` without a command is interactive');
  if (!OPENSSL_READ.has(sub)) return unknown(`openssl ${sub}`);
  return tableVerdict(rest, OPENSSL, `openssl ${sub}`) ?? ok(`openssl ${sub}`);
};

/** `systemctl`: `status`, `show`, `list-*`… read; `start`, `restart`, `enable`… change. */
export const systemctl = subcommands({
  args: { short: 'HMptnos', long: ['host', 'machine', 'property', 'type', 'state', 'lines', 'output', 'root', 'signal', 'kill-whom', 'job-mode'] },
  read: Object.fromEntries(
    ['status', 'is-active', 'is-enabled', 'is-failed', 'is-system-running', 'show', 'list-units', 'list-unit-files', 'list-timers',
      'list-sockets', 'list-dependencies', 'list-jobs', 'list-machines', 'cat', 'help', 'get-default', 'show-environment'].map((c) => [c, true as const]),
  ),
  change: ['start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart', 'try-reload-or-restart', 'enable', 'disable', 'mask',
    'unmask', 'kill', 'reset-failed', 'daemon-reload', 'daemon-reexec', 'edit', 'set-property', 'isolate', 'set-default', 'reboot',
    'poweroff', 'halt', 'suspend', 'hibernate', 'revert', 'preset', 'link', 'set-environment', 'unset-environment', 'import-environment'],
  bare: () => ok('systemctl'),
});

/** `service NAME status` and `service --status-all` read. */
export const service: Rule = (args) => {
  if (args[0] === '--status-all') return ok('service --status-all');
  const [name, action] = args;
  if (name === undefined) return unknown('service');
  return action === 'status' ? ok('service status') : changes(`service ${name} ${action ?? ''}`.trim());
};

/** A rule for `*ctl` tools where the bare command and the `reads` subcommands only read. */
export const statusTool = (reads: string[]): Rule => (args, ctx) => {
  const sub = args.find((a) => !a.startsWith('-'));
  return sub === undefined || reads.includes(sub) ? ok(`${ctx.name} ${sub ?? ''}`.trim()) : changes(`${ctx.name} ${sub}`);
};

/** `gitlab-ctl`: `status`, `tail`, `show-config`… read; `restart`, `reconfigure`… change. */
export const gitlabCtl = subcommands({
  read: { status: true, tail: true, 'service-list': true, 'show-config': true, 'get-redis-master': true, help: true },
  change: ['restart', 'reconfigure', 'stop', 'start', 'kill', 'hup', 'int', 'term', 'usr1', 'usr2', 'once', 'upgrade', 'cleanse', 'uninstall', 'deploy-page', 'set-grafana-password', 'pg-upgrade', 'revert-pg-upgrade', 'registry-garbage-collect'],
});

/** `gitlab-rake`: reads only when every task is a `check` or `info` task. */
export const gitlabRake: Rule = (args) => {
  const tasks = args.filter((a) => !a.startsWith('-') && !a.includes('='));
  if (!tasks.length) return unknown('gitlab-rake');
  const other = tasks.find((t) => !/(?:^|:)(?:check|info)$/.test(t));
  return other ? unknown(`gitlab-rake ${other}`) : ok(`gitlab-rake ${tasks.join(' ')}`);
};
