import { readFileSync } from 'node:fs';
import { parseStat } from './process-tree';

let procReadable: boolean | undefined;

/** Whether `/proc/<pid>/stat` can be read here (Linux), checked once. */
function hasProc(): boolean {
  if (procReadable === undefined) {
    try {
      readFileSync('/proc/self/stat', 'utf8');
      procReadable = true;
    } catch {
      procReadable = false;
    }
  }
  return procReadable;
}

/**
 * The start time of process `pid` (clock ticks after boot, from `/proc/<pid>/stat`): with the pid
 * it names one process even after the pid is reused. Undefined where `/proc` cannot be read or the
 * process does not exist.
 */
export function processStartTime(pid: number): string | undefined {
  if (!hasProc()) return undefined;
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.startTime;
  } catch {
    return undefined;
  }
}

/**
 * True when process `pid` of this host is known to be gone: it does not exist, it has exited and
 * waits to be reaped (a zombie holds nothing), or `startTime` is given and the pid now belongs to
 * a process that started at another time (the pid was reused). A process of another user is alive.
 */
export function processGone(pid: number, startTime?: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (hasProc()) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT';
    }
    const info = parseStat(stat);
    if (!info) return false;
    if (info.state === 'Z' || info.state === 'X') return true;
    return startTime !== undefined && info.startTime !== startTime;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
