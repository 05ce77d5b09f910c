import { promises as fs } from 'node:fs';
import * as os from 'node:os';

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** How long to wait for the lock before giving up (default 20 s). */
  timeoutMs?: number;
  /**
   * A lock file older than this is taken over (default 15 s): its writer crashed on another host.
   * On the same host a lock whose process is gone is taken over at once.
   */
  staleMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  at: string;
}

/**
 * Runs `fn` while holding an exclusive lock on `target`: the file `<target>.lock`, created with
 * O_EXCL (`wx`) and holding the owner's pid, host and time; removed afterwards. Waits with a
 * jittered backoff while another writer holds it. A stale lock (its process is gone, or older than
 * `staleMs`) is removed, but only if it is still the same lock file with the same content, so two
 * waiters that both find it stale cannot remove a fresh lock taken in between (a narrow window
 * remains between that check and the unlink; a crashed writer is the only way to get there).
 * Rejects when the lock cannot be had within `timeoutMs`, naming the lock file.
 */
export async function withFileLock<T>(target: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const lockPath = `${target}.lock`;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const staleMs = options.staleMs ?? 15_000;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(lockPath)) break;
    if (await removeIfStale(lockPath, staleMs)) continue;
    if (Date.now() > deadline) {
      throw new Error(`${target} is locked by another writer (${lockPath}). If no runbooks process is running, delete that file and try again.`);
    }
    await sleep(Math.random() * Math.min(2 * 2 ** attempt, 50));
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}

async function tryCreate(lockPath: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), at: new Date().toISOString() };
    await handle.writeFile(JSON.stringify(owner));
  } finally {
    await handle.close();
  }
  return true;
}

async function removeIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const seen = await snapshot(lockPath);
  if (!seen) return true; // released meanwhile: try again at once
  if (!isStale(seen.content, seen.mtimeMs, staleMs)) return false;
  const again = await snapshot(lockPath);
  if (!again) return true;
  if (again.ino !== seen.ino || again.content !== seen.content || again.mtimeMs !== seen.mtimeMs) return false;
  await fs.rm(lockPath, { force: true });
  return true;
}

async function snapshot(lockPath: string): Promise<{ ino: number; mtimeMs: number; content: string } | undefined> {
  try {
    const stat = await fs.stat(lockPath);
    const content = await fs.readFile(lockPath, 'utf8');
    return { ino: stat.ino, mtimeMs: stat.mtimeMs, content };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isStale(content: string, mtimeMs: number, staleMs: number): boolean {
  if (Date.now() - mtimeMs > staleMs) return true;
  let owner: Partial<LockOwner> | undefined;
  try {
    owner = JSON.parse(content) as Partial<LockOwner>;
  } catch {
    return false; // being written right now, or garbage: only age can tell
  }
  if (owner.host !== os.hostname() || typeof owner.pid !== 'number') return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
