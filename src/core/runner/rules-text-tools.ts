/** Rules for text tools that read unless a flag or program makes them write files or run commands. */

import { hasOption, optionValues, scanArgs } from './argv';
import { because, isDeviceTarget, ok, type Rule } from './rule-verdicts';
import { SUBSTITUTION_WORD } from './shell-commands';

/** `sed`: reads unless `-i`, `-f`, or a `w`/`e` command in the script. */
export const sed: Rule = (args) => {
  const s = scanArgs(args, { short: 'efl', long: ['expression', 'file', 'line-length'] });
  if (s.options.some((o) => o.name === '-i' || o.name.startsWith('--in-place'))) return because('`sed -i` edits files in place');
  if (hasOption(s, '-f', '--file')) return because('`sed -f` runs a sed script from a file');
  const scripts = [...optionValues(s, '-e', '--expression'), ...(hasOption(s, '-e', '--expression') ? [] : s.positionals.slice(0, 1))];
  // The `w`/`W` commands and flag write files, `e` runs commands; best effort on the common spellings.
  if (scripts.some((script) => /(?:^|[;{}\s])[wW]\s*\S|\/[gpiImM0-9]*[wW]\s*\S|(?:^|[;{}\s])e(?:\s|$)|\/[gpiImM0-9]*e(?:[\s;}]|$)/.test(script))) {
    return because('`sed` with a `w` or `e` command writes files or runs commands');
  }
  return ok('sed');
};

/** `awk` / `gawk` / `mawk`: reads unless `-i inplace`, `-f`, or a program that writes or runs commands. */
export const awk: Rule = (args, ctx) => {
  const s = scanArgs(args, { short: 'Fvfi', long: ['field-separator', 'assign', 'file', 'include', 'load'] });
  if (optionValues(s, '-i', '--include').includes('inplace')) return because(`\`${ctx.name} -i inplace\` edits files in place`);
  if (hasOption(s, '-f', '--file')) return because(`\`${ctx.name} -f\` runs a program from a file`);
  const program = s.positionals[0] ?? '';
  if (/\bsystem\s*\(|\|\s*&|\|\s*getline|\b(?:print|printf)\b[^;}\n]*[>|]/.test(program)) {
    return because(`\`${ctx.name}\` program writes files or runs commands`);
  }
  return ok(ctx.name);
};

/** `yq`: reads unless `-i` or `-s`. */
export const yq: Rule = (args) => {
  const s = scanArgs(args, { short: 'opIs', long: ['output-format', 'input-format', 'indent', 'split-exp', 'expression'] });
  if (hasOption(s, '-i', '--inplace')) return because('`yq -i` edits files in place');
  if (hasOption(s, '-s', '--split-exp')) return because('`yq -s` writes files');
  return ok('yq');
};

/** `find`: reads unless `-delete`, `-fprint…`, `-ok`, or an `-exec` command that changes state. */
export const find: Rule = (args, ctx) => {
  const labels: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-delete') return because('`find -delete` deletes files');
    if (['-fprint', '-fprint0', '-fprintf', '-fls'].includes(arg)) return because(`\`find ${arg}\` writes a file`);
    if (arg === '-ok' || arg === '-okdir') return because(`\`find ${arg}\` runs a command`);
    if (arg === '-exec' || arg === '-execdir') {
      const end = args.findIndex((word, j) => j > i && (word === ';' || word === '+'));
      const inner = args.slice(i + 1, end < 0 ? args.length : end);
      if (!inner.length) return because(`\`find ${arg}\` runs a command that cannot be read`);
      const verdict = ctx.argv(inner);
      if (!verdict.readOnly) return verdict;
      labels.push(...verdict.labels);
      i = end < 0 ? args.length : end;
    }
  }
  return ok('find', labels);
};

/** `sort`: reads unless `-o FILE`. */
export const sort: Rule = (args) => {
  const s = scanArgs(args, { short: 'ktToS', long: ['key', 'field-separator', 'temporary-directory', 'output', 'buffer-size'] });
  const out = optionValues(s, '-o', '--output').find((v) => !isDeviceTarget(v));
  return out !== undefined ? because(`writes to ${out} with \`sort -o\``) : ok('sort');
};

/** `uniq`: reads unless given an output file. */
export const uniq: Rule = (args) => {
  const s = scanArgs(args, { short: 'fsw', long: ['skip-fields', 'skip-chars', 'check-chars'] });
  const out = s.positionals[1];
  return out !== undefined && !isDeviceTarget(out) ? because(`writes to ${out} with \`uniq\``) : ok('uniq');
};

/** `tee`: reads unless given a file that is not a device. */
export const tee: Rule = (args) => {
  const s = scanArgs(args, { long: ['output-error'] });
  const file = s.positionals.find((f) => !isDeviceTarget(f) && f !== SUBSTITUTION_WORD);
  return file !== undefined ? because(`writes to ${file} with \`tee\``) : ok('tee');
};

/** `rg`: reads unless `--pre` runs a command on each file. */
export const rg: Rule = (args) => (args.some((a) => a === '--pre' || a.startsWith('--pre=')) ? because('`rg --pre` runs a command on each file') : ok('rg'));
