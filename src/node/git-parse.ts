import type { FileChange, GitRemote } from '../core/staleness/ports';
import { FIELD, LogParser, RECORD, type PathMapper } from './git-log-parser';

export { FIELD, LOG_FORMAT, LogParser, prefixMapper, RECORD, type PathMapper } from './git-log-parser';

/** Parses `git diff --name-status -z` output (no commit headers). */
export function parseNameStatus(text: string, map: PathMapper = (p) => p): FileChange[] {
  const changes: FileChange[] = [];
  const parser = new LogParser((c) => changes.push(...c.changes), map);
  parser.feed(`${RECORD}x${FIELD}${FIELD}0${FIELD}\0`);
  parser.feed(text);
  parser.end();
  return changes;
}

/** Splits `git for-each-ref --format=%(refname)` output into branch names (local and remote, without the remote) and tags. */
export function parseRefs(text: string): GitRefsParsed {
  const branches = new Set<string>();
  const tags = new Set<string>();
  const current = new Set<string>();
  const remoteTracking: string[] = [];
  const shortBranch = (ref: string): string | undefined => {
    if (ref.startsWith('refs/heads/')) return ref.slice(11);
    if (!ref.startsWith('refs/remotes/')) return undefined;
    const rest = ref.slice(13);
    const slash = rest.indexOf('/');
    return slash > 0 && rest.slice(slash + 1) !== 'HEAD' ? rest.slice(slash + 1) : undefined;
  };
  for (const raw of text.split('\n')) {
    // `%(HEAD)%(refname) %(symref)`: `*` marks the checked-out branch; a remote's HEAD names its default branch.
    const match = /^([* ]?)(\S+)(?: +(\S+))?\s*$/.exec(raw);
    if (!match) continue;
    const [, mark, ref, symref] = match as unknown as [string, string, string, string | undefined];
    if (ref.startsWith('refs/tags/')) {
      tags.add(ref.slice(10));
      continue;
    }
    if (ref.startsWith('refs/remotes/')) remoteTracking.push(ref);
    const branch = shortBranch(ref);
    if (branch !== undefined) branches.add(branch);
    if (branch !== undefined && mark === '*' && ref.startsWith('refs/heads/')) current.add(branch);
    if (/^refs\/remotes\/[^/]+\/HEAD$/.test(ref) && symref) {
      const target = shortBranch(symref);
      if (target !== undefined) current.add(target);
    }
  }
  return { branches: [...branches], tags: [...tags], remoteTracking, ...(current.size > 0 ? { current: [...current] } : {}) };
}

/** What `parseRefs` reads: branches and tags, and the branches a forge link follows here. */
export interface GitRefsParsed {
  branches: string[];
  tags: string[];
  remoteTracking: string[];
  current?: string[];
}

/** Reads `.git-blame-ignore-revs`: one revision per line, `#` comments. */
export function parseIgnoreRevs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => /^[0-9a-f]{7,40}$/i.test(line))
    .map((line) => line.toLowerCase());
}

/**
 * Parses `git status --porcelain=v2 -z` into changes against HEAD: index and work tree together
 * (a file added to the index and deleted again is no change), renames staged in the index with
 * their old path, untracked files as additions. Headers and ignored files are skipped.
 */
export function parseStatus(text: string, map: PathMapper = (p) => p): FileChange[] {
  const changes: FileChange[] = [];
  const tokens = text.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const kind = token[0];
    if (kind === '?') {
      const path = map(token.slice(2));
      if (path !== undefined) changes.push({ status: 'A', path });
      continue;
    }
    if (kind !== '1' && kind !== '2' && kind !== 'u') continue;
    // 1 XY sub mH mI mW hH hI path | 2 XY sub mH mI mW hH hI Xscore path, then the old path | u XY sub m1 m2 m3 mW h1 h2 h3 path
    const fields = kind === '1' ? 8 : kind === '2' ? 9 : 10;
    const parts = token.split(' ');
    const top = parts.slice(fields).join(' ');
    const xy = parts[1] ?? '..';
    const from = kind === '2' ? tokens[++i] : undefined;
    const path = map(top);
    if (xy[0] === 'A' && xy[1] === 'D') continue;
    if (kind === '2' && from !== undefined && xy[0] === 'R') {
      const old = map(from);
      // Renamed in the index, then deleted in the work tree: the old path is gone, nothing replaced it.
      if (xy[1] === 'D') {
        if (old !== undefined) changes.push({ status: 'D', path: old });
        continue;
      }
      const similarity = Number(parts[8]!.slice(1));
      if (path !== undefined && old !== undefined) changes.push({ status: 'R', path, from: old, similarity });
      else if (path !== undefined) changes.push({ status: 'A', path });
      else if (old !== undefined) changes.push({ status: 'D', path: old });
      continue;
    }
    if (path === undefined) continue;
    const status = xy.includes('D') ? 'D' : xy[0] === 'A' || xy[0] === 'C' ? 'A' : xy.includes('T') ? 'T' : 'M';
    changes.push({ status, path });
  }
  return changes;
}

/** Adds one `key\nvalue` entry of a `git config --list -z` listing to `values` (a key alone has the value ''); returns its key. */
export function addConfigEntry(values: Map<string, string[]>, entry: string): string {
  const newline = entry.indexOf('\n');
  // git prints section and variable names in lower case; subsections (remote names) as written.
  const key = newline < 0 ? entry : entry.slice(0, newline);
  const value = newline < 0 ? '' : entry.slice(newline + 1);
  const list = values.get(key);
  if (list) list.push(value);
  else values.set(key, [value]);
  return key;
}

/** Parses `git config --list -z` (`key\nvalue\0`, keys as git prints them) into key → values in order. */
export function parseConfigList(text: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const entry of text.split('\0')) if (entry) addConfigEntry(values, entry);
  return values;
}

/** The remotes configured (`remote.<name>.url`, the first URL as `git remote -v` shows for fetch). */
export function remotesFromConfig(config: Map<string, string[]>): GitRemote[] {
  // `url.<base>.insteadOf` rewrites, as git applies them: the longest matching prefix wins.
  const rewrites: Array<{ prefix: string; base: string }> = [];
  for (const [key, values] of config) {
    const match = /^url\.(.+)\.insteadof$/.exec(key);
    if (match) for (const prefix of values) rewrites.push({ prefix, base: match[1]! });
  }
  rewrites.sort((a, b) => b.prefix.length - a.prefix.length);
  const remotes: GitRemote[] = [];
  for (const [key, urls] of config) {
    const match = /^remote\.(.+)\.url$/.exec(key);
    if (!match || !urls[0]) continue;
    const rewrite = rewrites.find((r) => urls[0]!.startsWith(r.prefix));
    remotes.push({ name: match[1]!, url: rewrite ? rewrite.base + urls[0].slice(rewrite.prefix.length) : urls[0] });
  }
  return remotes;
}
