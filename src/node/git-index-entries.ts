// Chosen entries of git's index file, from its bytes as `IndexReader` reads them (no process): what
// the watched paths' status is proven from (see `WorkingStatus`). Versions 2-4, SHA-1 or SHA-256 ids; a split
// index, a sparse index or anything else not followed here gives no answer (git is asked then).
import { nameOf, stageOf, walkIndex } from './git-index-walk';

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

const ATTRIBUTES = '.gitattributes';

/** The entries of `names` and of every `.gitattributes` in an index file's bytes; undefined when not followed here. */
export function parseEntries(bytes: Buffer, oidBytes: number, names: ReadonlySet<string>): Omit<IndexRead, 'mtimeNs'> | undefined {
  const lengths = new Set([...names].map((n) => n.length));
  const entries = new Map<string, IndexEntry[]>();
  const attributes = new Map<string, string>();
  const followed = walkIndex(bytes, oidBytes, (at) => {
    const { start, flagsAt, flags, extended, nameAt, nameEnd } = at;
    // Names are decoded only where they can be one asked for or an attributes file.
    if (at.name === undefined && !lengths.has(nameEnd - nameAt) && bytes[nameEnd - 1] !== 0x73) return;
    const name = nameOf(bytes, at);
    const stage = stageOf(at);
    if (name === ATTRIBUTES || name.endsWith(`/${ATTRIBUTES}`)) {
      const key = Buffer.from(name, 'latin1').toString('utf8');
      attributes.set(key, `${attributes.get(key) ?? ''}${stage}:${bytes.toString('hex', flagsAt - oidBytes, flagsAt)} `);
    }
    if (!names.has(name)) return;
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
  });
  return followed ? { entries, attributes } : undefined;
}
