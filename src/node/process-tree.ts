import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** What `/proc/<pid>/stat` says about one process. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  session: number;
  /** One letter: `R` running, `S` sleeping, `Z` zombie (exited, not yet reaped), … */
  state: string;
  /** Clock ticks after boot; with the pid, it names one process even when pids are reused. */
  startTime: string;
}

/**
 * Every process a run started, found through `/proc` (Linux): the run's shell and its descendants
 * by parent, anything in its session or process group, and anything holding the run's tracker
 * socket (the extra stdio socket every child inherits). The last catches what leaves the tree and
 * the session: `setsid`, `nohup … &`, `set -m` jobs, double forks and `disown`ed jobs reparented
 * to init. Processes seen once stay tracked (by pid and start time), so a process that later
 * closes the socket is still found. Where `/proc` cannot be read, only the process group is
 * signalled, as POSIX allows.
 */
export class ProcessTree {
  private readonly seen = new Map<number, string>();
  private lastTable: Map<number, ProcessInfo> | undefined;
  private readonly procRoot: string;

  /**
   * @param rootPid the run's shell (a session and group leader: it was spawned `detached`).
   * @param tracker the `socket:[inode]` link of the socket the run inherited, when known.
   */
  constructor(
    private readonly rootPid: number,
    private readonly tracker: string | undefined,
    options: { procRoot?: string } = {},
  ) {
    this.procRoot = options.procRoot ?? '/proc';
  }

  /**
   * The pids of the run's processes alive now (zombies included), or undefined without `/proc`.
   * `scanLinks: false` skips looking for the tracker socket in every process's descriptors (the
   * costly part), for cheap polling while the run goes on.
   */
  members(scanLinks = true): number[] | undefined {
    const table = readProcessTable(this.procRoot);
    if (!table) return undefined;
    this.lastTable = table;
    const self = process.pid;
    const members = new Set<number>();
    for (const info of table.values()) {
      if (info.pid === self) continue;
      const remembered = this.seen.get(info.pid) === info.startTime;
      if (remembered || info.pid === this.rootPid || info.session === this.rootPid || info.pgrp === this.rootPid) members.add(info.pid);
      else if (scanLinks && this.tracker && holdsLink(this.procRoot, info.pid, this.tracker)) members.add(info.pid);
    }
    // Descendants by parent, to a fixed point (a child may have left the session and dropped the socket).
    let grew = true;
    while (grew) {
      grew = false;
      for (const info of table.values()) {
        if (info.pid !== self && !members.has(info.pid) && members.has(info.ppid)) {
          members.add(info.pid);
          grew = true;
        }
      }
    }
    for (const pid of members) this.seen.set(pid, table.get(pid)!.startTime);
    return [...members];
  }

  /** Records the current members (parent, session and group links only), so they are stopped later even if they drop every link to the run. */
  remember(): void {
    this.members(false);
  }

  /** Sends `signal` to the group and to every member. Returns how many members there were (-1 without `/proc`). */
  signal(signal: NodeJS.Signals): number {
    signalTarget(-this.rootPid, signal);
    const members = this.members();
    if (!members) return -1;
    for (const pid of members) signalTarget(pid, signal);
    return members.length;
  }

  /**
   * True while any member is still running. Zombies do not count: they have exited and run nothing,
   * and one reparented to an init that reaps slowly (as in some containers) would hold the run up.
   * Without `/proc`, true while the group has any process, zombies included.
   */
  alive(): boolean {
    const members = this.members();
    if (members) return members.some((pid) => this.lastTable?.get(pid)?.state !== 'Z');
    try {
      process.kill(-this.rootPid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/** The `socket:[inode]` (or `pipe:[inode]`) that file descriptor `fd` of `pid` refers to, or undefined. */
export function fdLink(pid: number, fd: number, procRoot = '/proc'): string | undefined {
  try {
    return readlinkSync(`${procRoot}/${pid}/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/** Every process in `/proc` by pid, or undefined when `/proc` cannot be listed (not Linux). */
export function readProcessTable(procRoot = '/proc'): Map<number, ProcessInfo> | undefined {
  let names: string[];
  try {
    names = readdirSync(procRoot);
  } catch {
    return undefined;
  }
  const table = new Map<number, ProcessInfo>();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`${procRoot}/${name}/stat`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    const info = parseStat(stat);
    if (info) table.set(info.pid, info);
  }
  return table;
}

/**
 * Reads `/proc/<pid>/stat`: `pid (comm) state ppid pgrp session … starttime …`. The command name
 * may hold spaces and parentheses, so fields are counted from the last `)`. Undefined when malformed.
 */
export function parseStat(stat: string): ProcessInfo | undefined {
  const close = stat.lastIndexOf(')');
  const pid = Number.parseInt(stat, 10);
  if (close < 0 || !Number.isInteger(pid)) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  // fields[0] is the state; starttime is field 22 of the whole line, so index 19 here.
  const [ppid, pgrp, session] = [fields[1], fields[2], fields[3]].map(Number);
  if (![ppid, pgrp, session].every(Number.isInteger) || fields[19] === undefined) return undefined;
  return { pid, ppid: ppid!, pgrp: pgrp!, session: session!, state: fields[0]!, startTime: fields[19] };
}

function holdsLink(procRoot: string, pid: number, link: string): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`${procRoot}/${pid}/fd`);
  } catch {
    return false; // another user's process, or gone
  }
  for (const fd of fds) {
    try {
      if (readlinkSync(`${procRoot}/${pid}/fd/${fd}`) === link) return true;
    } catch {
      // closed meanwhile
    }
  }
  return false;
}

function signalTarget(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch {
    // ESRCH: already gone, which is what we wanted; EPERM: not ours to stop.
  }
}
