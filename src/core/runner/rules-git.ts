/** Rules for git: history, status and listing read; anything that moves refs or touches the work tree changes. */

import { hasOption, scanArgs, type ScannedArgs } from './argv';
import { subcommands, type SubRule } from './rule-subcommands';
import { because, changes, ok, type Verdict } from './rule-verdicts';

/** `git`: read-only subcommands, listing-only `branch`/`tag`, and reading `config`. */
export const git = subcommands({
  args: { short: 'Cc', long: ['git-dir', 'work-tree', 'namespace', 'exec-path', 'config-env'] },
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
