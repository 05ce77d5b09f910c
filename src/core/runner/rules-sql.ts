/** Rules for SQL shells: `psql` (and `gitlab-psql`) and `mysql` read when every option is known and every statement only reads. */

import { given, optionTable, parseWithTable, type OptionTable } from './option-table';
import { because, ok, type Rule } from './rule-verdicts';
import { sqlChange } from './sql-text';
import { configFrom, GNU, tableVerdict, writesTo } from './table-rule';

export { sqlChange } from './sql-text';

function sqlRule(label: string, table: OptionTable, sqlOption: string, listing?: string): Rule {
  return (args, ctx) => {
    const refused = tableVerdict(args, table, ctx.name);
    if (refused) return refused;
    const parsed = parseWithTable(args, table);
    const sql = parsed.options.filter((o) => o.entry.canonical === sqlOption).map((o) => o.value ?? '');
    const short = sqlOption === '--command' ? '-c' : '-e';
    if (!sql.length) {
      if (listing && given(parsed, listing)) return ok(label);
      return because(`\`${label}\` without \`${short}\` runs SQL that cannot be read`);
    }
    for (const text of sql) {
      const change = sqlChange(text);
      if (change) return because(`\`${label} ${short}\` ${change}`);
    }
    return ok(`${label} ${short} ${sql[0]!.trim().split(/\s+/)[0]!.toLowerCase()}`);
  };
}

const PSQL = optionTable(
  '-c|--command= -d|--dbname= -h|--host= -p|--port= -U|--username= -w|--no-password -W|--password -l|--list -v|--set|--variable= ' +
    '-X|--no-psqlrc -A|--no-align -t|--tuples-only -x|--expanded -q|--quiet -P|--pset= -F|--field-separator= -R|--record-separator= ' +
    '-z|--field-separator-zero -0|--record-separator-zero -H|--html -T|--table-attr= -a|--echo-all -b|--echo-errors -e|--echo-queries ' +
    '-E|--echo-hidden -n|--no-readline -s|--single-step -S|--single-line -1|--single-transaction -V|--version -?|--help=? --csv',
  { '-f|--file=': 'runs SQL from a file, which cannot be read', '-o|--output=': writesTo, '-L|--log-file=': writesTo },
  GNU,
);
/** `psql`: reads when every `-c` statement only reads, or with `-l`. */
export const psql = sqlRule('psql', PSQL, '--command', '--list');
/** `gitlab-psql`: as `psql`. */
export const gitlabPsql = sqlRule('gitlab-psql', PSQL, '--command', '--list');

const MYSQL = optionTable(
  '-e|--execute= -D|--database= -h|--host= -P|--port= -u|--user= -p|--password=? -S|--socket= --protocol= -B|--batch -N|--skip-column-names ' +
    '--column-names -s|--silent -r|--raw -t|--table -v|--verbose -E|--vertical -H|--html -X|--xml --ssl-ca= --ssl-cert= --ssl-key= ' +
    '--ssl-mode= --ssl --skip-ssl --login-path= --connect-timeout= --max-allowed-packet= -A|--no-auto-rehash --auto-rehash ' +
    '--default-character-set= -V|--version -?|--help -U|--safe-updates|--i-am-a-dummy -C|--compress -q|--quick -f|--force -n|--unbuffered ' +
    '--show-warnings --line-numbers -L|--skip-line-numbers -c|--comments --binary-mode --skip-pager --no-defaults --print-defaults',
  {
    '--init-command=': 'runs SQL that is not shown on the command line',
    '--pager=?': (value) => (value === undefined ? undefined : 'runs the program it names as a pager'),
    '-T|--tee=': writesTo,
    '--defaults-file=': configFrom('options (such as `init-command`)'),
    '--defaults-extra-file=': configFrom('options (such as `init-command`)'),
    '--plugin-dir=': 'loads plugins from that directory',
    '--default-auth=': 'loads an authentication plugin',
    '--local-infile=?': 'lets the server read local files',
    '--load-data-local-dir=': 'lets the server read local files',
  },
  GNU,
);
/** `mysql` / `mariadb`: reads when every `-e` statement only reads. */
export const mysql = sqlRule('mysql', MYSQL, '--execute');
