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

/** Unmerged and unknown states, modifications in a working-tree diff. */
const UNMERGED: ReadonlySet<string> = new Set(['U', 'X', 'B']);
const STATUS_LETTERS = new Set(['A', 'C', 'D', 'M', 'R', 'T', 'U', 'X', 'B']);

const NUL = 0;
const NEWLINE = 10;
const SPACE_BYTE = 32;
const COLON = 58;
const RECORD_BYTE = 0x1e;

/** Whether bytes `[from, to)` of `buf` are one or more ASCII digits. */
function digitsAt(buf: Buffer, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) if (buf[i]! < 48 || buf[i]! > 57) return false;
  return true;
}

/** Whether bytes `[from, to)` of `buf` are one or more lower-case hex digits. */
function hexAt(buf: Buffer, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const b = buf[i]!;
    if ((b < 48 || b > 57) && (b < 97 || b > 102)) return false;
  }
  return true;
}

/** Whether bytes `[from, to)` of `buf` are all '0'. */
function zerosAt(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i] !== 48) return false;
  return true;
}

/**
 * A status (`M`, `R087`) at bytes `[from, to)`: its letter and similarity digits (may be ''); undefined
 * when it is none (`^([ACDMRTUXB])(\d*)$`).
 */
function statusAt(buf: Buffer, from: number, to: number): [ChangeStatus, string] | undefined {
  if (from >= to) return undefined;
  const letter = String.fromCharCode(buf[from]!);
  if (!STATUS_LETTERS.has(letter)) return undefined;
  if (from + 1 === to) return [letter as ChangeStatus, ''];
  return digitsAt(buf, from + 1, to) ? [letter as ChangeStatus, buf.toString('latin1', from + 1, to)] : undefined;
}

/**
 * A `--raw` change at bytes `[from, to)` (`:<old mode> <new mode> <old blob> <new blob> <status>`):
 * the blob after the change (none for deletions, all zeros, and submodules, whose "blob" is a
 * commit id) and the status; undefined when the token is not one
 * (`^:\d+ (\d+) [0-9a-f]+ ([0-9a-f]+) ([ACDMRTUXB]\d*)$`). Read in place: one token per changed
 * file is the history pass's hottest loop.
 */
function rawAt(buf: Buffer, from: number, to: number): { oid: string | undefined; status: [ChangeStatus, string] } | undefined {
  const s1 = buf.indexOf(SPACE_BYTE, from + 1);
  if (s1 < 0 || s1 >= to) return undefined;
  const s2 = buf.indexOf(SPACE_BYTE, s1 + 1);
  if (s2 < 0 || s2 >= to) return undefined;
  const s3 = buf.indexOf(SPACE_BYTE, s2 + 1);
  if (s3 < 0 || s3 >= to) return undefined;
  const s4 = buf.indexOf(SPACE_BYTE, s3 + 1);
  if (s4 < 0 || s4 >= to) return undefined;
  if (!digitsAt(buf, from + 1, s1) || !digitsAt(buf, s1 + 1, s2) || !hexAt(buf, s2 + 1, s3) || !hexAt(buf, s3 + 1, s4)) return undefined;
  const status = statusAt(buf, s4 + 1, to);
  if (!status) return undefined;
  const submodule = s2 - s1 - 1 === 6 && buf.toString('latin1', s1 + 1, s2) === '160000';
  const oid = submodule || zerosAt(buf, s3 + 1, s4) ? undefined : buf.toString('latin1', s3 + 1, s4);
  return { oid, status };
}

/**
 * Incremental parser of `git log -z --raw` or `--name-status` output with `LOG_FORMAT` headers.
 * Feed it git's bytes in any chunking (text is taken as UTF-8); it calls `onCommit` for each
 * complete commit, in output order. Tokens are cut at NUL bytes, which UTF-8 never puts inside a
 * character, and each path, id and subject is decoded from the bytes on its own: no string of the
 * whole output is built, and what is kept holds no chunk alive. Paths are mapped to the workspace
 * root; changes outside it are dropped (a rename across the boundary becomes an addition or a
 * deletion) but still count in `fileCount`.
 */
