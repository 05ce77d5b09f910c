import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Files read because of repository content are at most this big unless the caller says otherwise. */
export const DEFAULT_MAX_READ_BYTES = 10 * 1024 * 1024;

/** Where a path named by repository content leads. */
export type Resolved =
  /** Inside the root: `real` is the absolute path with every symbolic link resolved. */
  | { kind: 'inside'; real: string }
  /** Nothing there, and no symbolic link on the way (so nothing outside the root was looked at). */
  | { kind: 'missing' }
  /** Refused: `reason` completes "`<path>` …" and never says what is (or is not) beyond the root. */
  | { kind: 'refused'; reason: string };

/** A file read through the boundary; a refusal's `code` is `EISDIR` for a folder. */
export type BoundedRead = { kind: 'file'; bytes: Buffer; real: string } | { kind: 'missing' } | { kind: 'refused'; reason: string; code?: string };

/** Same words whether the link's target exists or not: the answer must not reveal what lies outside. */
export const OUTSIDE_WHERE = 'leads outside the workspace folder (through `..` or a symbolic link) or to nothing';
export const OUTSIDE_REASON = `${OUTSIDE_WHERE}; it is not read`;

/**
 * Resolves `target` (absolute, or relative to `root`) with every symbolic link followed and says
 * whether it lies inside `root` (itself resolved). A path outside the root, and a symbolic link
 * that leads outside or nowhere, are refused with the same reason, so the answer is no oracle for
 * what exists outside. A missing path with no link on its way is `missing`.
 */
export async function resolveInside(root: string, target: string): Promise<Resolved> {
  const realRoot = await fs.realpath(root);
  const lexical = path.resolve(root, target);
  if (!isWithin(path.resolve(root), lexical) && !isWithin(realRoot, lexical)) return { kind: 'refused', reason: OUTSIDE_REASON };
  let real: string;
  try {
    real = await fs.realpath(lexical);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return { kind: 'refused', reason: `cannot be read (${code ?? 'error'})` };
    return (await hasLinkOnTheWay(path.resolve(root), lexical)) ? { kind: 'refused', reason: OUTSIDE_REASON } : { kind: 'missing' };
  }
  return isWithin(realRoot, real) ? { kind: 'inside', real } : { kind: 'refused', reason: OUTSIDE_REASON };
}

/**
 * Reads a file named by repository content: only when it resolves inside `root`, is a regular
 * file (never a FIFO, a device, a socket or a folder: opening one must not block or stream
 * forever) and holds at most `maxBytes`. The reason of a refusal never quotes the file.
 */
export async function readInside(root: string, target: string, maxBytes = DEFAULT_MAX_READ_BYTES): Promise<BoundedRead> {
  const resolved = await resolveInside(root, target);
  if (resolved.kind !== 'inside') return resolved;
  let handle: fs.FileHandle;
  try {
    // Non-blocking, so a FIFO swapped in after the check cannot hold the open; no link followed at the end.
    handle = await fs.open(resolved.real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'refused', reason: code === 'ELOOP' ? OUTSIDE_REASON : `cannot be read (${code ?? 'error'})` };
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { kind: 'refused', reason: 'is a folder; it is not read', code: 'EISDIR' };
    if (!stat.isFile()) return { kind: 'refused', reason: 'is not a regular file (a FIFO, device or socket); it is not read' };
    if (stat.size > maxBytes) return { kind: 'refused', reason: `is larger than ${formatBytes(maxBytes)}; it is not read` };
    // Read one byte more than allowed: a file that grows while being read is refused, not truncated.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stat.size + 1, 1)));
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return { kind: 'refused', reason: `is larger than ${formatBytes(maxBytes)}; it is not read` };
      if (length === buffer.length) break;
    }
    return { kind: 'file', bytes: buffer.subarray(0, length), real: resolved.real };
  } finally {
    await handle.close();
  }
}

/** True when `inner` is `outer` or below it (both absolute and normalised). */
export function isWithin(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** Whether any existing component from `root` down to `target` is a symbolic link. */
async function hasLinkOnTheWay(root: string, target: string): Promise<boolean> {
  const parts = path.relative(root, target).split(path.sep).filter(Boolean);
  let current = root;
  for (const part of parts) {
    current = path.join(current, part);
    const stat = await fs.lstat(current).catch(() => undefined);
    if (!stat) return false;
    if (stat.isSymbolicLink()) return true;
  }
  return false;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
