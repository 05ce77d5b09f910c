/**
 * Option tables of the plain read-only tools (GNU coreutils, procps, util-linux, iproute2…): every
 * option they may be given and stay read-only. The few tools listed in `ANY_ARGS` have no option
 * that writes a file or runs a program at all (checked against their manuals), so any argument is fine.
 */

import { because, type Rule } from './rule-verdicts';
import { anyArgs, configFrom, GNU, table, writesTo } from './table-rule';

const HV = '--help --version';
const GREP =
  `-E|--extended-regexp -F|--fixed-strings -G|--basic-regexp -P|--perl-regexp -e|--regexp= -f|--file= -i|-y|--ignore-case --no-ignore-case ` +
  `-v|--invert-match -w|--word-regexp -x|--line-regexp -c|--count --color=? --colour=? -L|--files-without-match -l|--files-with-matches ` +
  `-m|--max-count= -o|--only-matching -q|--quiet|--silent -s|--no-messages -b|--byte-offset -H|--with-filename -h|--no-filename --label= ` +
  `-n|--line-number -T|--initial-tab -Z|--null -A|--after-context= -B|--before-context= -C|--context= -a|--text --binary-files= ` +
  `-D|--devices= -d|--directories= --exclude= --exclude-from= --exclude-dir= -I --include= -r|--recursive -R|--dereference-recursive ` +
  `--line-buffered -U|--binary -z|--null-data -V|--version --help`;
const LESS =
  '-R|--RAW-CONTROL-CHARS -r|--raw-control-chars -S|--chop-long-lines -N|--LINE-NUMBERS -n|--line-numbers -F|--quit-if-one-screen ' +
  '-X|--no-init -i|--ignore-case -I|--IGNORE-CASE -M|--LONG-PROMPT -m|--long-prompt -s|--squeeze-blank-lines -x|--tabs= -j|--jump-target= ' +
  '-z|--window= -K|--quit-on-intr -E|--QUIT-AT-EOF -e|--quit-at-eof -f|--force -G|--HILITE-SEARCH -g|--hilite-search -J|--status-column ' +
  '-q|--quiet|--silent -Q|--QUIET|--SILENT -w|--hilite-unread -W|--HILITE-UNREAD -U|--UNDERLINE-SPECIAL -u|--underline-special ' +
  '-c|--clear-screen -C|--CLEAR-SCREEN -a|--search-skip-screen -B|--auto-buffers -V|--version --help';
const LESS_DENIED = {
  '-o|--log-file=': 'writes a log file',
  '-O|--LOG-FILE=': 'writes a log file',
  '-k|--lesskey-file=': 'reads key bindings, which can run commands',
};
/** `less +cmd` runs less commands at start, `!cmd` among them. */
const noLessCommands = (parsed: { operands: string[] }, label: string) => {
  const command = parsed.operands.find((operand) => operand.startsWith('+'));
  return command === undefined ? undefined : because(`\`${label} ${command}\` runs less commands at start, which can run a shell`);
};
const SUMS = '-b|--binary -c|--check --tag -t|--text -z|--zero --ignore-missing --quiet --status --strict -w|--warn ' + HV;
const ZCAT = '-f|--force -l|--list -q|--quiet -r|--recursive -S|--suffix= -t|--test -v|--verbose -h|--help -V|--version -L|--license -c|--stdout|--to-stdout -d|--decompress|--uncompress -k|--keep -n|--no-name -N|--name';

