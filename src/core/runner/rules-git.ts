/** Rules for git: history, status and listing read; anything that moves refs or touches the work tree changes. */

import { hasOption, scanArgs, type ScannedArgs } from './argv';
import { optionTable, parseWithTable } from './option-table';
import { subcommands, type SubRule } from './rule-subcommands';
import { because, changes, ok, type Rule, type Verdict } from './rule-verdicts';
import { configFrom, tableVerdict } from './table-rule';

/** `git`: global options, then read-only subcommands, listing-only `branch`/`tag`, and reading `config`. */
export const git: Rule = (args, ctx) => {
  const refused = tableVerdict(args, GIT_GLOBAL, 'git');
  if (refused) return refused;
  const [sub, ...rest] = parseWithTable(args, GIT_GLOBAL).operands;
  if (sub === undefined) return gitSubcommand(args, ctx);
  const danger = subcommandDanger(sub, rest);
  return danger ? because(danger) : gitSubcommand([sub, ...rest], ctx);
};

const SAFE_CONFIG = /^(?:color\.[\w.-]+|core\.(?:quotepath|abbrev|commentchar)|log\.[\w.-]+|safe\.directory|column\.[\w.-]+|i18n\.[\w.-]+|user\.(?:name|email)|advice\.[\w.-]+|init\.defaultbranch|grep\.[\w.-]+|blame\.[\w.-]+|status\.[\w.-]+|diff\.(?:renames|renamelimit|noprefix|mnemonicprefix|relative|algorithm|context|interhunkcontext|colormoved))$/;
/** `git -c key=value`: keys that only change how output looks; `core.pager=cat` and `pager.<cmd>=false` too. */
const gitConfig = (value: string | undefined) => {
  const [key = '', setting] = (value ?? '').split(/=(.*)/s);
  const lower = key.toLowerCase();
  if (SAFE_CONFIG.test(lower) || (lower === 'core.pager' && setting === 'cat') || (/^pager\.[\w-]+$/.test(lower) && setting === 'false')) return undefined;
  return `sets \`${key}\`, which is not known to be harmless (pagers, ssh commands, external diffs and hooks run programs)`;
};
const GIT_GLOBAL = optionTable(
  '-C= --no-pager -P -p|--paginate --bare --no-replace-objects --literal-pathspecs --glob-pathspecs --noglob-pathspecs --icase-pathspecs ' +
    '--no-optional-locks --namespace= --version -v --help -h --html-path --man-path --info-path --no-lazy-fetch --no-advice',
  {
    '-c=': gitConfig,
    '--config-env=': 'sets config from an environment variable, which can name a program',
    '--exec-path=?': (value) => (value === undefined ? undefined : 'runs git commands from another directory'),
    '--git-dir=': configFrom('a repository and its config'),
    '--work-tree=': configFrom('a work tree'),
  },
  { optionsFirst: true },
);

/** Options of read subcommands that write files or run programs; git takes unique prefixes, so prefixes count too. */
const DANGEROUS_LONG: Record<string, string> = {
  '--output': 'writes to a file',
  '--ext-diff': 'runs an external diff program',
  '--upload-pack': 'runs the program it names',
  '--receive-pack': 'runs the program it names',
  '--exec': 'runs the program it names',
  '--open-files-in-pager': 'runs a pager program on the files',
};

