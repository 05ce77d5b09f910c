import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LockQueue } from './lock-queue';
import { processGone, processStartTime } from './process-liveness';

const OWN_START = processStartTime(process.pid);

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** How long to wait for the lock before giving up (default 20 s). */
  timeoutMs?: number;
  /**
   * A lock file older than this is taken over (default 15 s): its writer crashed on another host.
   * On the same host a lock whose process is gone is taken over at once.
   */
  staleMs?: number;
  /** Told how long this acquisition waited, in milliseconds, once the lock is held (for figures). */
  onAcquired?: (waitedMs: number) => void;
  /** Told how long a step of the lock took, in milliseconds (`join`: taking a ticket; `release`), for figures. */
  onPhase?: (phase: string, ms: number) => void;
}

interface LockOwner {
  pid: number;
  host: string;
  at: string;
  /** The owner's start time (`processStartTime`), where the OS tells it: a reused pid is not the owner. */
  start?: string;
}

/** An empty or unreadable lock older than this (or dated this far in the future) is stale. */
export const UNREADABLE_LOCK_STALE_MS = 1000;

/** The first waiter re-checks a held lock this often (a dead owner leaves no trace in the folder to wake it). */
const FIRST_POLL_MS = 50;
/** Waiters behind it re-check the queue this often (a waiter killed ahead of them likewise). */
const QUEUED_POLL_MS = 100;

/**
 * Runs `fn` while holding an exclusive lock on `target`: the file `<target>.lock`, holding the
 * owner's pid, host, start time and time. The owner is written atomically: to a temporary file
 * first, which is then hard-linked as the lock (`link(2)` fails if the lock exists), so no other
 * process ever sees a lock that is empty or half-written; removed afterwards.
 *
 * Waiting is fair: each waiter takes a ticket (see `LockQueue`) and only the first in line tries
 * the lock, so writers get it in the order they arrived. The folder is watched, so a release wakes
 * the next waiter at once (a poll backs this up where watching does not work).
 *
 * A stale lock is removed: its process is gone (same host; a zombie or a reused pid counts as
 * gone), it is older than `staleMs` (or dated that far ahead), or it is empty or unreadable (left
 * by a crashed older version, or a hand edit) and older than {@link UNREADABLE_LOCK_STALE_MS}
 * either way. It is removed only if it is still the same lock file with the same content, so two
 * waiters that both find it stale cannot remove a fresh lock taken in between (a narrow window
 * remains between that check and the unlink; a crashed writer is the only way to get there).
 * Rejects when the lock cannot be had within `timeoutMs`, naming the lock file.
 */
export async function withFileLock<T>(target: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const lockPath = `${target}.lock`;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const staleMs = options.staleMs ?? 15_000;
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  const queue = await LockQueue.join(lockPath, staleMs);
  options.onPhase?.('join', performance.now() - started);
  try {
    for (;;) {
      const first = await queue.first();
      if (first) {
        if (await tryCreate(lockPath)) break;
        if (await removeIfStale(lockPath, staleMs)) continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`${target} is locked by another writer (${lockPath}). If no runbooks process is running, delete that file and try again.`);
      }
      await queue.wait(first ? FIRST_POLL_MS : QUEUED_POLL_MS);
    }
  } finally {
    await queue.leave();
  }
  options.onAcquired?.(performance.now() - started);
  try {
    await sweepTemporaries(lockPath);
    return await fn();
  } finally {
    const releasing = performance.now();
    await fs.rm(lockPath, { force: true });
    options.onPhase?.('release', performance.now() - releasing);
  }
}

async function tryCreate(lockPath: string): Promise<boolean> {
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), at: new Date().toISOString(), ...(OWN_START ? { start: OWN_START } : {}) };
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
    if (match && processGone(Number(match[1]))) await fs.rm(path.join(dir, name), { force: true });
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
  return processGone(owner.pid, typeof owner.start === 'string' ? owner.start : undefined);
}