/** Read-only tools with their option tables. */
export const READ_ONLY_TABLES: Record<string, Rule> = {
  cat: table(`-A|--show-all -b|--number-nonblank -e -E|--show-ends -n|--number -s|--squeeze-blank -t -T|--show-tabs -u -v|--show-nonprinting ${HV}`, {}, GNU),
  head: table(`-c|--bytes= -n|--lines= -q|--quiet|--silent -v|--verbose -z|--zero-terminated ${HV}`, {}, { ...GNU, numericShort: true }),
  tail: table(
    `-c|--bytes= -f --follow=? -F -n|--lines= --max-unchanged-stats= --pid= -q|--quiet|--silent --retry -s|--sleep-interval= -v|--verbose -z|--zero-terminated ${HV}`,
    {}, { ...GNU, numericShort: true },
  ),
  grep: table(GREP, {}, { ...GNU, numericShort: true }),
  egrep: table(GREP, {}, { ...GNU, numericShort: true }),
  fgrep: table(GREP, {}, { ...GNU, numericShort: true }),
  zgrep: table(GREP, {}, { ...GNU, numericShort: true }),
  less: table(LESS, LESS_DENIED, GNU, (parsed, ctx) => noLessCommands(parsed, ctx.name)),
  zless: table(LESS, LESS_DENIED, GNU, (parsed, ctx) => noLessCommands(parsed, ctx.name)),
  more: table('-d -f -l -c -p -s -u -e -n= --help -V', {}, {}),
  zcat: table(ZCAT, {}, GNU),
  bzcat: table('-s|--small -q|--quiet -v|--verbose -f|--force -k|--keep -c|--stdout -d|--decompress -L|--license -V|--version -h|--help', {}, GNU),
  xzcat: table('-f|--force -q|--quiet -v|--verbose -T|--threads= -Q|--no-warn -M|--memlimit= -F|--format= -h|--help -V|--version -k|--keep -c|--stdout -d|--decompress', {}, GNU),
  jq: table(
    '-r|--raw-output -j|--join-output -a|--ascii-output -c|--compact-output -n|--null-input -s|--slurp -e|--exit-status -S|--sort-keys ' +
      '-C|--color-output -M|--monochrome-output --tab --indent= --arg=2 --argjson=2 --slurpfile=2 --rawfile=2 --args --jsonargs ' +
      '-f|--from-file= -L= --seq --stream --stream-errors -R|--raw-input --raw-output0 --unbuffered -h|--help -V|--version --build-configuration',
  ),
  ls: table(
    '-a|--all -A|--almost-all --author -b|--escape --block-size= -B|--ignore-backups -c -C --color=? -d|--directory -D|--dired -f ' +
      '-F|--classify=? --file-type --format= --full-time -g --group-directories-first -G|--no-group -h|--human-readable --si ' +
      '-H|--dereference-command-line --dereference-command-line-symlink-to-dir --hide= --hyperlink=? --indicator-style= -i|--inode ' +
      '-I|--ignore= -k|--kibibytes -l -L|--dereference -m -n|--numeric-uid-gid -N|--literal -o -p -q|--hide-control-chars ' +
      '--show-control-chars -Q|--quote-name --quoting-style= -r|--reverse -R|--recursive -s|--size -S --sort= --time= --time-style= ' +
      `-t -T|--tabsize= -u -U -v -w|--width= -x -X -Z|--context --zero -1 ${HV}`,
    {}, GNU,
  ),
  wc: table(`-c|--bytes -m|--chars -l|--lines -L|--max-line-length -w|--words --files0-from= --total= ${HV}`, {}, GNU),
  cut: table(`-b|--bytes= -c|--characters= -d|--delimiter= -f|--fields= -n --complement -s|--only-delimited --output-delimiter= -z|--zero-terminated ${HV}`, {}, GNU),
  tr: table(`-c|-C|--complement -d|--delete -s|--squeeze-repeats -t|--truncate-set1 ${HV}`, {}, GNU),
  column: table(
    '-t|--table -s|--separator= -o|--output-separator= -c|--output-width= -x|--fillrows -n|--table-name= -N|--table-columns= ' +
      '-R|--table-right= -T|--table-truncate= -E|--table-noextreme= -d|--table-noheadings -e|--table-header-repeat -H|--table-hide= ' +
      '-O|--table-order= -W|--table-wrap= -J|--json -r|--tree= -i|--tree-id= -p|--tree-parent= -L|--keep-empty-lines -l|--table-columns-limit= -h|--help -V|--version',
    {}, GNU,
  ),
  df: table(`-a|--all -B|--block-size= -h|--human-readable -H|--si -i|--inodes -k -l|--local --no-sync --output=? -P|--portability --sync --total -t|--type= -T|--print-type -x|--exclude-type= -v ${HV}`, {}, GNU),
  du: table(
    `-0|--null -a|--all --apparent-size -B|--block-size= -b|--bytes -c|--total -D|--dereference-args -d|--max-depth= --files0-from= -H ` +
      `-h|--human-readable --inodes -k -L|--dereference -l|--count-links -m -P|--no-dereference -S|--separate-dirs --si -s|--summarize ` +
      `-t|--threshold= --time=? --time-style= -X|--exclude-from= --exclude= -x|--one-file-system ${HV}`,
    {}, GNU,
  ),
  free: table('-b|--bytes -k|--kibi -m|--mebi -g|--gibi --tebi --pebi --kilo --mega --giga --tera --peta -h|--human --si -l|--lohi -L|--line -t|--total -v|--committed -s|--seconds= -c|--count= -w|--wide --help -V|--version', {}, GNU),
  uptime: table('-p|--pretty -s|--since -h|--help -V|--version', {}, GNU),
  pgrep: table(
    '-d|--delimiter= -l|--list-name -a|--list-full -v|--inverse -w|--lightweight -c|--count -f|--full -g|--pgroup= -G|--group= -i|--ignore-case ' +
      '-n|--newest -o|--oldest -O|--older= -P|--parent= -s|--session= -t|--terminal= -u|--euid= -U|--uid= -x|--exact -F|--pidfile= ' +
      '-L|--logpidfile -r|--runstates= -A|--ignore-ancestors --cgroup= --ns= --nslist= -q|--quiet -h|--help -V|--version',
    {}, GNU,
  ),
  pidof: table('-s -c -n -x -m -q -z -o= -S= -d=', {}, {}),
  vmstat: table('-a|--active -f|--forks -m|--slabs -n|--one-header -d|--disk -D|--disk-sum -p|--partition= -S|--unit= -t|--timestamp -w|--wide -s|--stats -y|--no-first -h|--help -V|--version', {}, GNU),
  iostat: table('-c -d -h -k -m -N -s -t -x -y -z -p=? -j= -g= -H -o= --human --pretty --compact --dec= -V', {}, {}),
  mpstat: table('-A -I= -P= -u -T -n -N= -o= --dec= -V', {}, {}),
  id: table(`-a -Z|--context -g|--group -G|--groups -n|--name -r|--real -u|--user -z|--zero ${HV}`, {}, GNU),
  whoami: table(HV, {}, GNU),
  host: table('-a -A -c= -C -d -l -m= -N= -r -R= -s -t= -T -U -v -V -w -W= -4 -6', {}, {}),
  ping: table('-c= -i= -W= -w= -s= -t= -q -n -v -4 -6 -I= -D -O -a -A -b -B -l= -L -m= -M= -p= -Q= -R -r -S= -T= -U -V', {}, {}),
  ping6: table('-c= -i= -W= -w= -s= -t= -q -n -v -I= -D -O -a -A -l= -L -m= -M= -p= -Q= -S= -T= -U -V', {}, {}),
  traceroute: table('-4 -6 -I|--icmp -T|--tcp -U|--udp -n -m|--max-hops= -p|--port= -q|--queries= -w|--wait= -f|--first= -i|--interface= -s|--source= -z|--sendwait= -N|--sim-queries= -e|--extensions -A|--as-path-lookups -F|--dont-fragment -l -b -P|--protocol= -M|--module= -O|--options= --mtu --back --help -V|--version', {}, GNU),
  tracepath: table('-n -b -l= -m= -p= -4 -6 -V', {}, {}),
  ss: table(
    '-h|--help -V|--version -H|--no-header -O|--oneline -n|--numeric -r|--resolve -a|--all -l|--listening -o|--options -e|--extended ' +
      '-m|--memory -p|--processes -T|--threads -i|--info --tos --cgroup --tipcinfo -s|--summary -E|--events -Z|--context -z|--contexts ' +
      '-N|--net= -b|--bpf -4|--ipv4 -6|--ipv6 -0|--packet -t|--tcp -M|--mptcp -S|--sctp -u|--udp -d|--dccp -w|--raw -x|--unix --tipc ' +
      '--vsock -f|--family= -A|--query|--socket= -F|--filter= --inet-sockopt',
    { '-K|--kill': 'closes the sockets it lists', '-D|--diag=': writesTo },
    GNU,
  ),
  netstat: table(
    '-a|--all -t|--tcp -u|--udp -w|--raw -x|--unix -n|--numeric --numeric-hosts --numeric-ports --numeric-users -p|--program ' +
      '-l|--listening -r|--route -i|--interfaces -s|--statistics -e|--extend -c|--continuous -W|--wide -g|--groups -o|--timers ' +
      '-v|--verbose -C -F -M|--masquerade -N|--symbolic -A|--protocol= -4 -6 -h|--help -V|--version',
    {}, GNU,
  ),
  stat: table(`-L|--dereference -f|--file-system -c|--format= --printf= -t|--terse --cached= ${HV}`, {}, GNU),
  file: table(
    '-b|--brief -E -F|--separator= -h|--no-dereference -i|--mime --mime-type --mime-encoding -k|--keep-going -l|--list -L|--dereference ' +
      '-N|--no-pad -n|--no-buffer -P|--parameter= -r|--raw -s|--special-files -S|--no-sandbox -z|--uncompress -Z|--uncompress-noreport ' +
      '-0|--print0 -e|--exclude= --exclude-quiet= -f|--files-from= -m|--magic-file= -v|--version --help --apple --extension',
    { '-C|--compile': 'compiles a magic file, which writes a `.mgc` file', '-p|--preserve-date': 'resets the files\' access times' },
    GNU,
  ),
  which: table('-a|--all -s --skip-alias --read-alias --skip-dot --skip-tilde --show-dot --show-tilde --tty-only --skip-functions -i -v -V|--version --help', {}, GNU),
  base64: table(`-d|--decode -i|--ignore-garbage -w|--wrap= ${HV}`, {}, GNU),
  md5sum: table(SUMS, {}, GNU), sha1sum: table(SUMS, {}, GNU), sha256sum: table(SUMS, {}, GNU), sha512sum: table(SUMS, {}, GNU),
  shasum: table('-a|--algorithm= -b|--binary -c|--check -t|--text -U|--UNIVERSAL -0|--01 -s --tag --ignore-missing --quiet --status --strict -w|--warn -h|--help -v|--version', {}, GNU),
  cksum: table(`-a|--algorithm= --base64 -c|--check -l|--length= --raw --tag --untagged -z|--zero --debug ${HV}`, {}, GNU),
  od: table(`-A|--address-radix= --endian= -j|--skip-bytes= -N|--read-bytes= -S|--strings=? -t|--format= -v|--output-duplicates -w|--width=? --traditional -a -b -c -d -f -i -l -o -s -x ${HV}`, {}, GNU),
  hexdump: table('-b -c -C -d -o -x -e= -f= -n= -s= -v -L=? -h|--help -V|--version', {}, GNU),
  strings: table('-a|--all -d|--data -f|--print-file-name -n|--bytes= -t|--radix= -e|--encoding= -o -w|--include-all-whitespace -s|--output-separator= -U|--unicode= -T|--target= -h|--help -v|-V|--version', {}, { ...GNU, numericShort: true }),
  tree: table(
    '-a -d -l -f -x -L= -R -P= -I= --gitignore --ignore-case --matchdirs --metafirst --prune --info --noreport --charset= --filelimit= ' +
      '--timefmt= -q -N -Q -p -u -g -s -h --si --du -D -F --inodes --device -v -t -c -U -r --dirsfirst --filesfirst --sort= -i -A -S -n ' +
      '-C -J -X --help --version',
    { '-o=': writesTo, '-H=': 'writes HTML' },
  ),
  pg_isready: table('-d|--dbname= -h|--host= -p|--port= -q|--quiet -t|--timeout= -U|--username= -V|--version -?|--help', {}, GNU),
  'iptables-save': table('-c|--counters -t|--table=', { '-M|--modprobe=': 'runs the program it names', '-f|--file=': writesTo }, GNU),
  'ip6tables-save': table('-c|--counters -t|--table=', { '-M|--modprobe=': 'runs the program it names', '-f|--file=': writesTo }, GNU),
  stern: table(
    '-n|--namespace= -A|--all-namespaces -c|--container= -l|--selector= -s|--since= -t|--timestamps=? --tail= -o|--output= ' +
      '-e|--exclude= -i|--include= -E|--exclude-container= --context= -x|--exclude-pod= --field-selector= --color= --template= ' +
      '--no-follow --max-log-requests= --container-state= --init-containers=? --ephemeral-containers=? --only-log-lines ' +
      '--diff-container --highlight= --condition= --node= --verbosity= -v|--version -h|--help',
    { '--kubeconfig=': configFrom('a kubeconfig') },
    { shortEquals: true },
  ),
  echo: anyArgs,
  /** ps, lsof, dig and the rest have options that only choose what to show. */
  ...Object.fromEntries(
    ['ps', 'lsof', 'dig', 'nslookup', 'whois', 'uname', 'nproc', 'lscpu', 'lsblk', 'lsmem', 'lspci', 'lsusb', 'lsmod', 'getent', 'w', 'who',
      'last', 'users', 'groups', 'tty', 'locale', 'printenv', 'arch', 'nl', 'rev', 'tac', 'fold', 'paste', 'join', 'comm', 'diff', 'cmp',
      'expand', 'unexpand', 'realpath', 'readlink', 'basename', 'dirname', 'numfmt', 'expr', 'seq', 'clear', 'tput', 'true', 'false',
      ':', 'sleep', 'pwd', 'dirs', 'wait', 'exit', 'return', 'break', 'continue', 'shift', 'type', 'umask', 'ulimit', 'times', 'jobs',
      'cd', 'pushd', 'popd'].map((name) => [name, anyArgs]),
  ),
};