export class LogParser {
  /** The start of a token cut by the end of the last chunk. */
  private rest: Buffer | undefined;
  private current: LogCommit | undefined;
  /** The change being read: its status, similarity, blob, the paths still to come and the first of two. */
  private status: ChangeStatus = 'M';
  private similarity: number | undefined;
  private oid: string | undefined;
  private need = 0;
  private fromPath = '';

  constructor(
    private readonly onCommit: (commit: LogCommit) => void,
    private readonly map: PathMapper = (p) => p,
  ) {}

  feed(chunk: Buffer | string): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    if (this.rest) {
      const nul = buf.indexOf(NUL);
      if (nul < 0) {
        this.rest = Buffer.concat([this.rest, buf]);
        return;
      }
      const token = Buffer.concat([this.rest, buf.subarray(0, nul)]);
      this.rest = undefined;
      this.token(token, 0, token.length);
      start = nul + 1;
    }
    for (;;) {
      const nul = buf.indexOf(NUL, start);
      if (nul < 0) break;
      this.token(buf, start, nul);
      start = nul + 1;
    }
    // A copy: the chunk itself is not kept.
    if (start < buf.length) this.rest = Buffer.from(buf.subarray(start));
  }

  /** Flushes the last commit. */
  end(): void {
    if (this.rest) {
      const rest = this.rest;
      this.rest = undefined;
      this.token(rest, 0, rest.length);
    }
    this.emit();
  }

  private token(buf: Buffer, from: number, to: number): void {
    if (this.need > 0) {
      const path = buf.toString('utf8', from, to);
      if (--this.need > 0) this.fromPath = path;
      else this.change(path);
      return;
    }
    let at = from;
    while (at < to && buf[at] === NEWLINE) at++;
    if (buf[at] === RECORD_BYTE && at < to) {
      this.emit();
      const [sha = '', parents = '', time = '0', ...subject] = buf.toString('utf8', at + 1, to).split(FIELD);
      this.current = { sha, parents: parents ? parents.split(' ') : [], time: Number(time), subject: subject.join(FIELD), changes: [], fileCount: 0 };
      return;
    }
    // `--raw`: `:<old mode> <new mode> <old blob> <new blob> <status>`; `--name-status`: `<status>`.
    const raw = at < to && buf[at] === COLON ? rawAt(buf, at, to) : undefined;
    const status = raw ? raw.status : statusAt(buf, at, to);
    if (!status || !this.current) return;
    const letter = status[0];
    this.status = letter;
    this.similarity = status[1] ? Number(status[1]) : undefined;
    this.oid = raw?.oid;
    this.need = letter === 'R' || letter === 'C' ? 2 : 1;
  }

  /** The change whose last path is `path` (for a rename or copy, `fromPath` is the first). */
  private change(path: string): void {
    const commit = this.current!;
    commit.fileCount++;
    const mapped = toChange(this.status, this.fromPath, path, this.similarity, this.map);
    this.fromPath = '';
    if (!mapped) return;
    if (this.oid !== undefined && mapped.status !== 'D') mapped.oid = this.oid;
    commit.changes.push(mapped);
  }

  private emit(): void {
    if (this.current) this.onCommit(this.current);
    this.current = undefined;
    this.need = 0;
  }
}

/** The change a status and its paths (`from` for a rename or copy) make below the root, or undefined when it is outside. */
function toChange(status: ChangeStatus, fromPath: string, toPath: string, similarity: number | undefined, map: PathMapper): FileChange | undefined {
  if (status === 'R' || status === 'C') {
    const from = map(fromPath);
    const to = map(toPath);
    if (to !== undefined && from !== undefined) return similarity !== undefined ? { status, path: to, from, similarity } : { status, path: to, from };
    if (to !== undefined) return { status: 'A', path: to };
    if (from !== undefined && status === 'R') return { status: 'D', path: from };
    return undefined;
  }
  const path = map(toPath);
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
