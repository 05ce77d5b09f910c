// The configuration git reads for a repository, kept from run to run for SimpleGitHistory while no
// file it comes from changed, so an editor's re-check starts no `git config` process.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { fileKey, systemAttributeFiles } from './attribute-sources';
import type { RepoLayout } from './git-invocation';
import { addConfigEntry } from './git-parse';

/** The longest a config answer is kept without a whole read (a change a stat key cannot see is not missed for longer). */
export const CONFIG_KEPT_MS = 10 * 60 * 1000;

/**
 * A file modified this recently may be modified again without a new timestamp (file times move in
 * clock ticks; 2 s on FAT) nor a new size: an answer read then is not kept.
 */
export const RACY_MS = 2000;

/** The arguments of the whole read: every entry with its scope and the file it came from. */
export const CONFIG_LIST_ARGS = ['config', '--list', '--show-origin', '--show-scope', '-z'];

/** A config listing with origins (`git config --list --show-origin --show-scope -z`). */
export interface ConfigListing {
  /** As `parseConfigList` reads `git config --list -z`: per key (section and variable in lower case), its values in order. */
  values: Map<string, string[]>;
  /** Per entry in order, the scope (`system`, `global`, `local`, `worktree`, `command`) and origin (`file:PATH`, `command line:`, ...). */
  origins: Array<{ scope: string; origin: string; key: string }>;
}

/** Parses `git config --list --show-origin --show-scope -z`: `scope NUL origin NUL key LF value NUL` per entry. Undefined when it does not read as that. */
export function parseConfigListing(text: string): ConfigListing | undefined {
  const fields = text.split('\0');
  if (fields.pop() !== '' || fields.length % 3 !== 0) return undefined;
  const values = new Map<string, string[]>();
  const origins: ConfigListing['origins'] = [];
  for (let k = 0; k < fields.length; k += 3) {
    const [scope, origin, entry] = [fields[k]!, fields[k + 1]!, fields[k + 2]!];
    origins.push({ scope, origin, key: addConfigEntry(values, entry) });
  }
  return { values, origins };
}

/** The file `git config --system --list` failed to read (its message names it), e.g. a missing system file. */
export function unreadConfigFile(message: string): string | undefined {
  return /unable to read config file '([^'\n]*)'/.exec(message)?.[1];
}

/** Where git runs, and the common git dir's `config` and this worktree's `config.worktree` (undefined: not known). */
type ConfigPlaces = Pick<RepoLayout, 'top' | 'configFiles'>;

/** Whether a file of `files` was modified at `since` (ms since the epoch, the file system's clock) or later. */
function modifiedSince(files: string[], since: number): boolean {
  const limit = BigInt(Math.floor(since)) * 1_000_000n;
  return files.some((file) => (statSync(file, { bigint: true, throwIfNoEntry: false })?.mtimeNs ?? -1n) >= limit);
}

interface Kept {
  values: Map<string, string[]>;
  key: string;
  at: number;
}

/**
 * The last whole read of a repository's config, with the stat keys (see `statKey`) of every file
 * git reads it from, taken before the read. A run may take it instead of reading (`take`) while
 * every key is unchanged and it is under `CONFIG_KEPT_MS` old. Nothing is kept for a config git
 * could read from elsewhere: an `include.*` or `includeIf.*` key (an included file, conditions on
 * the branch, gitdir or remotes), an origin other than one of the files looked at or the command
 * line, a system file whose place cannot be learnt (it exists and is empty), Windows (its system
 * and global files are found differently). Nor is an answer read under `RACY_MS` after a file of
 * it was modified.
 */
export class KeptConfig {
  private kept: Kept | undefined;
  /** Where git's system file is: learnt from the origins, or `git config --system --list` failing; null when it cannot be learnt. */
  private systemFile: string | null | undefined;
  /** Whole reads begun: a read's answer is kept only while no later one began. */
  private reads = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The kept answer, when there is one for `places`, under `CONFIG_KEPT_MS` old, and no file it came from changed. */
  take(places: ConfigPlaces, env: Record<string, string>): Map<string, string[]> | undefined {
    const kept = this.kept;
    if (!kept || this.now() - kept.at >= CONFIG_KEPT_MS || this.keyOf(places, env) !== kept.key) return undefined;
    return kept.values;
  }

