/**
 * File names are bytes. On Linux a tracked file may be named with bytes that are not UTF-8 (a
 * Latin-1 name from an old tool, a hostile tarball): decoded as UTF-8 they turn into U+FFFD, and a
 * path with U+FFFD names no file on disk, so such a file used to drop out of every listing.
 */

const strict = new TextDecoder('utf-8', { fatal: true });

/** A file name decoded for display and as a key: valid UTF-8 as text, each other byte as `\xNN`. */
export interface DecodedName {
  name: string;
  /** False when a byte had to be escaped. */
  utf8: boolean;
}

/**
 * Decodes a file name: valid UTF-8 as is; each byte that is not part of a valid UTF-8 sequence
 * as `\xNN` (lower-case hex, as the terminal text sink escapes control bytes), so the name stays
 * visible, distinct from other names and free of U+FFFD. A name that is valid UTF-8 and holds a
 * literal `\x` is left as it is (it is told apart by `utf8: true`).
 */
export function decodeFileName(bytes: Uint8Array): DecodedName {
  try {
    return { name: strict.decode(bytes), utf8: true };
  } catch {
    // fall through: escape byte by byte
  }
  let name = '';
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      name += strict.decode(bytes.subarray(i, i + length));
      i += length;
    } else {
      name += `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return { name, utf8: false };
}

/** The length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there does not start one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return 1;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  try {
    strict.decode(bytes.subarray(i, i + length));
    return length;
  } catch {
    return 0; // a bad continuation byte, an overlong form or a surrogate
  }
}
