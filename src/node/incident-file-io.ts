import { constants as fsConstants, promises as fs, type promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { markResolved } from '../core/incident/resolve';

/**
 * Writes `length` bytes of `bytes` from `offset` at the end of an O_APPEND file; resolves how many
 * were written. The store's write port: tests put a failing one in (a full disk).
 */
export type AppendWrite = (handle: fsp.FileHandle, bytes: Buffer, offset: number, length: number) => Promise<number>;

/** The system's write. */
export const systemWrite: AppendWrite = async (handle, bytes, offset, length) => (await handle.write(bytes, offset, length)).bytesWritten;

/**
 * Appends `text` to an existing file with one write on an O_APPEND descriptor (more only on a full
 * disk or a signal), then fsync; starts with a newline when the file does not end with one. A
 * write or fsync that fails truncates the file back to the size it had, so no torn fragment is
 * left behind to be read as an entry later. The caller holds the file's lock.
 */
export async function appendLocked(absolute: string, text: string, write: AppendWrite = systemWrite): Promise<void> {
  const handle = await fs.open(absolute, fsConstants.O_RDWR | fsConstants.O_APPEND);
  try {
    const { size } = await handle.stat();
    let endsWithNewline = true;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      endsWithNewline = last[0] === 0x0a;
    }
    await writeAtEnd(handle, size, endsWithNewline, text, write);
  } finally {
    await handle.close();
  }
}

/** Told how long a step of an append took, in milliseconds (for figures; see `bench/incident-crash-loop.ts`). */
export type PhaseTimer = (phase: string, ms: number) => void;

/**
 * The write of {@link appendLocked} on an O_APPEND `handle` of a file of `size` bytes: `text`, after
 * a newline unless the file ends with one, in one write (more only on a full disk or a signal),
 * then fsync; a failure truncates the file back to `size`. The caller holds the file's lock.
 */
export async function writeAtEnd(handle: fsp.FileHandle, size: number, endsWithNewline: boolean, text: string, write: AppendWrite = systemWrite, onPhase?: PhaseTimer): Promise<void> {
  const bytes = Buffer.from(endsWithNewline ? text : `\n${text}`, 'utf8');
  try {
    let from = performance.now();
    let written = 0;
    while (written < bytes.length) written += await write(handle, bytes, written, bytes.length - written);
    onPhase?.('write', performance.now() - from);
    from = performance.now();
    await handle.sync();
    onPhase?.('fsync', performance.now() - from);
  } catch (error) {
    await handle.truncate(size).then(() => handle.sync()).catch(() => undefined);
    throw error;
  }
}

/** Marks the front matter resolved (see `markResolved`): temp file, fsync, rename, only if the file did not change meanwhile. */
export function resolveLocked(absolute: string, at: Date): Promise<{ updated: boolean; problem?: string }> {
  return rewriteLocked(absolute, (text) => markResolved(text, at), 'marked resolved', 'Set `status: resolved` by hand.');
}

/**
 * Rewrites a file with `edit(text)`: written whole to a temporary file, fsynced, renamed over the
 * original (so a crash leaves the old file or the new one, never a mix), and only if the file did
 * not change since it was read. An edit that returns an error leaves the file alone. The caller
 * holds the file's lock.
 */
export async function rewriteLocked(
  absolute: string,
  edit: (text: string) => { text: string } | { error: string },
  doing = 'edited',
  byHand = 'Make the change by hand.',
): Promise<{ updated: boolean; problem?: string }> {
  const before = await fs.stat(absolute);
  const text = await fs.readFile(absolute, 'utf8');
  const result = edit(text);
  if ('error' in result) return { updated: false, problem: result.error };
  const temporary = path.join(path.dirname(absolute), `.${path.basename(absolute)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const handle = await fs.open(temporary, 'wx', before.mode & 0o777);
    try {
      await handle.writeFile(result.text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    const now = await fs.stat(absolute);
    if (now.size !== before.size || now.mtimeMs !== before.mtimeMs || now.ino !== before.ino) {
      await fs.rm(temporary, { force: true });
      return { updated: false, problem: `${path.basename(absolute)} changed while it was being ${doing}; it was left as it was. ${byHand}` };
    }
    await fs.rename(temporary, absolute);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  await syncDir(path.dirname(absolute));
  return { updated: true };
}

/** Creates `absolute` with O_EXCL and writes `text` durably; false when it already exists. */
export async function createExclusive(absolute: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(absolute, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(absolute, { force: true }); // ours, and incomplete
    throw error;
  }
  await handle.close();
  return true;
}

/** fsync a folder so a new or renamed entry survives a crash; not possible on every platform (Windows), so failures are ignored. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
