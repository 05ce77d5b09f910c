/** Rules for text tools that read unless an option, operand or program makes them write files or run commands. */

import { awkProgramDanger } from './awk-program';
import { optionTable, parseWithTable, type ParsedArgs } from './option-table';
import { because, isDeviceTarget, ok, type Rule } from './rule-verdicts';
import { sedScriptDanger } from './sed-script';
import { SUBSTITUTION_WORD } from '../shell/shell-words';
import { GNU, table, tableRule, tableVerdict, writesTo } from './table-rule';

const HV = '--help --version';

const SED = optionTable(
  `-n|--quiet|--silent --debug -e|--expression= --follow-symlinks -l|--line-length= --posix -E|-r|--regexp-extended -s|--separate ` +
    `-u|--unbuffered -z|--null-data --sandbox ${HV}`,
  { '-i|--in-place=?': 'edits files in place', '-f|--file=': 'runs a sed script from a file, which cannot be read' },
  GNU,
);

/** `sed`: reads unless `-i`, `-f`, or a `w`/`e` command (or `s///w`, `s///e`) in the script. */
export const sed: Rule = (args, ctx) => {
  const refused = tableVerdict(args, SED, ctx.name);
  if (refused) return refused;
  const parsed = parseWithTable(args, SED);
  const expressions = parsed.options.filter((o) => o.entry.canonical === '--expression').map((o) => o.value ?? '');
  const scripts = expressions.length ? expressions : parsed.operands.slice(0, 1);
  for (const script of scripts) {
    const danger = sedScriptDanger(script);
    if (danger) return because(`\`sed\` script ${danger}`);
  }
  return ok('sed');
};

const AWK = optionTable(
  '-F|--field-separator= -v|--assign= -b|--characters-as-bytes -c|--traditional -C|--copyright -e|--source= -g|--gen-pot -h|--help ' +
    '-L|--lint=? -M|--bignum -N|--use-lc-numeric -n|--non-decimal-data -O|--optimize -P|--posix -r|--re-interval -s|--no-optimize ' +
    '-S|--sandbox -t|--lint-old -V|--version',
  {
    '-f|--file=': 'runs a program from a file, which cannot be read',
    '-E|--exec=': 'runs a program from a file, which cannot be read',
    '-i|--include=': (value) => (value === 'inplace' ? 'edits files in place' : 'includes a program from a file, which cannot be read'),
    '-l|--load=': 'loads a compiled extension, which can do anything',
    '-o|--pretty-print=?': 'writes the program to a file',
    '-p|--profile=?': 'writes a profile file',
    '-d|--dump-variables=?': 'writes a variables file',
    '-D|--debug=?': 'starts the interactive debugger',
  },
  { ...GNU, optionsFirst: true },
);

/** `awk` / `gawk` / `mawk`: reads unless an option or the program writes files or runs commands. */
export const awk: Rule = (args, ctx) => {
  const refused = tableVerdict(args, AWK, ctx.name);
  if (refused) return refused;
  const parsed = parseWithTable(args, AWK);
  const sources = parsed.options.filter((o) => o.entry.canonical === '--source').map((o) => o.value ?? '');
  const programs = sources.length ? sources : parsed.operands.slice(0, 1);
  for (const program of programs) {
    const danger = awkProgramDanger(program);
    if (danger) return because(`\`${ctx.name}\` program ${danger}`);
  }
  return ok(ctx.name);
};

/** `yq` (mikefarah): reads unless `-i` or `-s`, or an expression that loads or writes files. */
export const yq: Rule = table(
  '-o|--output-format= -p|--input-format= -I|--indent= -r|--unwrapScalar=? -C|--colors -M|--no-colors -e|--exit-status -n|--null-input ' +
    '-N|--no-doc -P|--prettyPrint --expression= -0|--nul-output --header-preprocess=? -j|--tojson -c|--compact -h|--help -V|--version -v|--verbose',
  { '-i|--inplace': 'edits files in place', '-s|--split-exp=': 'writes one file per document' },
  { shortEquals: true },
);

const FIND_VALUE = new Set([
  '-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-lname', '-ilname', '-type', '-xtype', '-size',
  '-mtime', '-mmin', '-atime', '-amin', '-ctime', '-cmin', '-newer', '-anewer', '-cnewer', '-user', '-group', '-uid', '-gid', '-perm',
  '-links', '-inum', '-samefile', '-fstype', '-maxdepth', '-mindepth', '-regextype', '-used', '-context', '-printf', '-D', '-files0-from',
]);
const FIND_FLAG = new Set([
  '-H', '-L', '-P', '-nouser', '-nogroup', '-empty', '-readable', '-writable', '-executable', '-depth', '-mount', '-xdev', '-follow',
  '-noleaf', '-ignore_readdir_race', '-noignore_readdir_race', '-daystart', '-warn', '-nowarn', '-print', '-print0', '-ls', '-prune',
  '-quit', '-true', '-false', '-not', '-a', '-and', '-o', '-or', '!', '(', ')', ',', '-O0', '-O1', '-O2', '-O3', '-help', '--help', '-version', '--version',
]);
const FIND_DENIED: Record<string, string> = {
  '-delete': 'deletes files', '-fprint': 'writes a file', '-fprint0': 'writes a file', '-fprintf': 'writes a file', '-fls': 'writes a file',
  '-ok': 'runs a command after asking', '-okdir': 'runs a command after asking',
};

