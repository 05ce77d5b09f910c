// What git's index says about working-tree reads, read from the index file itself (no process):
// which files git does not look at in the working tree, and the `.gitattributes` git falls back to.
import { closeSync, fstatSync, openSync, promises as fs, type BigIntStats } from 'node:fs';
import { parseEntries, type IndexRead } from './git-index-entries';
import { readWhole } from './read-whole';
import { nameOf, stageOf, walkIndex } from './git-index-walk';

/** The name git reads attributes from in each folder. */
const ATTRIBUTES = Buffer.from('.gitattributes', 'latin1');

/** Index files larger than this are left to git (`ls-files -v`). */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** What an index file says, paths relative to the repository's top level. */
export interface IndexFacts {
  /**
   * The files `git ls-files -v` tags `S` (skip-worktree, at stage 0) or in lower case
   * (assume-unchanged): their working-tree file may differ from the index while git calls it
   * unchanged.
   */
  flagged: Set<string>;
  /** Per `.gitattributes` in the index, its entries (stage and blob id): what git reads where the working tree has none. */
  attributes: Map<string, string>;
}

/** A file's identity and state, for telling whether it changed since: device, inode, size, change and modification times (ns). */
export function statKey(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.ctimeNs}:${stat.mtimeNs}`;
}

/**
 * Reads index files (as `git rev-parse --git-path index` names them) into one kept buffer: a new
 * 2 MiB buffer per read costs more in page faults than the read itself. One reader serves every
 * use of the index in a repository (the docs' flags, the watched paths' entries): the file is read
 * once per change of it (its `statKey`), and the facts of an unchanged one are not worked out again.
 */
export class IndexReader {
  private buffer = Buffer.alloc(0);
  /** The `statKey` of the file whose bytes the buffer holds. */
  private held: string | undefined;
  private last: { key: string; facts: IndexFacts | undefined } | undefined;
  /** The buffer `preload` reads into, swapped with `buffer` when it is done. */
  private spare = Buffer.alloc(0);
  private loading: Promise<void> | undefined;

  /**
   * Reads the index file at `file` into the kept buffer off the calling thread (libuv's pool),
   * unless the buffer holds it already; `ready` waits for it. Right after git replaced the file
   * (a commit, a save staged), its first read can take tens of ms on a virtual machine, which the
   * synchronous reads would spend on the extension host's thread.
   */
  preload(file: string): void {
    this.loading ??= this.readAhead(file).catch(() => undefined).finally(() => (this.loading = undefined));
  }

  /** Resolves when no `preload` is under way. */
  async ready(): Promise<void> {
    await this.loading;
  }

  private async readAhead(file: string): Promise<void> {
    const handle = await fs.open(file, 'r');
    try {
      const stat = await handle.stat({ bigint: true });
      const [key, size] = [statKey(stat), Number(stat.size)];
      if (!stat.isFile() || size > MAX_INDEX_BYTES || this.held === key) return;
      // Not the kept buffer: a synchronous read meanwhile reads into that one.
      const into = this.spare.length >= size ? this.spare : Buffer.allocUnsafe(size);
      for (let got = 0; got < size; ) {
        const { bytesRead } = await handle.read(into, got, size - got, got);
        if (bytesRead === 0) return;
        got += bytesRead;
      }
      if (this.held === key) return;
      [this.spare, this.buffer, this.held] = [this.buffer, into, key];
    } finally {
      await handle.close();
    }
  }

  /**
   * The facts of the index file at `file`, whose blob ids are `oidBytes` long (20, or 32 for
   * SHA-256), and its `statKey` (undefined when it cannot be told). No index file: no entries.
   * `facts` is undefined when the index is not one this reader follows (a split index, a sparse
   * index with folder entries, a version other than 2-4, anything malformed or over 64 MiB): git is
   * asked then.
   */
  read(file: string, oidBytes: number): { key: string | undefined; facts: IndexFacts | undefined } {
    const loaded = this.load(file, oidBytes);
    if (loaded === 'missing') return { key: '-', facts: { flagged: new Set(), attributes: new Map() } };
    if (!loaded?.bytes) return { key: loaded?.key, facts: undefined };
    if (this.last?.key !== loaded.key) this.last = { key: loaded.key, facts: parseIndex(loaded.bytes, oidBytes) };
    return this.last;
  }

  /**
   * The entries of `names` (latin1 strings of UTF-8 bytes, top-relative) in the index file at
   * `file`, with its modification time (see `parseEntries`). No index file: no entries. Undefined
   * when it cannot be read or followed here.
   */
  entries(file: string, oidBytes: number, names: ReadonlySet<string>): IndexRead | undefined {
    const loaded = this.load(file, oidBytes);
    if (loaded === 'missing') return { mtimeNs: 0n, entries: new Map(), attributes: new Map() };
    const parsed = loaded?.bytes && parseEntries(loaded.bytes, oidBytes, names);
    return parsed && { mtimeNs: loaded.mtimeNs, ...parsed };
  }

  /** The index file's bytes (in the kept buffer), read unless the buffer holds them already; its key alone when it is not read here. */
  private load(file: string, oidBytes: number): { key: string; mtimeNs: bigint; bytes?: Buffer } | 'missing' | undefined {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : undefined;
    }
    // Synchronous, where no `preload` read the file first (a caller that did not start one, or a file
    // replaced since): usually ~0.5 ms for 2 MiB into the kept buffer, but tens of ms right after git
    // replaced the file on some virtual machines (see `preload`).
    try {
      // Git replaces the index file by renaming a new one over it: the open file does not change.
      const stat = fstatSync(fd, { bigint: true });
      const held = statKey(stat);
      const key = `${oidBytes}:${held}`;
      const size = Number(stat.size);
      if (!stat.isFile() || size > MAX_INDEX_BYTES) return { key, mtimeNs: stat.mtimeNs };
      if (this.held !== held) {
        this.held = undefined;
        if (this.buffer.length < size) this.buffer = Buffer.allocUnsafe(size);
        if (!readWhole(fd, this.buffer, size)) return undefined;
        this.held = held;
      }
      return { key, mtimeNs: stat.mtimeNs, bytes: this.buffer.subarray(0, size) };
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  }
}

/** `readIndexFacts` of an index file's bytes. */
export function parseIndex(bytes: Buffer, oidBytes: number): IndexFacts | undefined {
  const facts: IndexFacts = { flagged: new Set(), attributes: new Map() };
  const followed = walkIndex(bytes, oidBytes, (entry) => {
    const { flagsAt, flags, extended, nameAt, nameEnd } = entry;
    const stage = stageOf(entry);
    const flagged = (flags & 0x8000) !== 0 || (stage === 0 && (extended & 0x4000) !== 0);
    const attributes = bytes[nameEnd - 1] === 0x73 && nameEnd - nameAt >= ATTRIBUTES.length && bytes.compare(ATTRIBUTES, 0, ATTRIBUTES.length, nameEnd - ATTRIBUTES.length, nameEnd) === 0;
    // Most entries are neither flagged nor attribute files: their names are not decoded.
    if (!flagged && !attributes) return;
    const name = nameOf(bytes, entry);
    if (flagged) facts.flagged.add(utf8(name));
    if (attributes && (name === '.gitattributes' || name.endsWith('/.gitattributes'))) {
      const key = utf8(name);
      facts.attributes.set(key, `${facts.attributes.get(key) ?? ''}${stage}:${bytes.toString('hex', flagsAt - oidBytes, flagsAt)} `);
    }
  });
  return followed ? facts : undefined;
}

/** A latin1 string of UTF-8 bytes, decoded. */
function utf8(latin1: string): string {
  return /[^\x00-\x7f]/.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}
