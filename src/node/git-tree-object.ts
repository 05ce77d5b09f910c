// Git tree objects as `git cat-file --batch` gives them: entries of `<mode> <name>\0<id bytes>`.

/** One entry of a tree object: its mode as written, where its name is in the bytes, its id (hex). */
export interface RawTreeEntry {
  mode: string;
  nameAt: number;
  nameEnd: number;
  oid: string;
}

/**
 * Calls `visit` with each entry of a tree object's bytes in order (ids `oidBytes` long), until it
 * returns false. Returns false when the bytes end inside an entry (not a whole tree); the entries
 * before were visited.
 */
export function walkTree(content: Buffer, oidBytes: number, visit: (entry: RawTreeEntry) => boolean | void): boolean {
  for (let at = 0; at < content.length; ) {
    const space = content.indexOf(0x20, at);
    const nul = space < 0 ? -1 : content.indexOf(0, space + 1);
    if (nul < 0 || nul + 1 + oidBytes > content.length) return false;
    if (visit({ mode: content.toString('latin1', at, space), nameAt: space + 1, nameEnd: nul, oid: content.toString('hex', nul + 1, nul + 1 + oidBytes) }) === false) return true;
    at = nul + 1 + oidBytes;
  }
  return true;
}
