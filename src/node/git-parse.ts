import type { ChangeStatus, FileChange, GitRemote, LogCommit } from '../core/staleness/ports';

/** Record and field separators put into `--format` strings; git never puts them in paths of ours. */
export const RECORD = '\u001e';
export const FIELD = '\u001f';

/** `--format` for the history pass: SHA, parents, committer time, subject. */
export const LOG_FORMAT = `--format=${RECORD}%H${FIELD}%P${FIELD}%ct${FIELD}%s`;

/**
 * Maps a path relative to the repository's top level to one relative to the workspace root;
 * undefined for paths outside the root.
 */
export type PathMapper = (topPath: string) => string | undefined;

/** The mapper for a root at `prefix` (as `git rev-parse --show-prefix` prints it, e.g. `ops/`). */
export function prefixMapper(prefix: string): PathMapper {
  if (!prefix) return (p) => p;
  return (p) => (p.startsWith(prefix) ? p.slice(prefix.length) : undefined);
}

const ZEROS = /^0+$/;
/** Unmerged and unknown states, modifications in a working-tree diff. */
const UNMERGED: ReadonlySet<string> = new Set(['U', 'X', 'B']);
const STATUS_LETTERS = new Set(['A', 'C', 'D', 'M', 'R', 'T', 'U', 'X', 'B']);
const DIGITS = /^\d+$/;
const HEX = /^[0-9a-f]+$/;
const SPACE = /\s/;

/** A status (`M`, `R087`): its letter and similarity digits (may be ''); undefined when it is none (`^([ACDMRTUXB])(\d*)$`). */
function statusOf(text: string): [ChangeStatus, string] | undefined {
  if (text.length === 0 || !STATUS_LETTERS.has(text[0]!)) return undefined;
  const digits = text.slice(1);
  return digits === '' || DIGITS.test(digits) ? [text[0] as ChangeStatus, digits] : undefined;
}

/**
 * A `--raw` change (`:<old mode> <new mode> <old blob> <new blob> <status>`): new mode, new blob,
 * status (old mode and blob are not needed); undefined when the token is not one
 * (`^:\d+ (\d+) [0-9a-f]+ ([0-9a-f]+) (\S+)$`).
 */
function rawFields(token: string): [string, string, string] | undefined {
  const parts = token.slice(1).split(' ');
  if (parts.length !== 5) return undefined;
  const [oldMode, mode, oldBlob, blob, status] = parts as [string, string, string, string, string];
  if (!DIGITS.test(oldMode) || !DIGITS.test(mode) || !HEX.test(oldBlob) || !HEX.test(blob) || status === '' || SPACE.test(status)) return undefined;
  return [mode, blob, status];
}

/**
 * Incremental parser of `git log -z --name-status LOG_FORMAT` output. Feed it decoded text in any
 * chunking; it calls `onCommit` for each complete commit, in output order. Paths are mapped to the
 * workspace root; changes outside it are dropped (a rename across the boundary becomes an addition
 * or a deletion) but still count in `fileCount`.
 */
export class LogParser {
  private buffer = '';
  private current: LogCommit | undefined;
  private pending: { status: ChangeStatus; similarity?: number; oid?: string; paths: string[]; need: number } | undefined;

  constructor(
    private readonly onCommit: (commit: LogCommit) => void,
    private readonly map: PathMapper = (p) => p,
  ) {}

