import { createHash } from 'node:crypto';
import { watch, promises as fs, type FSWatcher } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { processGone, processStartTime } from './process-liveness';

/** A short tag of this host, in ticket names: a ticket of another host cannot be checked by pid. */
const HOST_TAG = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);

/** Waiters re-touch their ticket this often; a ticket of another host untouched for `staleMs` is abandoned. */
const TOUCH_EVERY_MS = 3000;

let sequence = 0;

/** This process's start time (see `processStartTime`), so a ticket left by a crash is not kept alive by a reused pid. */
const OWN_START = processStartTime(process.pid) ?? 'x';

/**
 * A place in the queue for one lock file: the empty file `<lock>.<ms>-<seq>.<pid>.<host>.wait`.
 * Tickets sort by name in the order they were taken (time, then a per-process sequence), and only
 * the first may try to take the lock, so waiters get it in the order they arrived instead of by
 * chance of a backoff. A ticket whose process is gone (this host) or that was not touched for
 * `staleMs` (another host) is removed by the waiters behind it.
 */
export class LockQueue {
  readonly name: string;
  private readonly dir: string;
  private readonly prefix: string;
  private readonly pattern: RegExp;
  private touchedAt = Date.now();
  private watcher: FSWatcher | undefined;
  private wake: (() => void) | undefined;

  private constructor(
    lockPath: string,
    private readonly staleMs: number,
  ) {
    this.dir = path.dirname(lockPath);
    this.prefix = `${path.basename(lockPath)}.`;
    this.pattern = /^(\d{15})-(\d{6})\.(\d+)-(\d+|x)\.([0-9a-f]{8})\.wait$/;
    this.name = `${this.prefix}${String(Date.now()).padStart(15, '0')}-${String(sequence++ % 1_000_000).padStart(6, '0')}.${process.pid}-${OWN_START}.${HOST_TAG}.wait`;
  }

  /** Takes a ticket for `lockPath` (its folder must exist). */
  static async join(lockPath: string, staleMs: number): Promise<LockQueue> {
    const queue = new LockQueue(lockPath, staleMs);
    await fs.writeFile(path.join(queue.dir, queue.name), '', { flag: 'wx' });
    queue.startWatching(path.basename(lockPath));
    return queue;
  }

  /** True when no live ticket is ahead of this one; abandoned tickets ahead are removed. Re-creates this ticket if someone removed it. */
  async first(): Promise<boolean> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const tickets = names.filter((n) => n.startsWith(this.prefix) && this.pattern.test(n.slice(this.prefix.length))).sort();
    if (!tickets.includes(this.name) || Date.now() - this.touchedAt > TOUCH_EVERY_MS) await this.touch();
    for (const ticket of tickets) {
      if (ticket >= this.name) break;
      if (!(await this.abandoned(ticket))) return false;
      await fs.rm(path.join(this.dir, ticket), { force: true });
    }
    return true;
  }

  /**
   * Resolves after `ms`, or sooner when the lock file or a ticket is created or removed (the
   * folder is watched; where it cannot be, this is a plain poll).
   */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Leaves the queue (after taking the lock, or giving up). */
  async leave(): Promise<void> {
    this.watcher?.close();
    this.watcher = undefined;
    this.wake?.();
    await fs.rm(path.join(this.dir, this.name), { force: true });
  }

  private startWatching(lockName: string): void {
    try {
      this.watcher = watch(this.dir, { persistent: false }, (_event, file) => {
        // Only the lock and the tickets: writers' temporary files and appends to the incident file would wake every waiter for nothing.
        const name = typeof file === 'string' ? file : file ? String(file) : '';
        if (name === '' || name === lockName || (name.startsWith(this.prefix) && name.endsWith('.wait'))) this.wake?.();
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch {
      this.watcher = undefined;
    }
  }

  private async touch(): Promise<void> {
    this.touchedAt = Date.now();
    const file = path.join(this.dir, this.name);
    const now = new Date();
    await fs.utimes(file, now, now).catch(() => fs.writeFile(file, '', { flag: 'a' }).catch(() => undefined));
  }

  private async abandoned(ticket: string): Promise<boolean> {
    const match = this.pattern.exec(ticket.slice(this.prefix.length))!;
    if (match[5] === HOST_TAG) return processGone(Number(match[3]), match[4] === 'x' ? undefined : match[4]);
    const stat = await fs.stat(path.join(this.dir, ticket)).catch(() => undefined);
    return !stat || Math.abs(Date.now() - stat.mtimeMs) > this.staleMs;
  }
}