function subcommandDanger(sub: string, args: string[]): string | undefined {
  for (const arg of args) {
    if (arg === '--') break;
    if (/^(?:ext|fd)::/.test(arg)) return `\`git ${sub} ${arg.split(' ')[0]}\` uses the \`${arg.slice(0, arg.indexOf('::'))}::\` transport, which runs a command`;
    if (arg.startsWith('--')) {
      const name = arg.split('=')[0]!;
      for (const [option, reason] of Object.entries(DANGEROUS_LONG)) {
        if (name === option || (name.length >= 4 && option.startsWith(name))) return `\`git ${sub} ${name}\`${name === option ? '' : ` (\`${option}\`)`} ${reason}`;
      }
    } else if (/^-[A-Za-z]*O/.test(arg) && sub === 'grep') {
      return '`git grep -O` runs a pager program on the files';
    } else if (/^-[A-Za-z]*u/.test(arg) && sub === 'ls-remote') {
      return '`git ls-remote -u` runs the program it names';
    }
  }
  return undefined;
}

const gitSubcommand = subcommands({
  read: {
    ...Object.fromEntries(
      ['status', 'blame', 'rev-parse', 'describe', 'ls-files', 'ls-remote', 'ls-tree', 'cat-file', 'shortlog', 'grep', 'rev-list',
        'for-each-ref', 'show-ref', 'merge-base', 'name-rev', 'cherry', 'count-objects', 'version', 'help', 'annotate', 'show-branch',
        'var', 'check-ignore', 'check-attr', 'verify-commit', 'verify-tag'].map((c) => [c, true as const]),
    ),
    ...Object.fromEntries(
      ['log', 'diff', 'show', 'whatchanged'].map((c) => [
        c,
        ((scanned: ScannedArgs) => (hasOption(scanned, '--output') ? because(`\`git ${c} --output\` writes a file`) : ok(`git ${c}`))) as SubRule,
      ]),
    ),
    fsck: (_scanned, _ctx, after) => (after.some((a) => a === '--lost-found' || a.startsWith('--lost')) ? because('`git fsck --lost-found` writes the dangling objects into .git/lost-found') : ok('git fsck')),
    branch: (_scanned, _ctx, after) => listingOnly('git branch', after, ['--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--sort', '--format', '--color', '--column'], ['-l', '--list']),
    tag: (_scanned, _ctx, after) => listingOnly('git tag', after, ['--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--sort', '--format', '--color', '--column', '-n'], ['-l', '--list']),
    remote: (scanned) => {
      const sub = scanned.positionals[1];
      return sub === undefined || ['show', 'get-url'].includes(sub) ? ok(`git remote ${sub ?? ''}`.trim()) : changes(`git remote ${sub}`);
    },
    stash: ['list', 'show'],
    reflog: (scanned) => {
      const sub = scanned.positionals[1];
      return sub === undefined || ['show', 'exists'].includes(sub) || !['expire', 'delete'].includes(sub) ? ok('git reflog') : changes(`git reflog ${sub}`);
    },
    worktree: ['list'],
    submodule: ['status', 'summary'],
    notes: ['list', 'show'],
    config: (scanned) => {
      const reads = scanned.options.some((o) => ['-l', '--list', '--get', '--get-all', '--get-regexp', '--get-urlmatch', '--get-color', '--get-colorbool'].includes(o.name));
      const writes = scanned.options.some((o) => /^--(?:unset|unset-all|add|replace-all|rename-section|remove-section|edit)$/.test(o.name) || o.name === '-e');
      const words = scanned.positionals.slice(1);
      if (!writes && (reads || ['get', 'list'].includes(words[0] ?? '') || words.length === 1)) return ok('git config');
      return changes('git config');
    },
  },
  change: ['push', 'commit', 'reset', 'checkout', 'switch', 'restore', 'clean', 'fetch', 'pull', 'merge', 'rebase', 'cherry-pick', 'revert',
    'add', 'rm', 'mv', 'init', 'clone', 'gc', 'prune', 'am', 'apply', 'stash push', 'stash pop', 'stash drop', 'stash apply', 'stash clear'],
});

/** `git branch` / `git tag`: read-only when only listing (no names, or names given with `--list` as patterns). */
function listingOnly(label: string, args: string[], valueOptions: string[], listFlags: string[]): Verdict {
  const s = scanArgs(args, { long: valueOptions.filter((o) => o.startsWith('--')).map((o) => o.slice(2)) });
  const flags = s.options.map((o) => o.name);
  const allowed = new Set(['-a', '--all', '-r', '--remotes', '-v', '-vv', '--verbose', '--show-current', '-i', '--ignore-case', '--omit-empty', '-n', ...valueOptions, ...listFlags]);
  if (flags.every((f) => allowed.has(f)) && (s.positionals.length === 0 || flags.some((f) => listFlags.includes(f)))) return ok(label);
  return changes(label);
}
