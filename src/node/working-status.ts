// The status of a few working-tree paths without a process where git's answer can be proven from
// the index file, lstat and HEAD's trees (read through the running `cat-file --batch`); else one
// `git status` of them all, as before. On grafana/loki that process costs the editor's re-check a
// ~13 ms fork of the extension host and ~40 ms of git's CPU beside the diff worker.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type BigIntStats } from 'node:fs';
import * as path from 'node:path';
import type { FileChange } from '../core/staleness/ports';
import { attributeSourcesKey, folderKeys, foldersAbove, systemAttributeFiles } from './attribute-sources';
import type { CatFileRecord } from './cat-file-batch';
import { latin1Of, type IndexEntry, type IndexRead } from './git-index-entries';
import type { IndexReader } from './git-index-flags';
import { readWhole } from './read-whole';
import { oidBytesOf, type RepoLayout } from './git-invocation';
import { walkTree } from './git-tree-object';

/** A file changed less than this long before its lstat may change again with the same stat data (coarse clocks): never reused. */
const SETTLED_NS = 2_000_000_000n;
/** Files larger than this are not hashed here. */
const MAX_HASHED_BYTES = 8 * 1024 * 1024;
const U32 = 0xffffffffn;

/** What `WorkingStatus.changes` needs of the history. */
export interface StatusSources {
  layout: RepoLayout;
  /** The repository's index file reader (shared: the file is read once per change of it). */
  index: IndexReader;
  /** Every config value (`git config --list`). */
  config(): Promise<Map<string, string[]>>;
  /** `cat-file --batch` records of `names`, in order. */
  objects(names: string[]): Promise<CatFileRecord[]>;
  /** Per root-relative path, whether git converts it (see `ConvertedPaths`). */
  converted(paths: string[]): Promise<boolean[]>;
  /** `git status` of the paths, as before. */
  status(): Promise<FileChange[]>;
}

/** A path's working file: its lstat, or none (`missing`), or not looked at (`unknown`: below a symbolic link, unreadable). */
type Working = { kind: 'file' | 'link' | 'other'; stat: BigIntStats } | { kind: 'missing' } | { kind: 'unknown' };
/** HEAD's entry for a path: mode (octal text) and id; null when HEAD has none; undefined when not known. */
type HeadEntry = { mode: string; oid: string } | null | undefined;

interface Seen {
  path: string;
  entries: IndexEntry[];
  working: Working;
  head: HeadEntry;
  /** When the lstat was taken (ns since the epoch). */
  at: bigint;
}

/** What a status found of a path, and everything that answer depended on. */
interface Kept {
  change: FileChange;
  entry: string;
  working: string;
  head: string;
  sources: string;
}

/**
 * `changes(paths)`: what `git status` of `paths` returns. Without a process when every path is
 * proven: clean (one plain stage-0 entry, HEAD's entry the same, the file's lstat the entry's
 * stat data and not racily clean, or its content hashed to the entry's id when git does not
 * convert it), or found changed by the last status with nothing it depends on changed since.
 */
export class WorkingStatus {
  private kept = new Map<string, Kept>();
  private systemFiles: { pathVariable: string | undefined; files: string[] } | undefined;

