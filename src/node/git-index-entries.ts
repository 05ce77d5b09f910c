// Chosen entries of git's index file, read from the file itself (no process): what the watched
// paths' status is proven from (see `WorkingStatus`). Versions 2-4, SHA-1 or SHA-256 ids; a split
// index, a sparse index or anything else not followed here gives no answer (git is asked then).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Index files larger than this are left to git. */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** One index entry, decoded; `raw` is its bytes from the stat data to the end of the name. */
export interface IndexEntry {
  raw: string;
  ctimeSec: number;
  ctimeNsec: number;
  mtimeSec: number;
  mtimeNsec: number;
  dev: number;
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  oid: string;
  stage: number;
  /** assume-unchanged, skip-worktree or intent-to-add. */
  flagged: boolean;
}

/** What one read of the index file gives. */
export interface IndexRead {
  /** The index file's modification time (ns): entries modified in or after its second are racily clean. */
  mtimeNs: bigint;
  /** Per asked name (top-relative, as UTF-8 bytes in a latin1 string), its entries, every stage. */
  entries: Map<string, IndexEntry[]>;
  /** Per `.gitattributes` in the index, its entries (`stage:oid `), as `IndexFacts.attributes` has them. */
  attributes: Map<string, string>;
}

/** A path as the latin1 string of its UTF-8 bytes (how the index names it). */
export const latin1Of = (path: string): string => Buffer.from(path, 'utf8').toString('latin1');

/**
 * Reads the index file at `file` (ids `oidBytes` long), keeping the entries of `names` (latin1
 * strings of UTF-8 bytes, top-relative). No index file: no entries. Undefined when it cannot be
 * read or followed here.
 */
export function readIndexEntries(file: string, oidBytes: number, names: ReadonlySet<string>): IndexRead | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { mtimeNs: 0n, entries: new Map(), attributes: new Map() } : undefined;
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    const size = Number(stat.size);
    if (!stat.isFile() || size > MAX_INDEX_BYTES) return undefined;
    const bytes = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const read = readSync(fd, bytes, got, size - got, got);
      if (read === 0) return undefined;
      got += read;
    }
    const parsed = parseEntries(bytes, oidBytes, names);
    return parsed && { mtimeNs: stat.mtimeNs, ...parsed };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

const ATTRIBUTES = '.gitattributes';

/** The entries of `names` and of every `.gitattributes` in an index file's bytes; undefined when not followed here. */
export function parseEntries(bytes: Buffer, oidBytes: number, names: ReadonlySet<string>): Omit<IndexRead, 'mtimeNs'> | undefined {
  if (bytes.length < 12 + oidBytes || bytes.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = bytes.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = bytes.readUInt32BE(8);
  const end = bytes.length - oidBytes;
  const lengths = new Set([...names].map((n) => n.length));
  const entries = new Map<string, IndexEntry[]>();
  const attributes = new Map<string, string>();
  let previous = '';
  let at = 12;
  for (let i = 0; i < count; i++) {
    const start = at;
    const flagsAt = at + 40 + oidBytes;
    if (flagsAt + 2 > end) return undefined;
    const flags = bytes.readUInt16BE(flagsAt);
    let nameAt = flagsAt + 2;
    let extended = 0;
    if (flags & 0x4000) {
      if (version < 3 || nameAt + 2 > end) return undefined;
      extended = bytes.readUInt16BE(nameAt);
      nameAt += 2;
    }
    let name: string | undefined;
    let nameEnd: number;
    if (version === 4) {
      let byte = bytes[nameAt++] ?? 0x80;
      let strip = byte & 0x7f;
      while (byte & 0x80) {
        if (nameAt >= end) return undefined;
        byte = bytes[nameAt++]!;
        strip = ((strip + 1) << 7) | (byte & 0x7f);
      }
      nameEnd = bytes.indexOf(0, nameAt);
      if (nameEnd < 0 || nameEnd >= end || strip > previous.length) return undefined;
      name = previous = previous.slice(0, previous.length - strip) + bytes.toString('latin1', nameAt, nameEnd);
      at = nameEnd + 1;
    } else {
      const length = flags & 0xfff;
      nameEnd = length < 0xfff ? nameAt + length : bytes.indexOf(0, nameAt + 0xfff);
      if (nameEnd < 0 || nameEnd >= end || bytes[nameEnd] !== 0) return undefined;
      at += (nameEnd - at + 8) & ~7;
      if (lengths.has(nameEnd - nameAt) || bytes[nameEnd - 1] === 0x73) name = bytes.toString('latin1', nameAt, nameEnd);
    }
    // A sparse index's folder entry stands for every file below it: left to git.
    if (bytes[nameEnd - 1] === 0x2f) return undefined;
    if (name === undefined) continue;
    const stage = (flags >> 12) & 3;
    if (name === ATTRIBUTES || name.endsWith(`/${ATTRIBUTES}`)) {
      const key = Buffer.from(name, 'latin1').toString('utf8');
      attributes.set(key, `${attributes.get(key) ?? ''}${stage}:${bytes.toString('hex', flagsAt - oidBytes, flagsAt)} `);
    }
    if (!names.has(name)) continue;
    const entry: IndexEntry = {
      raw: bytes.toString('hex', start, nameEnd),
      ctimeSec: bytes.readUInt32BE(start),
      ctimeNsec: bytes.readUInt32BE(start + 4),
      mtimeSec: bytes.readUInt32BE(start + 8),
      mtimeNsec: bytes.readUInt32BE(start + 12),
      dev: bytes.readUInt32BE(start + 16),
      ino: bytes.readUInt32BE(start + 20),
      mode: bytes.readUInt32BE(start + 24),
      uid: bytes.readUInt32BE(start + 28),
      gid: bytes.readUInt32BE(start + 32),
      size: bytes.readUInt32BE(start + 36),
      oid: bytes.toString('hex', start + 40, flagsAt),
      stage,
      // assume-unchanged (0x8000); skip-worktree (0x4000) and intent-to-add (0x2000) of the extended flags.
      flagged: (flags & 0x8000) !== 0 || (extended & 0x6000) !== 0,
    };
    entries.set(name, [...(entries.get(name) ?? []), entry]);
  }
  // Extensions: a split index keeps most entries in another file; a sparse one folds folders.
  while (at + 8 <= end) {
    const signature = bytes.toString('latin1', at, at + 4);
    if (signature === 'link' || signature === 'sdir') return undefined;
    at += 8 + bytes.readUInt32BE(at + 4);
  }
  return { entries, attributes };
}
