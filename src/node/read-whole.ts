import { readSync } from 'node:fs';

/** Reads `size` bytes of the open file `fd` from its start into `into` (synchronously); false when the file ends before them. */
export function readWhole(fd: number, into: Buffer, size: number): boolean {
  let got = 0;
  while (got < size) {
    const read = readSync(fd, into, got, size - got, got);
    if (read === 0) return false;
    got += read;
  }
  return true;
}
