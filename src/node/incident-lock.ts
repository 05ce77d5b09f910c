import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

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

/** An empty or unreadable lock older than this (or dated this far in the future) is stale. */
export const UNREADABLE_LOCK_STALE_MS = 1000;

/**
 * Runs `fn` while holding an exclusive lock on `target`: the file `<target>.lock`, holding the
 * owner's pid, host and time. The owner is written atomically: to a temporary file first, which is
 * then hard-linked as the lock (`link(2)` fails if the lock exists), so no other process ever sees
 * a lock that is empty or half-written; removed afterwards. Waits with a jittered backoff while
 * another writer holds it. A stale lock is removed: its process is gone (same host), it is older
 * than `staleMs` (or dated that far ahead), or it is empty or unreadable (left by a crashed older
 * version, or a hand edit) and older than {@link UNREADABLE_LOCK_STALE_MS} either way. It is
 * removed only if it is still the same lock file with the same content, so two waiters that both
 * find it stale cannot remove a fresh lock taken in between (a narrow window remains between that
 * check and the unlink; a crashed writer is the only way to get there).
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
    await sweepTemporaries(lockPath);
    return await fn();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}

async function tryCreate(lockPath: string): Promise<boolean> {
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), at: new Date().toISOString() };
  const temporary = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(owner), { flag: 'wx' });
  try {
    await fs.link(temporary, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links (some network or FAT mounts): create it exclusively instead.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createInPlace(lockPath, owner);
    throw error;
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

/** The fallback: O_EXCL create, then write (an empty lock is possible in between, and is stale after a second). */
async function createInPlace(lockPath: string, owner: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
  } finally {
    await handle.close();
  }
  return true;
}

/** Removes the temporary owner files that writers killed before linking them left next to `lockPath`. */
async function sweepTemporaries(lockPath: string): Promise<void> {
  const dir = path.dirname(lockPath);
  const prefix = `${path.basename(lockPath)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (match && !processAlive(Number(match[1]))) await fs.rm(path.join(dir, name), { force: true });
  }
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
  const age = Math.abs(Date.now() - mtimeMs);
  let owner: Partial<LockOwner> | null = null;
  try {
    owner = JSON.parse(content) as Partial<LockOwner> | null;
  } catch {
    // unreadable: the owner is always written whole, so nobody is writing it now
  }
  if (!owner || typeof owner !== 'object' || typeof owner.pid !== 'number') return age > UNREADABLE_LOCK_STALE_MS;
  if (age > staleMs) return true;
  if (owner.host !== os.hostname()) return false;
  return !processAlive(owner.pid);
}

/** False only when the process is known to be gone (ESRCH); a process of another user (EPERM) is alive. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