  /**
   * A whole read: `list(args)` runs git with `args` and the environment `env` (rejecting with git's
   * message when it fails). Resolves to what `git config --list -z` says; kept when it can be.
   */
  async read(places: ConfigPlaces, env: Record<string, string>, list: (args: string[]) => Promise<string>): Promise<Map<string, string[]>> {
    this.kept = undefined;
    const read = ++this.reads;
    const at = this.now();
    const key = this.keyOf(places, env);
    const racy = key !== undefined && modifiedSince(this.files(places, env)!, Date.now() - RACY_MS);
    const listing = parseConfigListing(await list(CONFIG_LIST_ARGS));
    if (listing === undefined) throw new Error('git config --list --show-origin printed an unexpected listing.');
    if (key === undefined || racy || !this.followed(listing, places, env)) return listing.values;
    const kept = { values: listing.values, key, at };
    if (this.systemFile === undefined && !listing.origins.some((o) => o.scope === 'system')) {
      // No entry names the system file: git says where it is when it cannot read it (missing);
      // beside the run, which need not wait (the answer is kept once it is learnt).
      void this.learnSystemFile(places.top, list).then(() => {
        // Kept when the file was among those looked at before the read (the key is the same).
        if (this.reads === read && this.systemFile && this.keyOf(places, env) === key) this.kept = kept;
      });
      return listing.values;
    }
    this.kept = kept;
    return listing.values;
  }

  /**
   * Asks git where its system file is (`git config --system --list` fails naming a missing or
   * unreadable one); an empty answer: it exists without entries, and git does not say where (null).
   */
  private async learnSystemFile(top: string, list: (args: string[]) => Promise<string>): Promise<void> {
    const answer = await list(['config', '--system', '--list', '-z']).then(
      (out) => (out === '' ? null : undefined),
      (error: unknown) => unreadConfigFile(String((error as Error | undefined)?.message)),
    );
    this.systemFile = typeof answer === 'string' ? path.resolve(top, answer) : answer;
  }

  /** Whether every entry came from a file `places` covers (or the command line), and none includes another. */
  private followed(listing: ConfigListing, places: ConfigPlaces, env: Record<string, string>): boolean {
    const files = new Set(this.files(places, env) ?? []);
    for (const { scope, origin, key } of listing.origins) {
      if (key.startsWith('include.') || key.startsWith('includeif.')) return false;
      if (origin === 'command line:' && scope === 'command') continue;
      if (!origin.startsWith('file:')) return false;
      const file = path.resolve(places.top, origin.slice('file:'.length));
      if (files.has(file)) continue;
      // A system file not looked at: looked at from the next whole read on.
      if (scope === 'system') this.systemFile = file;
      return false;
    }
    return true;
  }

  /** The stat keys of every file git reads config from for `places`, with the environment; undefined when one cannot be told. */
  private keyOf(places: ConfigPlaces, env: Record<string, string>): string | undefined {
    const files = this.files(places, env);
    if (files === undefined) return undefined;
    const keys = files.map((file) => fileKey(file, true));
    return keys.includes(undefined) ? undefined : JSON.stringify([env, files, keys]);
  }

  /**
   * The files git reads config from, in git's order, whether they exist or not: the system file
   * (where learnt, and where git usually keeps it: `systemAttributeFiles`' folders), the user's
   * (`$XDG_CONFIG_HOME/git/config`, else `$HOME/.config/git/config`, then `$HOME/.gitconfig`), the
   * repository's. Undefined when they cannot be told.
   */
  private files(places: ConfigPlaces, env: Record<string, string>): string[] | undefined {
    const { top, configFiles: repoFiles } = places;
    if (process.platform === 'win32' || this.systemFile === null || !env.HOME || repoFiles === undefined) return undefined;
    const system = systemAttributeFiles(env.PATH).map((file) => path.join(path.dirname(file), 'gitconfig'));
    if (this.systemFile !== undefined && !system.includes(this.systemFile)) system.push(this.systemFile);
    const home = path.resolve(top, env.HOME);
    const xdg = env.XDG_CONFIG_HOME ? path.resolve(top, env.XDG_CONFIG_HOME, 'git', 'config') : path.join(home, '.config', 'git', 'config');
    return [...new Set([...system, xdg, path.join(home, '.gitconfig'), ...repoFiles.map((file) => path.resolve(top, file))])];
  }
}