  feed(text: string): void {
    this.buffer += text;
    let start = 0;
    for (;;) {
      const nul = this.buffer.indexOf('\0', start);
      if (nul < 0) break;
      this.token(this.buffer.slice(start, nul));
      start = nul + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  /** Flushes the last commit. */
  end(): void {
    if (this.buffer) {
      this.token(this.buffer);
      this.buffer = '';
    }
    this.emit();
  }

  private token(raw: string): void {
    if (this.pending) {
      this.pending.paths.push(raw);
      if (this.pending.paths.length === this.pending.need) this.change(this.pending);
      return;
    }
    const token = raw.charCodeAt(0) === 10 ? raw.replace(/^\n+/, '') : raw;
    if (token.startsWith(RECORD)) {
      this.emit();
      const [sha = '', parents = '', time = '0', ...subject] = token.slice(1).split(FIELD);
      this.current = { sha, parents: parents ? parents.split(' ') : [], time: Number(time), subject: subject.join(FIELD), changes: [], fileCount: 0 };
      return;
    }
    // `--raw`: `:<old mode> <new mode> <old blob> <new blob> <status>`; `--name-status`: `<status>`.
    // Read by position (one token per changed file: the history pass's hottest loop), checked as
    // strictly as the patterns `RAW` and `STATUS` say.
    const rawChange = token.startsWith(':') ? rawFields(token) : undefined;
    const status = rawChange ? statusOf(rawChange[2]) : statusOf(token);
    if (!status || !this.current) return;
    const letter = status[0];
    const pair = letter === 'R' || letter === 'C';
    // The blob after the change: none for deletions (all zeros) and submodules (a commit id).
    const oid = rawChange && rawChange[0] !== '160000' && !ZEROS.test(rawChange[1]) ? rawChange[1] : undefined;
    this.pending = { status: letter, ...(status[1] ? { similarity: Number(status[1]) } : {}), ...(oid ? { oid } : {}), paths: [], need: pair ? 2 : 1 };
  }

  private change(pending: NonNullable<LogParser['pending']>): void {
    this.pending = undefined;
    const commit = this.current!;
    commit.fileCount++;
    const mapped = toChange(pending.status, pending.paths, pending.similarity, this.map);
    if (mapped) commit.changes.push(pending.oid && mapped.status !== 'D' ? { ...mapped, oid: pending.oid } : mapped);
  }

  private emit(): void {
    if (this.current) this.onCommit(this.current);
    this.current = undefined;
    this.pending = undefined;
  }
}

function toChange(status: ChangeStatus, paths: string[], similarity: number | undefined, map: PathMapper): FileChange | undefined {
  if (status === 'R' || status === 'C') {
    const from = map(paths[0]!);
    const to = map(paths[1]!);
    if (to !== undefined && from !== undefined) return { status, path: to, from, ...(similarity !== undefined ? { similarity } : {}) };
    if (to !== undefined) return { status: 'A', path: to };
    if (from !== undefined && status === 'R') return { status: 'D', path: from };
    return undefined;
  }
  const path = map(paths[0]!);
  if (path === undefined) return undefined;
  // Unmerged/unknown states only show up in working-tree diffs; they are modifications there.
  return { status: UNMERGED.has(status) ? 'M' : status, path };
}

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
    const branch = shortBranch(ref);
    if (branch !== undefined) branches.add(branch);
    if (branch !== undefined && mark === '*' && ref.startsWith('refs/heads/')) current.add(branch);
    if (/^refs\/remotes\/[^/]+\/HEAD$/.test(ref) && symref) {
      const target = shortBranch(symref);
      if (target !== undefined) current.add(target);
    }
  }
  return { branches: [...branches], tags: [...tags], ...(current.size > 0 ? { current: [...current] } : {}) };
}

/** What `parseRefs` reads: branches and tags, and the branches a forge link follows here. */
export interface GitRefsParsed {
  branches: string[];
  tags: string[];
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

/** Parses `git config --list -z` (`key\nvalue\0`, keys as git prints them) into key → values in order. */
export function parseConfigList(text: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const entry of text.split('\0')) {
    if (!entry) continue;
    const newline = entry.indexOf('\n');
    // git prints section and variable names in lower case; subsections (remote names) as written.
    const key = newline < 0 ? entry : entry.slice(0, newline);
    const value = newline < 0 ? '' : entry.slice(newline + 1);
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  }
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
