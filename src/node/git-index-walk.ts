// One walk over the entries of git's index file, read from its bytes (no process), for the readers
// that need some of it: the docs' flags (`git-index-flags.ts`) and the watched paths' entries
// (`git-index-entries.ts`). Versions 2-4, SHA-1 or SHA-256 ids; a split index, a sparse index or
// anything else not followed here gives no answer (git is asked then).

/** Where one entry's parts lie in the index bytes. */
export interface EntryAt {
  /** Its first byte (the stat data). */
  start: number;
  /** Its flags, right after the blob id (`flagsAt - oidBytes`). */
  flagsAt: number;
  flags: number;
  /** The extended flags (version 3 and later), else 0. */
  extended: number;
  nameAt: number;
  nameEnd: number;
  /** A version 4 name (built from the one before it); in versions 2 and 3 undefined, read with `nameOf`. */
  name: string | undefined;
}

/** An entry's name: its path as a latin1 string of its UTF-8 bytes. */
export function nameOf(bytes: Buffer, entry: EntryAt): string {
  return entry.name ?? bytes.toString('latin1', entry.nameAt, entry.nameEnd);
}

/** The stage of an entry (0, or 1-3 in a conflict). */
export const stageOf = (entry: EntryAt): number => (entry.flags >> 12) & 3;

/**
 * Calls `visit` with each entry of an index file's bytes (ids `oidBytes` long), in order. False
 * when the bytes are not an index this walk follows (a version other than 2-4, a split or sparse
 * index, anything malformed): what `visit` saw then is not to be used.
 */
export function walkIndex(bytes: Buffer, oidBytes: number, visit: (entry: EntryAt) => void): boolean {
  if (bytes.length < 12 + oidBytes || bytes.toString('latin1', 0, 4) !== 'DIRC') return false;
  const version = bytes.readUInt32BE(4);
  if (version < 2 || version > 4) return false;
  const count = bytes.readUInt32BE(8);
  const end = bytes.length - oidBytes;
  let previous = '';
  let at = 12;
  for (let i = 0; i < count; i++) {
    const start = at;
    const flagsAt = at + 40 + oidBytes;
    if (flagsAt + 2 > end) return false;
    const flags = bytes.readUInt16BE(flagsAt);
    let nameAt = flagsAt + 2;
    let extended = 0;
    if (flags & 0x4000) {
      if (version < 3 || nameAt + 2 > end) return false;
      extended = bytes.readUInt16BE(nameAt);
      nameAt += 2;
    }
    let name: string | undefined;
    let nameEnd: number;
    if (version === 4) {
      // The length of the previous name to drop (an offset varint), then this name's tail.
      let byte = bytes[nameAt++] ?? 0x80;
      let strip = byte & 0x7f;
      while (byte & 0x80) {
        if (nameAt >= end) return false;
        byte = bytes[nameAt++]!;
        strip = ((strip + 1) << 7) | (byte & 0x7f);
      }
      nameEnd = bytes.indexOf(0, nameAt);
      if (nameEnd < 0 || nameEnd >= end || strip > previous.length) return false;
      name = previous = previous.slice(0, previous.length - strip) + bytes.toString('latin1', nameAt, nameEnd);
      at = nameEnd + 1;
    } else {
      // The name's length is in the flags unless it is 0xfff or more.
      const length = flags & 0xfff;
      nameEnd = length < 0xfff ? nameAt + length : bytes.indexOf(0, nameAt + 0xfff);
      if (nameEnd < 0 || nameEnd >= end || bytes[nameEnd] !== 0) return false;
      // Entries are padded with 1-8 NULs to a multiple of 8 bytes.
      at += (nameEnd - at + 8) & ~7;
    }
    // A sparse index's folder entry (a name ending in `/`) stands for every file below it: left to git.
    if (bytes[nameEnd - 1] === 0x2f) return false;
    visit({ start, flagsAt, flags, extended, nameAt, nameEnd, name });
  }
  // Extensions: a split index keeps most entries in another file; a sparse one folds folders.
  while (at + 8 <= end) {
    const signature = bytes.toString('latin1', at, at + 4);
    if (signature === 'link' || signature === 'sdir') return false;
    at += 8 + bytes.readUInt32BE(at + 4);
  }
  return true;
}
