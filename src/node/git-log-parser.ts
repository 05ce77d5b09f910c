// Reads `git log -z` output (`--raw` or `--name-status`, with `LOG_FORMAT` headers) as it streams: the
// history pass's parser, and the separators and path mapping it shares with the other parsers.
import type { ChangeStatus, FileChange, LogCommit } from '../core/staleness/ports';

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