  async changes(asked: readonly string[], from: StatusSources): Promise<FileChange[]> {
    const { layout } = from;
    const paths = [...new Set(asked)];
    const config = await from.config().catch(() => undefined);
    if (!config || !layout.indexFile || !paths.every(plainPath)) return this.run(from, undefined);
    const oidBytes = oidBytesOf(config);
    await from.index.ready();
    const index = from.index.entries(layout.indexFile, oidBytes, new Set(paths.map((p) => latin1Of(layout.prefix + p))));
    if (!index || index.mtimeNs === 0n) return this.run(from, undefined);
    const heads = await headEntries(paths.map((p) => layout.prefix + p), oidBytes, from.objects);
    const at = BigInt(Date.now()) * 1_000_000n;
    const seen: Seen[] = paths.map((p, i) => ({ path: p, entries: index.entries.get(latin1Of(layout.prefix + p)) ?? [], working: workingOf(layout.top, layout.prefix + p), head: heads[i], at }));
    const sources = this.sourcesKey(layout, config, index);
    const reused: FileChange[] = [];
    const toHash: Seen[] = [];
    for (const s of seen) {
      const entry = plainEntry(s);
      const clean = entry && s.head && s.head.mode === entry.mode.toString(8) && s.head.oid === entry.oid;
      if (clean && (s.working.kind === 'file' || s.working.kind === 'link') && statMatches(entry, s.working.stat) && !racy(entry, index)) continue;
      // Found changed by the last status, and nothing it depends on changed since: the same answer.
      const kept = this.kept.get(s.path);
      if (kept && sources !== undefined && kept.entry === entry?.raw && kept.working === workingKey(s.working) && kept.head === headKey(s.head) && kept.sources === sources(s.path)) {
        reused.push(kept.change);
        continue;
      }
      if (!clean || s.working.kind !== 'file' || !isRegular(entry) || (entry.mode & 0o100) !== (Number(s.working.stat.mode) & 0o100)) return this.run(from, seen, sources);
      toHash.push(s);
    }
    // Hashed first: whether git converts a file may take a process (`check-attr`), not worth one when git must run anyway.
    // Smallest first: the first that differs ends the hashing (a big vendored file is read only when all before it match).
    toHash.sort((a, b) => (a.working.kind === 'file' && b.working.kind === 'file' ? Number(a.working.stat.size - b.working.stat.size) : 0));
    if (toHash.some((s) => !hashesTo(path.join(layout.top, layout.prefix + s.path), s, oidBytes))) return this.run(from, seen, sources);
    const converted = toHash.length > 0 ? await from.converted(toHash.map((s) => s.path)) : [];
    if (converted.includes(true)) return this.run(from, seen, sources);
    return reused.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** `git status` of the paths; keeps what it found of the paths `seen` (before it started) proves nothing else changed since. */
  private async run(from: StatusSources, seen: Seen[] | undefined, sources?: (p: string) => string | undefined): Promise<FileChange[]> {
    this.kept = new Map();
    const changes = await from.status();
    if (!seen || !sources) return changes;
    const kept = new Map<string, Kept>();
    for (const s of seen) {
      const entry = plainEntry(s);
      const key = sources(s.path);
      const mine = changes.filter((c) => c.path === s.path || c.from === s.path);
      const change = mine[0];
      if (!entry || key === undefined || !s.head || mine.length !== 1 || !change || change.path !== s.path || change.from !== undefined || !['M', 'T', 'D'].includes(change.status)) continue;
      // A file whose stat data matches its entry is compared or not by how racy the entry is (the index file's time): not kept.
      const w = s.working;
      // Never a folder (what lies below it can change with its own lstat unchanged), nor what was not looked at.
      if (w.kind === 'unknown' || w.kind === 'other' || (w.kind !== 'missing' && (statMatches(entry, w.stat) || w.stat.mtimeNs > s.at - SETTLED_NS || w.stat.ctimeNs > s.at - SETTLED_NS))) continue;
      kept.set(s.path, { change, entry: entry.raw, working: workingKey(w), head: headKey(s.head), sources: key });
    }
    this.kept = kept;
    return changes;
  }

  /** Per root-relative path, a key of every attributes source and config value git reads for it; undefined when one cannot be told. */
  private sourcesKey(layout: RepoLayout, config: Map<string, string[]>, index: IndexRead): (p: string) => string | undefined {
    const pathVariable = layout.env.PATH ?? layout.env.Path;
    if (this.systemFiles?.pathVariable !== pathVariable) this.systemFiles = { pathVariable, files: systemAttributeFiles(pathVariable) };
    const others = attributeSourcesKey(config, layout.infoAttributes, layout.env, this.systemFiles.files);
    return (p) => {
      if (others === undefined) return undefined;
      const folders = folderKeys(layout.top, foldersAbove(layout.prefix + p), { flagged: new Set(), attributes: index.attributes });
      return [...folders.values()].includes(undefined) ? undefined : `${others}\n${JSON.stringify([...folders])}`;
    };
  }
}

/** A path of folders and a name as git writes them, below the root: nothing empty, `.`, `..` or absolute, no drive or backslash on Windows (git takes such a path literally; here it is never looked at). */
const plainPath = (p: string): boolean => !/[\n\0]/.test(p) && !(process.platform === 'win32' && /[\\:]/.test(p)) && p.split('/').every((part) => part !== '' && part !== '.' && part !== '..');

/** The path's only entry when it is a plain stage-0 entry of a file or symbolic link (no flag, no conflict). */
function plainEntry(s: Seen): IndexEntry | undefined {
  const entry = s.entries.length === 1 ? s.entries[0] : undefined;
  return entry && entry.stage === 0 && !entry.flagged && (isRegular(entry) || entry.mode === 0o120000) ? entry : undefined;
}

const isRegular = (entry: IndexEntry) => entry.mode === 0o100644 || entry.mode === 0o100755;

/** Whether the lstat equals the entry's stat data, every field git keeps (32-bit, nanoseconds), and its type and executable bit. */
function statMatches(entry: IndexEntry, stat: BigIntStats): boolean {
  const type = isRegular(entry) ? stat.isFile() && (entry.mode & 0o100) === (Number(stat.mode) & 0o100) : stat.isSymbolicLink();
  return (
    type &&
    entry.size !== 0 &&
    BigInt(entry.size) === (stat.size & U32) &&
    BigInt(entry.mtimeSec) === ((stat.mtimeNs / 1_000_000_000n) & U32) &&
    BigInt(entry.mtimeNsec) === stat.mtimeNs % 1_000_000_000n &&
    BigInt(entry.ctimeSec) === ((stat.ctimeNs / 1_000_000_000n) & U32) &&
    BigInt(entry.ctimeNsec) === stat.ctimeNs % 1_000_000_000n &&
    BigInt(entry.dev) === (stat.dev & U32) &&
    BigInt(entry.ino) === (stat.ino & U32) &&
    BigInt(entry.uid) === (stat.uid & U32) &&
    BigInt(entry.gid) === (stat.gid & U32)
  );
}

/** Git re-reads an entry modified in or after the index file's second (stricter than git: whole seconds). */
function racy(entry: IndexEntry, index: IndexRead): boolean {
  return BigInt(entry.mtimeSec) >= ((index.mtimeNs / 1_000_000_000n) & U32);
}

/** The working file at top-relative `file`: lstat, with every folder above it a real folder (git calls a path below a symbolic link deleted). */
function workingOf(top: string, file: string): Working {
  const parts = file.split('/');
  let at = top;
  for (let i = 0; i < parts.length; i++) {
    at = path.join(at, parts[i]!);
    let stat: BigIntStats;
    try {
      stat = lstatSync(at, { bigint: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unknown' };
    }
    if (i === parts.length - 1) return { kind: stat.isFile() ? 'file' : stat.isSymbolicLink() ? 'link' : 'other', stat };
    if (!stat.isDirectory()) return stat.isSymbolicLink() ? { kind: 'unknown' } : { kind: 'missing' };
  }
  return { kind: 'unknown' };
}

const workingKey = (w: Working) => (w.kind === 'missing' || w.kind === 'unknown' ? w.kind : [w.kind, w.stat.dev, w.stat.ino, w.stat.mode, w.stat.uid, w.stat.gid, w.stat.size, w.stat.mtimeNs, w.stat.ctimeNs].join(':'));
const headKey = (h: HeadEntry) => (h ? `${h.mode}:${h.oid}` : String(h));

/** Whether the file's content, read without following a link, hashes as git hashes a blob to the entry's id (no CR in it: no end-of-line conversion can apply). */
function hashesTo(file: string, s: Seen, oidBytes: number): boolean {
  const entry = s.entries[0]!;
  // Git takes a size other than the entry's as changed without reading (unless the entry's is 0: smudged).
  if (s.working.kind !== 'file' || s.working.stat.size > MAX_HASHED_BYTES || (entry.size !== 0 && BigInt(entry.size) !== (s.working.stat.size & U32))) return false;
  const expected = s.working.stat;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return false;
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (stat.ino !== expected.ino || stat.dev !== expected.dev || stat.size !== expected.size || stat.mtimeNs !== expected.mtimeNs || stat.ctimeNs !== expected.ctimeNs) return false;
    const size = Number(stat.size);
    const bytes = Buffer.allocUnsafe(size);
    if (!readWhole(fd, bytes, size)) return false;
    if (readSync(fd, Buffer.alloc(1), 0, 1, size) !== 0 || bytes.includes(0x0d)) return false;
    return createHash(oidBytes === 32 ? 'sha256' : 'sha1').update(`blob ${size}\0`).update(bytes).digest('hex') === entry.oid;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** HEAD's entries for top-relative `files`, from the trees of their folders (one `cat-file` request). */
async function headEntries(files: string[], oidBytes: number, objects: (names: string[]) => Promise<CatFileRecord[]>): Promise<HeadEntry[]> {
  const folders = [...new Set(files.map((f) => f.slice(0, Math.max(0, f.lastIndexOf('/')))))];
  const records = await objects(folders.map((f) => `HEAD:${f}`)).catch(() => undefined);
  if (!records) return files.map(() => undefined);
  const trees = new Map(folders.map((f, i) => [f, records[i]]));
  return files.map((file) => {
    const record = trees.get(file.slice(0, Math.max(0, file.lastIndexOf('/'))));
    if (!record?.found) return null;
    if (record.type !== 'tree' || !record.content) return undefined;
    return treeEntry(record.content, Buffer.from(file.slice(file.lastIndexOf('/') + 1), 'utf8'), oidBytes);
  });
}

/** The entry named `name` in a tree object's bytes: null when it has none, undefined when the bytes are not a tree. */
function treeEntry(tree: Buffer, name: Buffer, oidBytes: number): HeadEntry {
  let found: HeadEntry = null;
  const whole = walkTree(tree, oidBytes, (entry) => {
    if (entry.nameEnd - entry.nameAt !== name.length || tree.compare(name, 0, name.length, entry.nameAt, entry.nameEnd) !== 0) return true;
    found = { mode: entry.mode, oid: entry.oid };
    return false;
  });
  return found ?? (whole ? null : undefined);
}