/** `find`: reads when every primary is a known test or printing action; `-exec` is judged by its command. */
export const find: Rule = (args, ctx) => {
  const labels: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') && !['!', '(', ')', ','].includes(arg)) continue;
    if (FIND_DENIED[arg]) return because(`\`find ${arg}\` ${FIND_DENIED[arg]}`);
    if (arg === '-exec' || arg === '-execdir') {
      const end = args.findIndex((word, j) => j > i && (word === ';' || word === '+'));
      const inner = args.slice(i + 1, end < 0 ? args.length : end);
      if (!inner.length || end < 0) return because(`\`find ${arg}\` runs a command that cannot be read`);
      const verdict = ctx.argv(inner);
      if (!verdict.readOnly) return verdict;
      labels.push(...verdict.labels);
      i = end;
      continue;
    }
    if (FIND_VALUE.has(arg) || /^-newer[aBcmt][aBcmtt]$/.test(arg)) i++;
    else if (!FIND_FLAG.has(arg)) return because(`\`find ${arg}\` is not an option known to be read-only`);
  }
  return ok('find', labels);
};

/** `sort`: reads unless `-o FILE` or `--compress-program`. */
export const sort: Rule = table(
  '-b|--ignore-leading-blanks -d|--dictionary-order -f|--ignore-case -g|--general-numeric-sort -i|--ignore-nonprinting -M|--month-sort ' +
    '-h|--human-numeric-sort -n|--numeric-sort -R|--random-sort --random-source= -r|--reverse --sort= -V|--version-sort --batch-size= ' +
    `-c --check=? -C -k|--key= -m|--merge -s|--stable -S|--buffer-size= -t|--field-separator= -T|--temporary-directory= --parallel= ` +
    `-u|--unique -z|--zero-terminated --debug --files0-from= ${HV}`,
  { '-o|--output=': writesTo, '--compress-program=': 'runs a program' },
  GNU,
);

/** `uniq [IN [OUT]]`: a second operand is an output file. */
export const uniq: Rule = table(
  `-c|--count -d|--repeated -D --all-repeated=? -f|--skip-fields= --group=? -i|--ignore-case -s|--skip-chars= -u|--unique -z|--zero-terminated -w|--check-chars= ${HV}`,
  {},
  { ...GNU, numericShort: true },
  (parsed) => {
    const out = parsed.operands[1];
    return out !== undefined && !isDeviceTarget(out) ? because(`writes to ${out} with \`uniq\` (its second operand is an output file)`) : undefined;
  },
);

/** `tee [FILE…]`: reads unless given a file that is not a device. */
export const tee: Rule = table(`-a|--append -i|--ignore-interrupts -p --output-error=? ${HV}`, {}, GNU, (parsed: ParsedArgs) => {
  const file = parsed.operands.find((f) => !isDeviceTarget(f) && f !== SUBSTITUTION_WORD);
  return file !== undefined ? because(`writes to ${file} with \`tee\``) : undefined;
});

/** `rg`: reads unless `--pre` runs a command on each file (or a config file adds options). */
export const rg: Rule = tableRule(
  optionTable(
    '-e|--regexp= -f|--file= -A|--after-context= -B|--before-context= -C|--context= -c|--count --count-matches --color= --colors= ' +
      '--column -E|--encoding= -F|--fixed-strings -g|--glob= --iglob= -H|--with-filename -I|--no-filename -h|--help --hidden ' +
      '-i|--ignore-case -S|--smart-case -s|--case-sensitive -l|--files-with-matches --files-without-match --files -L|--follow ' +
      '-M|--max-columns= -m|--max-count= -d|--max-depth= --max-filesize= -n|--line-number -N|--no-line-number -o|--only-matching ' +
      '-p|--pretty -q|--quiet -r|--replace= -t|--type= -T|--type-not= -u|--unrestricted -v|--invert-match -V|--version ' +
      '-w|--word-regexp -x|--line-regexp -z|--search-zip --json --no-ignore --no-heading --heading --trim --sort= --sortr= ' +
      '-0|--null -a|--text -U|--multiline --multiline-dotall -P|--pcre2 --stats --vimgrep --no-config -j|--threads=',
    { '--pre=': 'runs a command on each file', '--pre-glob=': 'runs a command on each file' },
  ),
);

